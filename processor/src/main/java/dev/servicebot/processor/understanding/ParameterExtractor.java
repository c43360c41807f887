package dev.servicebot.processor.understanding;

import dev.servicebot.topics.model.RequestType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls the details of a request out of the text: where to, how loud, what to play, when. */
public final class ParameterExtractor {
    private static final Pattern DEVICE_ID = Pattern.compile(" (dev_[a-z0-9]+) ");
    private static final Pattern TYPE = Pattern.compile(" (?:smart )?(speaker|display|hub)s? ");
    private static final Pattern PLURAL = Pattern.compile(" (?:devices|speakers|displays|hubs|all|everything|every|both) ");
    private static final Pattern PRONOUN = Pattern.compile(" (?:it|that|this one|that one|the same one|the one) ");

    private static final Pattern PERCENT = Pattern.compile(" (\\d{1,3}) ?(?:%|percent) ");
    private static final Pattern LEVEL = Pattern.compile(" (?:volume|level|to|at) (\\d{1,2}) ");
    private static final Pattern MAX = Pattern.compile(" (?:max|maximum|all the way up|full) ");
    private static final Pattern MIN = Pattern.compile(" (?:min|minimum|all the way down) ");
    private static final Pattern UNMUTE = Pattern.compile(" unmute ");
    private static final Pattern MUTE = Pattern.compile(" (?:mute|silence) ");
    private static final Pattern DOWN = Pattern.compile(" (?:down|lower|quieter|softer|decrease|reduce|too loud) ");

    private static final Pattern MUSIC_COMMAND = Pattern.compile(" (next|skip|previous|pause|resume|stop|shuffle) ");
    private static final Pattern MUSIC_QUERY = Pattern.compile(" (?:play|playing|put on|listen to|hear) (.+?)(?: (?:on|in|at|through|across|throughout) .*)?$");
    private static final Pattern FILLER = Pattern.compile("^(?:me |us )?(?:some |a |an |the |my )?|(?: please| for me| music)+$");

    private static final Pattern SCHEDULE = Pattern.compile(" ((?:every|each) \\w+(?: \\w+)?(?: at \\d{1,2}(?::\\d{2})?(?: ?[ap] ?m)?)?|"
            + "(?:at )?\\d{1,2}(?::\\d{2})? ?[ap] ?m(?: (?:every|on) \\w+)?|at \\d{1,2}(?::\\d{2})?(?: every \\w+| on \\w+)?|"
            + "when i \\w+(?: \\w+)?|whenever i \\w+|on weekdays|on weekends|daily|nightly|at bedtime|at sunrise|at sunset|"
            + "in the (?:morning|evening)|tomorrow morning(?: at \\d{1,2})?) ");

    private ParameterExtractor() {
    }

    /** The details of {@code u} read as a request of {@code type} (null: none), with the reason it was read so. */
    public static Understanding extract(Utterance u, RequestType type, String reason) {
        String text = u.text();
        Map<String, String> params = new LinkedHashMap<>();
        String selector = text;
        if (type == RequestType.DEVICE_RELOCATION) {
            String source = RoomPhrases.source(u.normalized());
            if (source != null) {
                params.put(Understanding.FROM, source);
            }
            String destination = RoomPhrases.destination(u.normalized());
            if (destination != null) {
                params.put(Understanding.TO, location(destination));
                selector = withoutLast(text, destination.replace('_', ' '));
            }
        } else if (type == RequestType.VOLUME_CHANGE) {
            volume(text, params);
        } else if (type == RequestType.PLAY_MUSIC) {
            music(text, params);
        } else if (type == RequestType.CUSTOM_ROUTINE) {
            Matcher schedule = SCHEDULE.matcher(text);
            if (schedule.find()) {
                params.put(Understanding.SCHEDULE, schedule.group(1).trim());
            }
            params.put(Understanding.ROUTINE, u.original().trim());
        } else if (type == RequestType.MULTI_ROOM_SETUP) {
            Matcher query = MUSIC_QUERY.matcher(text);
            if (query.find()) {
                String q = FILLER.matcher(query.group(1).trim()).replaceAll("").trim();
                if (!q.isEmpty() && !q.matches("(?:music|this|it|something|(?:the )?same\\b.*|everywhere|together.*)")) {
                    params.put(Understanding.QUERY, q);
                }
            }
        }
        Matcher id = DEVICE_ID.matcher(text);
        Matcher typeWord = TYPE.matcher(selector);
        DeviceReference reference = new DeviceReference(
                id.find() ? id.group(1) : null,
                typeWord.find() ? typeWord.group(1) : null,
                PRONOUN.matcher(text).find(),
                PLURAL.matcher(selector).find(),
                selector);
        return new Understanding(type, reason, reference, params, u);
    }

    private static void volume(String text, Map<String, String> params) {
        Matcher percent = PERCENT.matcher(text);
        Matcher level = LEVEL.matcher(text);
        if (UNMUTE.matcher(text).find()) {
            params.put(Understanding.DIRECTION, "unmute");
        } else if (MUTE.matcher(text).find()) {
            params.put(Understanding.DIRECTION, "mute");
        } else if (percent.find()) {
            params.put(Understanding.DIRECTION, "set");
            params.put(Understanding.LEVEL, Integer.toString(Math.min(10, Math.round(Integer.parseInt(percent.group(1)) / 10f))));
        } else if (level.find() && Integer.parseInt(level.group(1)) <= 10) {
            params.put(Understanding.DIRECTION, "set");
            params.put(Understanding.LEVEL, level.group(1));
        } else if (MAX.matcher(text).find()) {
            params.put(Understanding.DIRECTION, "set");
            params.put(Understanding.LEVEL, "10");
        } else if (MIN.matcher(text).find()) {
            params.put(Understanding.DIRECTION, "set");
            params.put(Understanding.LEVEL, "1");
        } else if (DOWN.matcher(text).find()) {
            params.put(Understanding.DIRECTION, "down");
        } else {
            params.put(Understanding.DIRECTION, "up"); // louder, turn it up, or just "volume"
        }
    }

    private static void music(String text, Map<String, String> params) {
        Matcher command = MUSIC_COMMAND.matcher(text);
        if (command.find()) {
            String c = command.group(1);
            params.put(Understanding.COMMAND, c.equals("skip") ? "next" : c);
            return;
        }
        params.put(Understanding.COMMAND, "play");
        Matcher query = MUSIC_QUERY.matcher(text);
        if (query.find()) {
            String q = FILLER.matcher(query.group(1).trim()).replaceAll("").trim();
            if (!q.isEmpty() && !q.equals("music") && !q.equals("something")) {
                params.put(Understanding.QUERY, q);
            }
        }
    }

    /** "living room" as the data model writes locations: "living_room". */
    public static String location(String words) {
        return words.trim().replace(' ', '_');
    }

    private static String withoutLast(String text, String phrase) {
        int at = text.lastIndexOf(" " + phrase + " ");
        return at < 0 ? text : text.substring(0, at) + " " + text.substring(at + phrase.length() + 2);
    }
}
