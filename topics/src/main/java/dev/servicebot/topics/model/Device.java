package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/** A device embedded in a customer record, e.g. {@code dev_001 SmartSpeaker living_room}. */
public record Device(String id, String type, String location) implements Validated {

    public Device withLocation(String newLocation) {
        return new Device(id, type, newLocation);
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "id", id);
        Rules.text(problems, "type", type);
        Rules.text(problems, "location", location);
        return problems;
    }
}
