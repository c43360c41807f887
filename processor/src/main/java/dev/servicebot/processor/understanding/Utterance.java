package dev.servicebot.processor.understanding;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's text made easy to match: lower case, contractions spelled out, common typos
 * corrected, punctuation reduced to word breaks (commas kept as clause breaks), and negated
 * clauses ("don't move my speaker") blanked out so that their verbs are not taken as requests.
 * Every pattern matches against {@link #text()} with spaces at both ends, so " move " is a whole word.
 */
public record Utterance(String original, String normalized, String text, boolean question) {

    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
            Map.entry("isn't", "is not"), Map.entry("aren't", "are not"), Map.entry("doesn't", "does not"),
            Map.entry("don't", "do not"), Map.entry("dont", "do not"), Map.entry("didn't", "did not"),
            Map.entry("can't", "can not"), Map.entry("cant", "can not"), Map.entry("cannot", "can not"),
            Map.entry("won't", "will not"), Map.entry("wasn't", "was not"), Map.entry("i'm", "i am"),
            Map.entry("it's", "it is"), Map.entry("what's", "what is"), Map.entry("whats", "what is"),
            Map.entry("how's", "how is"), Map.entry("hows", "how is"), Map.entry("where's", "where is"),
            Map.entry("that's", "that is"), Map.entry("i'd", "i would"), Map.entry("i've", "i have"),
            Map.entry("i'll", "i will"), Map.entry("you're", "you are"), Map.entry("let's", "let us"));

    /** Short misspellings that edit distance alone would not fix safely. */
    private static final Map<String, String> TYPOS = Map.ofEntries(
            Map.entry("moov", "move"), Map.entry("mov", "move"), Map.entry("plz", "please"), Map.entry("pls", "please"),
            Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("wat", "what"), Map.entry("vol", "volume"),
            Map.entry("screen", "display"), Map.entry("multiroom", "multi room"));

    /**
     * Words worth correcting a near miss to (one edit, words of five letters or more). Sorted, and
     * searched in that order, so a typo one edit from two words ("speakr") is always corrected to the
     * same one, on every run: a {@code Set.of} iterates in a different order in each JVM.
     */
    private static final List<String> VOCABULARY = new TreeSet<>(Set.of(
            "speaker", "speakers", "display", "displays", "volume", "music", "routine", "relocate", "bedroom",
            "kitchen", "playlist", "schedule", "status", "online", "offline", "connected", "working", "louder",
            "quieter", "create", "multi", "device", "devices", "office", "living", "every", "morning", "evening",
            "weekday", "weekdays", "automation", "garage", "hallway", "basement", "location", "change", "synchronize",
            "together", "everywhere", "information", "please", "increase", "decrease", "playing", "songs")).stream().toList();

    private static final Pattern CLAUSE_BREAK = Pattern.compile("([,;.!?])(?=\\s|$)");
    private static final Pattern NUMBER_JOIN = Pattern.compile("(?<=\\d)[:.](?=\\d)");
    private static final Pattern HYPHEN = Pattern.compile("(?<=\\p{L})-(?=\\p{L})");
    /** Letters of any script stay ("küche" is a room); symbols, emoji, markup and control characters break words. */
    private static final Pattern OTHER = Pattern.compile("[^\\p{L}0-9_:%',\\s]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Where a negated clause starts; {@link #withoutNegatedClauses} finds where it ends. */
    private static final Pattern NEGATION = Pattern.compile(" (?:do not|does not|did not|never|no need to|not want to|not wish to|rather not) ");
    /** What ends a negated clause (a clause break or a turn: "but", "just", "instead", "only"), or a comma inside a word. */
    private static final Pattern CLAUSE_END = Pattern.compile(",| , | but | just | instead | only ");
    private static final Pattern QUESTION_START = Pattern.compile(
            "^ (?:is|are|does|do|did|was|were|what|which|where|how|why|who|when|can you (?:check|tell|see)|could you (?:check|tell|see)) ");

    public static Utterance of(String original) {
        String text = original == null ? "" : original;
        // Composed first, so an accent typed as a letter plus a combining mark stays one letter.
        String lower = " " + Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase().replace('’', '\'').replace('‘', '\'') + " ";
        // Keep clause breaks and the parts of numbers and ids; everything else is a word break.
        String spaced = CLAUSE_BREAK.matcher(lower).replaceAll(" , ");
        spaced = NUMBER_JOIN.matcher(spaced).replaceAll(":");
        spaced = HYPHEN.matcher(spaced).replaceAll(" ");
        spaced = OTHER.matcher(spaced).replaceAll(" ");
        List<String> words = new ArrayList<>();
        for (String token : SPACES.split(spaced.trim())) {
            if (token.isEmpty()) {
                continue;
            }
            String word = CONTRACTIONS.getOrDefault(token, token);
            if (word.endsWith("'s")) {
                word = word.substring(0, word.length() - 2); // possessive: "speaker's" is "speaker"
            }
            word = word.replace("'", "");
            word = TYPOS.getOrDefault(word, correct(word));
            words.add(word);
        }
        // Trailing punctuation ends the text; it is not a clause break.
        while (!words.isEmpty() && words.get(words.size() - 1).equals(",")) {
            words.remove(words.size() - 1);
        }
        String normalized = " " + String.join(" ", words) + " ";
        String active = withoutNegatedClauses(normalized);
        boolean question = text.trim().endsWith("?") || QUESTION_START.matcher(normalized).find();
        return new Utterance(text, SPACES.matcher(normalized).replaceAll(" "), SPACES.matcher(active).replaceAll(" "), question);
    }

    public boolean has(Pattern pattern) {
        return pattern.matcher(text).find();
    }

    /** Whether the customer negated something ("don't move it"), for a helpful answer. */
    public boolean negated() {
        return !normalized.equals(text);
    }

    /**
     * The text with each negated clause ("do not move it") blanked, from its negation up to what ends
     * it or the end of the text. A comma inside a word ("a,b") before any end leaves the clause as it is.
     * One scan, each character read once: a regular expression searching for the end from every
     * negation was quadratic on "never never never ... a,b".
     */
    static String withoutNegatedClauses(String text) {
        Matcher negation = NEGATION.matcher(text);
        Matcher end = CLAUSE_END.matcher(text);
        StringBuilder active = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from < text.length() && negation.find(from)) {
            int clauseEnd = end.find(negation.end()) ? end.start() : text.length();
            boolean brokenByAComma = clauseEnd < text.length() && end.group().equals(",");
            if (brokenByAComma) {
                from = clauseEnd + 1; // every negation before this comma ends at it too: none of them is a clause
                continue;
            }
            active.append(text, copied, negation.start()).append(' ');
            copied = clauseEnd;
            from = clauseEnd;
        }
        return active.append(text, copied, text.length()).toString();
    }

    private static String correct(String word) {
        if (word.length() < 5 || VOCABULARY.contains(word) || word.chars().anyMatch(Character::isDigit)) {
            return word;
        }
        for (String candidate : VOCABULARY) {
            if (oneEditApart(word, candidate)) {
                return candidate;
            }
        }
        return word;
    }

    /** One insertion, deletion, substitution or swap of neighbours. */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        if (la == lb) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (diffs++ == 0) {
                        first = i;
                    }
                }
            }
            if (diffs == 1) {
                return true;
            }
            return diffs == 2 && first + 1 < la && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                    && a.substring(first + 2).equals(b.substring(first + 2));
        }
        String shorter = la < lb ? a : b;
        String longer = la < lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }
}
