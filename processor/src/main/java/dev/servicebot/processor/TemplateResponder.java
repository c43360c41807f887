package dev.servicebot.processor;

import dev.servicebot.processor.understanding.Understanding;
import dev.servicebot.processor.understanding.ParameterExtractor;
import dev.servicebot.processor.understanding.RoomName;
import dev.servicebot.topics.model.CatalogueEntry;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.RequestCatalogue;
import dev.servicebot.topics.model.RequestType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The default wording: deterministic, specific (names the device and the room) and plain about
 * what was done, what was not, and why.
 */
public final class TemplateResponder implements Responder {
    private static final Map<String, String> ACTIONS = RequestCatalogue.standard().actionPhrases();
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
            case NO_DEVICES -> "There are no devices on your account yet, so I can't "
                    + reading(f.understanding().type(), f, "a device") + ". Once a device is added, just ask again.";
            case DEVICE_NOT_FOUND -> "I couldn't find that device on your account. You have " + list(f.customer().devices()) + ".";
            case AMBIGUOUS -> "Which one do you mean: " + choices(f.resolution().devices()) + "?";
            case DENIED -> denied(f);
            case ACTED -> acted(f);
            case HANDED_OFF -> Phrase.fill(f.understanding().type().entry().reply(null), phraseValues(f.understanding().parameters()));
        };
    }

    @Override
    public String offerOfPerson() {
        return "If you'd rather talk to a person, say yes and I'll bring in someone from our support team.";
    }

    @Override
    public String agentJoined(String agentName) {
        return agentName + " from our support team has joined the conversation.";
    }

    @Override
    public String agentLeft(String agentName) {
        return agentName + " has handed the conversation back to me. Ask me anything about your devices.";
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

    /** "Do you want me to record that your speaker moved to the kitchen, or play music on your speaker?" */
    private String clarify(Facts f) {
        List<RequestType> options = f.alternatives();
        String first = options.get(0) == null ? null : reading(options.get(0), f, null);
        String second = options.get(1) == null ? null : reading(options.get(1), f, null);
        if (first == null) {
            return "I'm not sure I understood. Do you want me to " + second + ", or is it about something else?";
        }
        return "I want to get this right: do you want me to " + first + (second == null ? ", or is it about something else?" : ", or " + second + "?");
    }

    /** A request type in the customer's words (its catalogue reading), with what the message said: device, room, music. */
    private static String reading(RequestType type, Facts f, String device) {
        Understanding u = f.understanding();
        if (device == null) {
            device = "your " + (u.device().typeWord() != null ? u.device().typeWord()
                    : f.customer() != null && f.customer().devices().size() == 1 ? kind(f.customer().devices().get(0)) : "device");
        }
        Map<String, String> values = phraseValues(ParameterExtractor.extract(u.utterance(), type, "reading").parameters());
        values.put("device", device);
        return Phrase.fill(type.entry().reading(), values);
    }

    /** What is locked, which plan unlocks it, and one thing the customer can do now. */
    private String denied(Facts f) {
        var d = f.decision();
        String plan = title(f.tier().level());
        StringBuilder text = new StringBuilder("Sorry, ").append(firstName(f)).append(": your ").append(plan)
                .append(" plan doesn't include the option to ").append(actions(d.missing())).append(".");
        d.unlockingTier().ifPresentOrElse(
                t -> text.append(" The ").append(title(t.level())).append(" plan does."),
                () -> text.append(" No plan includes it yet."));
        RequestCatalogue.standard().entries().stream()
                .filter(e -> d.availableActions().contains(e.action()) && !e.examples().isEmpty())
                .findFirst()
                .ifPresent(e -> text.append(" What I can do now is ").append(e.can())
                        .append(": try \"").append(e.examples().get(0)).append("\""));
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
            case NEEDS_CONFIRMATION:
                return "Move your " + name + " to the '" + room(u.parameter(Understanding.TO)) + "'? That room is new on your account."
                        + " Say yes to confirm, or no to leave it where it is.";
            case KEPT:
                return "Okay, I've left your " + name + " where it is.";
            case UNUSABLE_ROOM:
                return unusableRoom(u.parameter(Understanding.UNUSABLE_TO)) + ": " + RoomName.RULE + ". Where should I move your " + name
                        + "? For example: \"move it to the kitchen\".";
            case ALREADY_THERE:
                return "Your " + kind(device) + " is already in the " + room(device.location()) + ".";
            case NOT_AUDIO:
                Device silent = devices.stream().filter(d -> !DeviceResolver.playsAudio(d)).findFirst().orElse(device);
                return "Your " + name(silent) + " doesn't play audio. Try one of your speakers or displays.";
            case NEEDS_MORE_SPEAKERS:
                return "Multi-room audio needs at least two speakers or displays; you have " + list(f.customer().devices()) + ".";
            default:
                break;
        }
        CatalogueEntry entry = u.type().entry();
        Map<String, String> values = phraseValues(u.parameters());
        values.put("device", name);
        values.put("kind", kind(device));
        values.put("type", device.type());
        values.put("room", room(device.location()));
        values.put("devices", list(devices));
        values.put("group", join(devices.stream().map(d -> "the " + name(d)).toList()));
        values.put("count", Integer.toString(devices.size()));
        String variant = "count".equals(entry.replyBy()) ? (devices.size() == 1 ? "one" : "many")
                : entry.replyBy() == null ? null : u.parameter(entry.replyBy());
        return Phrase.fill(entry.reply(variant), values);
    }

    private static String unusableRoom(String problem) {
        if (RoomName.TOO_LONG.equals(problem)) {
            return "That room name is too long";
        }
        return RoomName.ODD_CHARACTERS.equals(problem) ? "That room name has characters I can't use" : "I can't use that as a room name";
    }

    /** A request's parameters as a phrase shows them: a destination in words ("living room"). */
    private static Map<String, String> phraseValues(Map<String, String> parameters) {
        Map<String, String> values = new HashMap<>(parameters);
        values.computeIfPresent(Understanding.TO, (k, v) -> room(v));
        return values;
    }

    /** "smart speaker in the living room": customers know their devices by kind and room, not by id. */
    static String name(Device device) {
        return kind(device) + " in the " + room(device.location());
    }

    static String kind(Device device) {
        return CAMEL.matcher(device.type()).replaceAll(" ").toLowerCase();
    }

    static String room(String location) {
        return location == null ? "" : location.replace('_', ' ');
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
