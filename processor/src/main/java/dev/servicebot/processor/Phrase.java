package dev.servicebot.processor;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a catalogue phrase: {@code {name}} becomes its value; {@code [a|b]} becomes the first
 * alternative whose names all have values ({@code [a]} disappears when one is missing). Kept this
 * small on purpose: a phrase is wording, not a program.
 */
final class Phrase {
    private static final Pattern OPTIONAL = Pattern.compile("\\[([^\\[\\]]*)]");
    private static final Pattern NAME = Pattern.compile("\\{(\\w+)}");

    private Phrase() {
    }

    static String fill(String phrase, Map<String, String> values) {
        Matcher optional = OPTIONAL.matcher(phrase);
        StringBuilder out = new StringBuilder();
        while (optional.find()) {
            String chosen = "";
            for (String alternative : optional.group(1).split("\\|", -1)) {
                if (allKnown(alternative, values)) {
                    chosen = alternative;
                    break;
                }
            }
            optional.appendReplacement(out, Matcher.quoteReplacement(chosen));
        }
        optional.appendTail(out);
        Matcher name = NAME.matcher(out.toString());
        StringBuilder filled = new StringBuilder();
        while (name.find()) {
            String value = values.get(name.group(1));
            if (value == null) {
                throw new IllegalArgumentException("phrase '" + phrase + "' needs {" + name.group(1) + "}; known: " + values.keySet());
            }
            name.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        name.appendTail(filled);
        return filled.toString();
    }

    private static boolean allKnown(String text, Map<String, String> values) {
        Matcher name = NAME.matcher(text);
        while (name.find()) {
            if (values.get(name.group(1)) == null) {
                return false;
            }
        }
        return true;
    }
}
