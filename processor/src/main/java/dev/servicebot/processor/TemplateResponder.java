package dev.servicebot.processor;

import dev.servicebot.processor.understanding.Understanding;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.RequestType;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The default wording: deterministic, specific (names the device and the room) and plain about
 * what was done, what was not, and why.
 */
public final class TemplateResponder implements Responder {
    private static final Map<String, String> ACTIONS = Map.of(
            "status_check", "check a device's status",
            "volume_control", "change the volume",
            "device_info", "get information about your devices",
            "device_relocation", "move devices between rooms",
            "music_services", "play music",
            "multi_room_audio", "play audio across several rooms",
            "custom_actions", "create routines and schedules");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])");
    private static final Pattern GREETING = Pattern.compile("^ (?:hi|hello|hey|good (?:morning|afternoon|evening)|howdy)\\b");
    private static final Pattern THANKS = Pattern.compile(" (?:thanks|thank you|cheers|great|cool) ");
    private static final Pattern POWER = Pattern.compile(" (?:turn|switch|power|shut)\\w* ");
    private static final Pattern OTHER_APPLIANCES = Pattern.compile(" (?:lights?|lamps?|thermostat|temperature|heating|heat|door|lock|blinds) ");

    @Override
    public String respond(Facts f) {
        return switch (f.situation()) {
            case UNKNOWN_CUSTOMER -> "I can't find an account for " + f.customerId()
                    + ". If you have just signed up, please try again in a minute; otherwise contact support.";
            case UNKNOWN_TIER -> "Your account's service plan (" + f.customer().serviceLevel() + ") isn't set up on our side yet, "
                    + "so I can't act on requests right now. Our support team can fix this for you.";
            case NOT_A_REQUEST -> notARequest(f);
            case CLARIFY -> clarify(f);
            case NO_DEVICES -> "There are no devices on your account yet, so there is nothing I can " + verb(f.understanding().type())
                    + ". Once a device is added, just ask again.";
            case DEVICE_NOT_FOUND -> "I couldn't find that device on your account. You have " + list(f.customer().devices()) + ".";
            case AMBIGUOUS -> "Which one do you mean: " + choices(f.resolution().devices()) + "?";
            case DENIED -> denied(f);
            case ACTED -> acted(f);
        };
    }

    private String notARequest(Facts f) {
        String text = f.understanding().utterance().normalized();
        String can = actions(f.tier().allowedActions());
        if (OTHER_APPLIANCES.matcher(text).find()) {
            return "I can't control lights, heating or locks; I look after your smart speakers, displays and hubs. I can " + can + ".";
        }
        if (POWER.matcher(text).find()) {
            return "I can't switch devices on or off remotely; please use the device's power button or its app. I can " + can + ".";
        }
        if (f.understanding().utterance().negated()) {
            return "Okay, I won't do that. Anything else? I can " + can + ".";
        }
        if (THANKS.matcher(text).find()) {
            return "You're welcome! Anything else I can help with?";
        }
        String hello = GREETING.matcher(text).find() ? "Hello " + firstName(f) + "! " : "I'm not sure what you'd like me to do. ";
        return hello + "I can " + can + ". For example: \"Is my " + example(f) + " online?\"";
    }

    /** "Do you want me to move your speaker to the kitchen, or play music in the kitchen?" */
    private String clarify(Facts f) {
        List<RequestType> options = f.alternatives();
        String first = reading(options.get(0), f);
        String second = options.get(1) == null ? null : reading(options.get(1), f);
        if (first == null) {
            return "I'm not sure I understood. Do you want me to " + second + ", or is it about something else?";
        }
        return "I want to get this right: do you want me to " + first + (second == null ? ", or is it about something else?" : ", or " + second + "?");
    }

    /** A request type in the customer's words, with what the message said (device, room, music). */
    private static String reading(RequestType type, Facts f) {
        if (type == null) {
            return null;
        }
        Understanding u = f.understanding();
        String device = "your " + (u.device().typeWord() != null ? u.device().typeWord()
                : f.customer() != null && f.customer().devices().size() == 1 ? kind(f.customer().devices().get(0)) : "device");
        var read = dev.servicebot.processor.understanding.ParameterExtractor.extract(u.utterance(), type, "reading");
        String to = read.parameter(Understanding.TO);
        String query = read.parameter(Understanding.QUERY);
        return switch (type) {
            case DEVICE_STATUS -> "check whether " + device + " is working";
            case VOLUME_CHANGE -> "change the volume on " + device;
            case DEVICE_INFO -> "tell you about " + device;
            case DEVICE_RELOCATION -> "record that " + device + " moved" + (to != null ? " to the " + room(to) : " to another room");
            case PLAY_MUSIC -> "play " + (query != null ? query : "music") + " on " + device;
            case MULTI_ROOM_SETUP -> "play " + (query != null ? query : "music") + " on several speakers together";
            case CUSTOM_ROUTINE -> "set up a routine for " + device;
        };
    }

    private String denied(Facts f) {
        var d = f.decision();
        StringBuilder text = new StringBuilder();
        text.append("Sorry, ").append(firstName(f)).append(": to ").append(actions(d.missing()))
                .append(" you need a plan that includes it; your ").append(title(f.tier().level())).append(" plan doesn't.");
        d.unlockingTier().ifPresent(t -> text.append(" Upgrading to ").append(title(t.level())).append(" would unlock it."));
        if (f.resolution() != null && f.resolution().kind() == DeviceResolver.Resolution.Kind.RESOLVED) {
            text.append(" Your ").append(names(f.resolution().devices())).append(" stays as it is.");
        }
        text.append(" With ").append(title(f.tier().level())).append(" you can ").append(actions(d.availableActions())).append(".");
        return text.toString();
    }

    private String acted(Facts f) {
        Understanding u = f.understanding();
        List<Device> devices = f.resolution().devices();
        Device device = devices.get(0);
        String name = name(device);
        DeviceActions.Result action = f.action();
        switch (action.kind()) {
            case NEEDS_DESTINATION:
                return "Where should I move your " + name + "? For example: \"move it to the kitchen\".";
            case ALREADY_THERE:
                return "Your " + kind(device) + " (" + device.id() + ") is already in the " + room(device.location()) + ".";
            case NOT_AUDIO:
                return "Your " + name + " doesn't play audio. Try one of your speakers or displays.";
            case NEEDS_MORE_SPEAKERS:
                return "Multi-room audio needs at least two speakers or displays; you have " + list(f.customer().devices()) + ".";
            default:
                break;
        }
        return switch (u.type()) {
            case DEVICE_STATUS -> devices.size() == 1
                    ? "Your " + kind(device) + " (" + device.id() + ") is registered and set up in the " + room(device.location())
                        + ". I have no fault reported for it; if it isn't responding, unplug it for ten seconds and plug it back in."
                    : "All " + devices.size() + " of your devices are registered with no fault reported: " + list(devices) + ".";
            case DEVICE_INFO -> devices.size() == 1
                    ? "Your " + kind(device) + " (" + device.id() + ") is a " + device.type() + " in the " + room(device.location()) + "."
                    : "You have " + devices.size() + " devices: " + list(devices) + ".";
            case DEVICE_RELOCATION -> "Done: your " + kind(device) + " (" + device.id() + ") has moved from the "
                    + room(device.location()) + " to the " + room(u.parameter(Understanding.TO)) + ".";
            case VOLUME_CHANGE -> volume(u, name);
            case PLAY_MUSIC -> music(u, name);
            case MULTI_ROOM_SETUP -> "Done: " + names(devices) + " now play together"
                    + (u.parameter(Understanding.QUERY) != null ? ", starting with " + u.parameter(Understanding.QUERY) : "") + ".";
            case CUSTOM_ROUTINE -> "I've set up a routine on your " + name
                    + (u.parameter(Understanding.SCHEDULE) != null ? " to run " + u.parameter(Understanding.SCHEDULE) : "")
                    + ": \"" + u.parameter(Understanding.ROUTINE) + "\".";
        };
    }

    private static String volume(Understanding u, String name) {
        String direction = u.parameter(Understanding.DIRECTION);
        return switch (direction == null ? "up" : direction) {
            case "mute" -> "Done: your " + name + " is muted.";
            case "unmute" -> "Done: your " + name + " is unmuted.";
            case "set" -> "Done: your " + name + " is set to volume " + u.parameter(Understanding.LEVEL) + " of 10.";
            case "down" -> "Done: I've turned your " + name + " down.";
            default -> "Done: I've turned your " + name + " up.";
        };
    }

    private static String music(Understanding u, String name) {
        String command = u.parameter(Understanding.COMMAND);
        String query = u.parameter(Understanding.QUERY);
        return switch (command == null ? "play" : command) {
            case "next" -> "Skipping to the next track on your " + name + ".";
            case "previous" -> "Going back to the previous track on your " + name + ".";
            case "pause", "stop" -> "Paused the music on your " + name + ".";
            case "resume" -> "Resuming the music on your " + name + ".";
            case "shuffle" -> "Shuffling your music on your " + name + ".";
            default -> "Playing " + (query != null ? query : "some music") + " on your " + name + ".";
        };
    }

    private static String verb(RequestType type) {
        return type == null ? "do" : switch (type) {
            case DEVICE_STATUS -> "check";
            case DEVICE_INFO -> "tell you about";
            case DEVICE_RELOCATION -> "move";
            default -> "play on";
        };
    }

    /** "smart speaker in the living room (dev_001)". */
    static String name(Device device) {
        return kind(device) + " in the " + room(device.location()) + " (" + device.id() + ")";
    }

    static String kind(Device device) {
        return CAMEL.matcher(device.type()).replaceAll(" ").toLowerCase();
    }

    static String room(String location) {
        return location == null ? "" : location.replace('_', ' ');
    }

    private static String names(List<Device> devices) {
        return join(devices.stream().map(TemplateResponder::name).toList());
    }

    private static String list(List<Device> devices) {
        return devices.isEmpty() ? "no devices" : join(devices.stream().map(d -> "a " + name(d)).toList());
    }

    private static String choices(List<Device> devices) {
        return join(devices.stream().map(d -> "the " + name(d)).toList()).replace(" and the ", " or the ");
    }

    static String actions(List<String> actions) {
        return join(actions.stream().map(a -> ACTIONS.getOrDefault(a, a.replace('_', ' '))).toList());
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", ")) + " and " + items.get(items.size() - 1);
    }

    private static String title(String level) {
        return level.isEmpty() ? level : Character.toUpperCase(level.charAt(0)) + level.substring(1);
    }

    private static String firstName(Facts f) {
        String name = f.customer() == null ? "" : f.customer().name();
        return name.contains(" ") ? name.substring(0, name.indexOf(' ')) : name;
    }

    private static String example(Facts f) {
        return f.customer().devices().isEmpty() ? "speaker" : room(f.customer().devices().get(0).location()) + " "
                + kind(f.customer().devices().get(0)).replace("smart ", "");
    }
}
