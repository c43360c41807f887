package dev.servicebot.processor.understanding;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The few decisions that sentence structure makes better than a model that reads meaning: a
 * schedule or trigger turns an action into a routine ("at 7 play jazz"), audio for every room or
 * two rooms at once is multi-room ("play it in the kitchen and the lounge"), and a message whose
 * every request is negated asks for nothing ("don't move it"). Each rule only refines what the
 * model read; none of them invents a request the model did not see.
 * <p>
 * Every pattern runs on {@link Utterance#text()} (spaces at both ends) and is linear in the text's
 * length: alternations of fixed words, no nested quantifiers.
 */
public final class StructureRules {

    /** Rooms people name ({@link RoomName#COMMON}, in words); free-text rooms are taken too, where the sentence shape says so. */
    public static final String ROOM = "(?:" + String.join("|", RoomName.COMMON.stream().map(r -> r.replace('_', ' ')).toList())
            + "|bedroom \\d)";

    private static final Pattern SCHEDULE = Pattern.compile(" (?:schedule[ds]?|scheduling|automations?|automatically|"
            + "wake me|at bedtime|"
            + "at \\d{1,2}(?::\\d{2}| ?[ap] ?m| o clock)|\\d{1,2}(?::\\d{2})? ?[ap] ?m|at (?:noon|midnight)|in (?:an|one|two|\\d+) (?:hours?|minutes?)|"
            + "every (?:day|night|morning|evening|afternoon|weekday|weekend|week|hour|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
            + "each (?:day|night|morning|evening)|on weekdays|on weekends|daily|nightly|tonight at|tomorrow|"
            + "when (?:i|we|the|my|it)|whenever|as soon as|once (?:i|we|the)) ");
    private static final Pattern EVERYWHERE = Pattern.compile(" (?:all (?:of )?(?:my |the )?(?:speakers|devices|rooms)|every (?:room|speaker|device)|"
            + "each room|both (?:speakers|rooms)|everywhere|whole (?:house|home|flat|apartment)|entire (?:house|home|flat)|throughout|"
            + "all over the (?:house|home|flat)|same (?:music|song|thing|playlist) (?:in|on)) ");
    private static final Pattern TWO_ROOMS = Pattern.compile(" " + ROOM + " and (?:the |my |in the )?" + ROOM + " ");
    /** Labels a schedule turns into a routine: actions that can run later. */
    private static final java.util.Set<String> SCHEDULABLE = java.util.Set.of("play_music", "volume_change");

    /** What a rule decided, and its name for the decision's reason. */
    public record Ruling(String label, String rule) {
    }

    /**
     * @param modelLabel the model's likeliest label
     * @return the label structure decides instead, if any
     */
    public Optional<Ruling> refine(Utterance u, String modelLabel) {
        if (u.negated() && u.text().isBlank()) {
            return Optional.of(new Ruling("none", "rule: everything asked for is negated"));
        }
        if (SCHEDULABLE.contains(modelLabel) && u.has(SCHEDULE)) {
            return Optional.of(new Ruling("custom_routine", "rule: a schedule or trigger makes it a routine"));
        }
        if (modelLabel.equals("play_music") && (u.has(EVERYWHERE) || u.has(TWO_ROOMS))) {
            return Optional.of(new Ruling("multi_room_setup", "rule: audio in several rooms at once is multi-room"));
        }
        return Optional.empty();
    }
}
