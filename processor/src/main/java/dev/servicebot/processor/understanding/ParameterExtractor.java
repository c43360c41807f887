package dev.servicebot.processor.understanding;

import dev.servicebot.topics.model.RequestType;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final Pattern NOT_A_QUERY = Pattern.compile("music|this|it|something|(?:the )?same\\b.*|everywhere|together.*");
    /** Words around what to play that are not part of it: "me some jazz please" is "jazz". */
    private static final List<String> FOR_WHOM = List.of("me ", "us ");
    private static final List<String> ARTICLES = List.of("some ", "a ", "an ", "the ", "my ");
    private static final List<String> TRAILING_FILLER = List.of(" please", " for me", " music");

    private static final Pattern SCHEDULE = Pattern.compile(" ((?:every|each) \\w+(?: \\w+)?(?: at \\d{1,2}(?::\\d{2})?(?: ?[ap] ?m)?)?|"
            + "(?:at )?\\d{1,2}(?::\\d{2})? ?[ap] ?m(?: (?:every|on) \\w+)?|at \\d{1,2}(?::\\d{2})?(?: every \\w+| on \\w+)?|"
            + "when i \\w+(?: \\w+)?|whenever i \\w+|on weekdays|on weekends|daily|nightly|at bedtime|at sunrise|at sunset|"
            + "in the (?:morning|evening)|tomorrow morning(?: at \\d{1,2})?) ");

    private ParameterExtractor() {
    }

    /**
     * The details of {@code u} read as a request of {@code type} (null: none), with the reason it was
     * read so: each parameter the type's catalogue entry names is looked for in the text.
     */
    public static Understanding extract(Utterance u, RequestType type, String reason) {
        String text = u.text();
        Map<String, String> params = new LinkedHashMap<>();
        String selector = text;
        List<String> wanted = type == null || !type.known() ? List.of() : type.entry().parameters();
        for (String name : wanted) {
            switch (name) {
                case Understanding.FROM -> {
                    String source = RoomPhrases.source(u.normalized());
                    if (source != null && RoomName.problem(source, u.original()) == null) {
                        params.put(name, source);
                    }
                }
                case Understanding.TO -> {
                    RoomPhrases.Destination destination = RoomPhrases.destinationOf(u.normalized());
                    String problem = destination == null ? null : RoomName.problem(destination.name(), u.original());
                    if (problem != null) {
                        params.put(Understanding.UNUSABLE_TO, problem); // said so in the reply; the text itself goes nowhere
                    } else if (destination != null) {
                        params.put(name, destination.name());
                        if (destination.introduced()) {
                            // "move the kitchen speaker to the bedroom": the device is chosen without the destination's words;
                            // a bare room ("the kitchen", answering "which one?") may name the device, so it stays.
                            selector = withoutLast(text, destination.name().replace('_', ' '));
                        }
                    }
                }
                case Understanding.DIRECTION -> volume(text, params);
                case Understanding.LEVEL -> { } // read together with the direction
                case Understanding.COMMAND -> params.put(name, musicCommand(text));
                case Understanding.QUERY -> {
                    if (params.getOrDefault(Understanding.COMMAND, "play").equals("play")) {
                        put(params, name, query(text));
                    }
                }
                case Understanding.SCHEDULE -> {
                    Matcher schedule = SCHEDULE.matcher(text);
                    put(params, name, schedule.find() ? schedule.group(1).trim() : null);
                }
                case Understanding.ROUTINE -> params.put(name, u.original().trim());
                default -> throw new IllegalStateException("request type '" + type + "' names parameter '" + name
                        + "', which nothing reads; add it to ParameterExtractor");
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

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
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

    private static String musicCommand(String text) {
        Matcher command = MUSIC_COMMAND.matcher(text);
        if (!command.find()) {
            return "play";
        }
        return command.group(1).equals("skip") ? "next" : command.group(1);
    }

    /** What to play, "some jazz on the patio" → "jazz"; null when it is only "music", "it", "the same"... */
    private static String query(String text) {
        Matcher query = MUSIC_QUERY.matcher(text);
        if (!query.find()) {
            return null;
        }
        String q = withoutFiller(query.group(1).trim()).trim();
        return q.isEmpty() || NOT_A_QUERY.matcher(q).matches() ? null : q;
    }

    /**
     * One "me"/"us" and one article off the front, every "please", "for me" and "music" off the end.
     * Stripped word by word: a pattern anchored at the end ("(?: please)+$") is retried from every
     * position and was quadratic on "play please please ... please x".
     */
    private static String withoutFiller(String query) {
        String q = withoutPrefix(withoutPrefix(query, FOR_WHOM), ARTICLES);
        int end = q.length();
        for (boolean stripped = true; stripped; ) {
            stripped = false;
            for (String filler : TRAILING_FILLER) {
                if (q.startsWith(filler, end - filler.length())) {
                    end -= filler.length();
                    stripped = true;
                }
            }
        }
        return q.substring(0, end);
    }

    private static String withoutPrefix(String text, List<String> prefixes) {
        return prefixes.stream().filter(text::startsWith).findFirst().map(p -> text.substring(p.length())).orElse(text);
    }

    private static String withoutLast(String text, String phrase) {
        int at = text.lastIndexOf(" " + phrase + " ");
        return at < 0 ? text : text.substring(0, at) + " " + text.substring(at + phrase.length() + 2);
    }
}
