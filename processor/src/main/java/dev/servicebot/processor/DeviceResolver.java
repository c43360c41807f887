package dev.servicebot.processor;

import dev.servicebot.processor.understanding.DeviceReference;
import dev.servicebot.processor.understanding.StructureRules;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.CatalogueEntry;
import dev.servicebot.topics.model.RequestType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the device(s) a message is about, among the customer's own: by id, by type ("speaker"),
 * by room ("kitchen speaker"), the customer's only device, or the device the conversation was
 * about ("move it"). When that leaves more than one, the bot asks rather than guesses.
 */
public final class DeviceResolver {
    private static final Pattern ROOM = Pattern.compile(" " + StructureRules.ROOM + " ");

    /** The outcome: the devices acted on, or why there are none. */
    public record Resolution(Kind kind, List<Device> devices) {
        public enum Kind { RESOLVED, AMBIGUOUS, NOT_FOUND, NO_DEVICES }

        public Device device() {
            return devices.get(0);
        }

        static Resolution of(Kind kind, List<Device> devices) {
            return new Resolution(kind, List.copyOf(devices));
        }
    }

    public Resolution resolve(Customer customer, RequestType type, DeviceReference reference, Optional<String> conversationDevice) {
        CatalogueEntry entry = type.entry();
        List<Device> owned = customer.devices();
        if (owned.isEmpty()) {
            return Resolution.of(Resolution.Kind.NO_DEVICES, List.of());
        }
        if (reference.deviceId() != null) {
            return customer.device(reference.deviceId())
                    .map(d -> Resolution.of(Resolution.Kind.RESOLVED, List.of(d)))
                    .orElseGet(() -> Resolution.of(Resolution.Kind.NOT_FOUND, List.of()));
        }
        List<Device> candidates = owned.stream()
                .filter(d -> reference.typeWord() == null || d.type().toLowerCase().contains(reference.typeWord()))
                .toList();
        List<Device> inNamedRoom = candidates.stream().filter(d -> mentions(reference.selectorText(), d.location())).toList();
        boolean roomNamed = owned.stream().anyMatch(d -> mentions(reference.selectorText(), d.location()));

        if (entry.target() == CatalogueEntry.Target.group) {
            // Audio devices only, before counting: "the office and the reception" with a hub in reception is one speaker.
            List<Device> namedAudio = inNamedRoom.stream().filter(DeviceResolver::playsAudio).toList();
            List<Device> audio = namedAudio.size() >= 2 ? namedAudio : owned.stream().filter(DeviceResolver::playsAudio).toList();
            return Resolution.of(audio.isEmpty() ? Resolution.Kind.NOT_FOUND : Resolution.Kind.RESOLVED, audio);
        }
        if (!roomNamed && ROOM.matcher(reference.selectorText()).find() && entry.target() != CatalogueEntry.Target.listed) {
            return Resolution.of(Resolution.Kind.NOT_FOUND, List.of()); // "my kitchen speaker", but none is in a kitchen
        }
        if (roomNamed) {
            if (inNamedRoom.isEmpty()) {
                return Resolution.of(Resolution.Kind.NOT_FOUND, List.of());
            }
            return pick(inNamedRoom, reference.plural());
        }
        if (reference.typeWord() != null) {
            if (candidates.isEmpty()) {
                return Resolution.of(Resolution.Kind.NOT_FOUND, List.of());
            }
            if (candidates.size() > 1 && !reference.plural()) {
                Optional<Device> current = conversationDevice.flatMap(customer::device).filter(candidates::contains);
                if (current.isPresent()) {
                    return Resolution.of(Resolution.Kind.RESOLVED, List.of(current.get()));
                }
            }
            return pick(candidates, reference.plural());
        }
        // Nothing named: "it", "louder please", "what devices do I have".
        if (reference.plural() || (entry.target() == CatalogueEntry.Target.listed && !reference.pronoun() && owned.size() > 1)) {
            return Resolution.of(Resolution.Kind.RESOLVED, owned);
        }
        Optional<Device> current = conversationDevice.flatMap(customer::device);
        if (current.isPresent()) {
            return Resolution.of(Resolution.Kind.RESOLVED, List.of(current.get()));
        }
        List<Device> suitable = entry.audio() ? owned.stream().filter(DeviceResolver::playsAudio).toList() : owned;
        if (suitable.size() == 1) {
            return Resolution.of(Resolution.Kind.RESOLVED, suitable);
        }
        return Resolution.of(suitable.isEmpty() ? Resolution.Kind.NOT_FOUND : Resolution.Kind.AMBIGUOUS, suitable.isEmpty() ? owned : suitable);
    }

    private static Resolution pick(List<Device> devices, boolean plural) {
        if (devices.size() == 1 || plural) {
            return Resolution.of(Resolution.Kind.RESOLVED, devices);
        }
        return Resolution.of(Resolution.Kind.AMBIGUOUS, devices);
    }

    /** Whether the text names this room: "living_room" matches "living room". */
    static boolean mentions(String text, String location) {
        String words = location.toLowerCase().replace('_', ' ').trim();
        return !words.isEmpty() && text.contains(" " + words + " ");
    }

    /** Speakers and displays play audio; a hub does not. */
    public static boolean playsAudio(Device device) {
        String type = device.type().toLowerCase();
        return type.contains("speaker") || type.contains("display");
    }
}
