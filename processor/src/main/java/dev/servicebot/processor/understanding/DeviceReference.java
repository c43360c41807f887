package dev.servicebot.processor.understanding;

/**
 * How the customer pointed at a device. {@code selectorText} is the message without the
 * destination of a move, so "move the kitchen display to the bedroom" selects by "kitchen".
 *
 * @param deviceId   an explicit id such as dev_002, or null
 * @param typeWord   "speaker", "display" or "hub" when named, or null
 * @param pronoun    "it", "that one": the device the conversation is about
 * @param plural     "my devices", "all speakers": every matching device
 */
public record DeviceReference(String deviceId, String typeWord, boolean pronoun, boolean plural, String selectorText) {

    public boolean explicit() {
        return deviceId != null || typeWord != null;
    }
}
