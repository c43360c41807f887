package dev.servicebot.processor.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the rooms a message names, free-text ones included ("the granny flat", "my son's room",
 * "the cupboard under the stairs" stays "cupboard"), from sentence shape: a place preposition, then
 * determiners, then up to four words that stop at a word that cannot be part of a room name. Each
 * room is marked as a source when it is where a device was ("from the kitchen", "used to be in the
 * hall", "not the office"). One pass over the words: linear in the text's length. Whether a name
 * read so can be stored (its length, the characters it was written with) is {@link RoomName}'s to say.
 */
final class RoomPhrases {
    /** A room in the data model's form ("living_room"), and whether the message says it is where the device was. */
    record Room(String name, boolean source, boolean headed, int position) {
    }

    private static final int MAX_WORDS = RoomName.MAX_WORDS;

    private static final Set<String> CUES = Set.of("to", "into", "in", "inside", "on", "onto", "under", "2");
    private static final Set<String> SOURCE_CUES = Set.of("from", "of");
    private static final Set<String> DETERMINERS = Set.of("the", "my", "our", "a", "an", "his", "her", "their", "your", "this", "that", "new");
    /** Words that end a room name: time, politeness, conjunctions, verbs and pronouns. */
    private static final Set<String> STOPS = Set.of(
            "without", "ago", "somehow", "my", "what", "should", "stole", "asked", "asking",
            "now", "please", "pls", "plz", "instead", "for", "because", "since", "so", "and", "but", "with", "last", "these", "from",
            "rather", "not", "specifically", "then", "today", "tonight", "yesterday", "again", "too", "already", "as", "when", "where",
            "which", "that", "if", "is", "it", "was", "has", "had", "been", "be", "are", "update", "change", "record", "note", "tell",
            "thanks", "thank", "you", "can", "could", "would", "will", "by", "at", "there", "here", "while", "after", "before", "until",
            "till", "to", "into", "in", "on", "of", "the", "a", "an", "mate", "lol", "ok", "okay", "yet", "anymore", "permanently",
            "temporarily", "or", "cheers", "thx", "ta", "its", "am", "do", "did", "over", "up", "down", "out", "this", "i", "we", "he",
            "she", "they", "me", "him", "us", "them", "just", "also", "though", "still", "soon", "later", "well", "weeks", "days",
            "months", "years", "ages", "ever", "earlier", "recently", "finally", "btw");
    /** Phrases after a place preposition that are not rooms. */
    private static final Set<String> NOT_ROOMS = Set.of("app", "system", "account", "records", "record", "setup", "settings", "morning",
            "evening", "afternoon", "night", "hour", "minute", "minutes", "winter", "summer", "way", "case", "order", "time", "future", "end",
            "list", "meantime", "fact", "general", "mind", "house", "home", "flat", "place", "room", "group", "one", "same", "other", "it",
            "stairs", "wifi", "party", "season", "weekend", "week", "day", "moment", "middle", "box", "profile", "different room", "another room",
            "right room", "wrong room", "new room", "correct room");
    /** Words a room name usually ends with: a named room ending in one is preferred over one that does not ("to the toaster"). */
    private static final Set<String> HEADS = Set.of("room", "rooms", "bedroom", "kitchen", "office", "lounge", "hall", "hallway", "closet",
            "cupboard", "porch", "deck", "patio", "garage", "basement", "cellar", "attic", "loft", "nursery", "study", "den", "library",
            "pantry", "landing", "conservatory", "sunroom", "snug", "flat", "house", "annex", "annexe", "gym", "studio", "shed", "veranda",
            "verandah", "balcony", "garden", "yard", "lobby", "reception", "bathroom", "ensuite", "suite", "toilet", "loo", "laundry",
            "utility", "mudroom", "cloakroom", "playroom", "workshop", "stairwell", "entryway", "foyer", "parlour", "parlor", "quarters",
            "nook", "bar", "theater", "theatre", "cabin", "cottage", "barn", "terrace", "lanai", "upstairs", "downstairs", "apartment",
            "wing", "corridor", "kitchenette", "washroom", "lavatory", "sauna", "greenhouse", "summerhouse", "boathouse", "dorm", "bedsit",
            "area", "space", "corner", "kiosk", "shop", "store", "storeroom", "cave", "lair", "pad", "crib", "vestibule", "atrium");
    /**
     * Plural owners keep their s ("kids playroom"); a name written without an apostrophe loses it
     * ("into emmas room" is emma's), unless a determiner shows it is a noun ("the games room").
     */
    private static final Set<String> PLURAL_OWNERS = Set.of("kids", "boys", "girls", "twins", "parents", "guests", "teens", "childrens",
            "grandkids", "grandparents", "visitors", "staff", "ladies", "mens", "womens");
    private static final Set<String> OWNER_PRONOUNS = Set.of("his", "her");
    private static final Set<String> PEOPLE = Set.of("son", "daughter", "dad", "mum", "mom", "mother", "father", "brother", "sister",
            "grandma", "grandpa", "granny", "grandad", "grandson", "granddaughter", "nan", "husband", "wife", "partner", "boyfriend",
            "girlfriend", "nephew", "niece", "uncle", "aunt", "auntie", "lodger", "flatmate", "roommate");
    private static final Set<String> DEVICE_WORDS = Set.of("speaker", "speakers", "display", "displays", "hub", "hubs", "device", "devices",
            "screen", "thing", "thingy", "one");

    private RoomPhrases() {
    }

    /** Every room named, in order. {@code text} is an {@link Utterance#normalized()} text. */
    static List<Room> find(String text) {
        String[] words = words(text);
        for (int w = 0; w < words.length; w++) {
            if (w + 1 < words.length && words[w].length() >= 4 && words[w].endsWith("s") && !PLURAL_OWNERS.contains(words[w])
                    && (w == 0 || !DETERMINERS.contains(words[w - 1]))
                    && (words[w + 1].equals("room") || words[w + 1].equals("bedroom"))) {
                words[w] = words[w].substring(0, words[w].length() - 1);
            }
        }
        List<Room> rooms = new ArrayList<>();
        String personBefore = null; // the last family word before word i, for "his room" and "her room"
        for (int i = 0; i < words.length; i++) {
            String lastPerson = personBefore;
            if (PEOPLE.contains(words[i])) {
                personBefore = words[i];
            }
            String cue = words[i];
            boolean source = SOURCE_CUES.contains(cue);
            if (!CUES.contains(cue) && !source) {
                continue;
            }
            if (cue.equals("of") && !(i > 0 && (words[i - 1].equals("out") || words[i - 1].equals("instead")))) {
                continue; // "out of the bathroom", "instead of the kitchen" are sources; other "of"s are not places
            }
            source |= sourceBefore(words, i);
            int j = i + 1;
            while (j < words.length && DETERMINERS.contains(words[j])) {
                j++;
            }
            List<String> name = new ArrayList<>();
            int k = j;
            while (k < words.length && name.size() < MAX_WORDS && !STOPS.contains(words[k]) && !words[k].equals(",")) {
                name.add(words[k]);
                k++;
            }
            if (name.isEmpty() || name.stream().anyMatch(DEVICE_WORDS::contains) || k < words.length && DEVICE_WORDS.contains(words[k])) {
                continue;
            }
            if (name.size() == 1 && (name.get(0).equals("room") || name.get(0).equals("bedroom")) && j > i + 1
                    && OWNER_PRONOUNS.contains(words[j - 1])) {
                if (lastPerson != null) { // "my son took the speaker to his room": the son's room
                    name = List.of(lastPerson, "room");
                }
            }
            String joined = String.join(" ", name);
            if (NOT_ROOMS.contains(joined) || joined.chars().anyMatch(Character::isDigit)) {
                continue;
            }
            rooms.add(new Room(String.join("_", name).replace("in_law", "in_law"), source, HEADS.contains(name.get(name.size() - 1)), i));
        }
        return rooms;
    }

    /** "in law" and "walk in" are part of a room's name ("the walk-in closet"), not place prepositions. */
    private static String[] words(String text) {
        String spaced = (" " + text.strip() + " ").replace(" in law ", " in_law ").replace(" walk in ", " walk_in ");
        for (String head : List.of("cupboard", "closet", "nook", "space", "room")) {
            spaced = spaced.replace(" " + head + " under the stairs ", " " + head + " under_stairs "); // one name, not "under" a place
        }
        String[] words = spaced.strip().split(" ");
        for (int w = 0; w < words.length; w++) {
            if (words[w].indexOf(':') >= 0 || words[w].indexOf('%') >= 0) {
                words[w] = ","; // "now: the library" — punctuation kept in the text ends a phrase here
            }
        }
        return words;
    }

    /** Where a device should go, and whether a place preposition introduced it ("to the office"). */
    record Destination(String name, boolean introduced) {
    }

    /** The destination's name, or null; see {@link #destinationOf}. */
    static String destination(String text) {
        Destination d = destinationOf(text);
        return d == null ? null : d.name();
    }

    /**
     * The destination: the last room named after a place preposition that is not a source,
     * preferring names that end like a room; only when no preposition names one, a room named
     * without one ("the media room got the speaker", "should be bedroom"), read from its head word
     * back. Such a bare room could as well be where the device is, so it is marked as not introduced.
     */
    static Destination destinationOf(String text) {
        String found = null;
        String headed = null;
        for (Room room : find(text)) {
            if (!room.source()) {
                found = room.name();
                if (room.headed()) {
                    headed = room.name();
                }
            }
        }
        if (headed != null || found != null) {
            return new Destination(headed != null ? headed : found, true);
        }
        String bare = bareRoom(words(text));
        return bare == null ? null : new Destination(bare, false);
    }

    /**
     * The last phrase ending in a room word that no preposition introduces and no device word follows
     * ("the bedroom speaker" names a device, not a destination): up to {@link #MAX_WORDS} words back
     * to a determiner or a stop word.
     */
    private static String bareRoom(String[] words) {
        String last = null;
        for (int h = 0; h < words.length; h++) {
            if (!HEADS.contains(words[h]) || h + 1 < words.length && DEVICE_WORDS.contains(words[h + 1])) {
                continue;
            }
            int start = h;
            while (start > 0 && h - start + 1 < MAX_WORDS && !STOPS.contains(words[start - 1]) && !DETERMINERS.contains(words[start - 1])
                    && !CUES.contains(words[start - 1]) && !SOURCE_CUES.contains(words[start - 1]) && !DEVICE_WORDS.contains(words[start - 1])
                    && !words[start - 1].equals(",")) {
                start--;
            }
            int before = start - 1;
            while (before >= 0 && DETERMINERS.contains(words[before])) {
                before--;
            }
            if (before >= 0 && (CUES.contains(words[before]) || SOURCE_CUES.contains(words[before]) || words[before].equals("not"))) {
                continue; // introduced by a preposition (find() has judged it already) or negated ("not the hall closet")
            }
            String name = String.join(" ", java.util.Arrays.asList(words).subList(start, h + 1));
            if (!NOT_ROOMS.contains(name) && name.chars().noneMatch(Character::isDigit)) {
                last = name.replace(' ', '_');
            }
        }
        return last;
    }

    /** The first room named as a source ("from the kitchen"), if any. */
    static String source(String text) {
        return find(text).stream().filter(Room::source).map(Room::name).findFirst().orElse(null);
    }

    /** "used to be in", "was in", "not in the", "instead of", "rather than": where the device was. */
    private static boolean sourceBefore(String[] words, int cue) {
        String one = cue >= 1 ? words[cue - 1] : "";
        String two = cue >= 2 ? words[cue - 2] + " " + one : "";
        return one.equals("was") || one.equals("not") || two.equals("used to") || two.equals("to be") && cue >= 3 && words[cue - 3].equals("used")
                || words[cue].equals("of");
    }
}
