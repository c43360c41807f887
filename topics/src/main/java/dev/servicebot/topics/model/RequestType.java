package dev.servicebot.topics.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a customer asks for, and the action each kind of request needs.
 * Whether a tier may perform that action is data (the service levels), not code.
 */
public enum RequestType {
    DEVICE_STATUS("device_status", "status_check"),
    VOLUME_CHANGE("volume_change", "volume_control"),
    DEVICE_INFO("device_info", "device_info"),
    DEVICE_RELOCATION("device_relocation", "device_relocation"),
    PLAY_MUSIC("play_music", "music_services"),
    MULTI_ROOM_SETUP("multi_room_setup", "multi_room_audio"),
    CUSTOM_ROUTINE("custom_routine", "custom_actions");

    private final String wireName;
    private final String action;

    RequestType(String wireName, String action) {
        this.wireName = wireName;
        this.action = action;
    }

    /** The name on the wire and in DynamoDB, e.g. {@code device_relocation}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The actions this request needs; a tier allows the request only if it allows all of them. */
    public List<String> requiredActions() {
        return List.of(action);
    }

    public static Optional<RequestType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static RequestType parse(String name) {
        return fromWire(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown request type '" + name + "'; expected one of " + Arrays.stream(values()).map(RequestType::wireName).toList()));
    }
}
