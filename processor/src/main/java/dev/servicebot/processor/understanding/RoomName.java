package dev.servicebot.processor.understanding;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A room as a device's {@code location} stores it, in the data model's form ("living_room"): at
 * most {@link #MAX_LENGTH} characters of letters (any script) and digits, words joined by "_".
 * Customer text becomes a location only through here, so no message can store a 4,000-character
 * or marked-up one.
 */
public record RoomName(String location) {
    /** Words the bot reads after "to the" at most: a room's name is short. */
    public static final int MAX_WORDS = 4;
    public static final int MAX_LENGTH = 40;
    /** What a room name may be, in the customer's words, for the reply to one that is not. */
    public static final String RULE = "a room name is at most " + MAX_WORDS + " words and " + MAX_LENGTH
            + " characters, of letters, digits, spaces, apostrophes and hyphens";

    /** Why a destination cannot be a room name, for {@link Understanding#UNUSABLE_TO} and the reply. */
    public static final String TOO_LONG = "too long";
    public static final String ODD_CHARACTERS = "odd characters";

    /** Rooms people name: a move to one of these, or to a room the customer's devices are in, needs no confirmation. */
    public static final List<String> COMMON = List.of("living_room", "bedroom", "master_bedroom", "guest_room", "kitchen", "office",
            "conference_room", "reception", "dining_room", "bathroom", "garage", "basement", "hallway", "hall", "study", "den", "nursery",
            "kids_room", "attic", "patio", "lounge", "family_room", "laundry_room", "playroom", "porch", "upstairs", "downstairs", "lobby",
            "studio", "workshop");

    /** Said around a word, not part of it: "(kitchen)", "kitchen!", "'granny flat'". */
    private static final String EDGE_PUNCTUATION = ".,!?;:\"'()‘’“”";

    public RoomName {
        if (problem(location) != null) {
            throw new IllegalArgumentException("not a room name: " + location.length() + " characters");
        }
    }

    /** The room name, or empty when {@code location} cannot be one. */
    public static Optional<RoomName> of(String location) {
        return location == null || problem(location) != null ? Optional.empty() : Optional.of(new RoomName(location));
    }

    /** "granny flat", as a reply says it. */
    public String inWords() {
        return location.replace('_', ' ');
    }

    /**
     * Why a destination read from a message cannot be stored, or null when it can.
     *
     * @param location the destination in the data model's form, as read from the normalized text
     * @param original the message as the customer wrote it: normalizing turns "&lt;script&gt;" and
     *                 "bed\u0007room" into plain words, so odd characters are looked for in what was written
     */
    public static String problem(String location, String original) {
        String problem = problem(location);
        return problem != null ? problem : oddlyWritten(location, original) ? ODD_CHARACTERS : null;
    }

    private static String problem(String location) {
        if (location.length() > MAX_LENGTH) {
            return TOO_LONG;
        }
        if (location.isEmpty() || location.startsWith("_") || location.endsWith("_") || location.contains("__")) {
            return ODD_CHARACTERS;
        }
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c != '_' && !Character.isLetterOrDigit(c)) {
                return ODD_CHARACTERS;
            }
        }
        return null;
    }

    /**
     * Whether a word of the room comes from something the customer wrote with characters a room
     * name cannot have ("&lt;script&gt;", "kitchen\u0000"): one pass over the text's tokens.
     */
    private static boolean oddlyWritten(String location, String original) {
        Set<String> words = new HashSet<>(Arrays.asList(location.split("_"))); // "zz_zz" repeats a word
        String text = original == null ? "" : original.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int end = i;
            while (start < end && EDGE_PUNCTUATION.indexOf(text.charAt(start)) >= 0) {
                start++;
            }
            while (end > start && EDGE_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (hasOddCharacter(text, start, end) && hasWordOf(text, start, end, words)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOddCharacter(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!inWord(text.charAt(i)) && text.charAt(i) != '-') {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the letter runs of {@code text[start, end)} is one of {@code words}. */
    private static boolean hasWordOf(String text, int start, int end, Set<String> words) {
        int i = start;
        while (i < end) {
            while (i < end && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < end && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i > from && words.contains(text.substring(from, i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inWord(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '’' || c == '_';
    }
}
