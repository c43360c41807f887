package dev.servicebot.processor.understanding;

import dev.servicebot.topics.model.RequestType;
import java.util.regex.Pattern;

/**
 * The hand-written rules the bot used before the trained request model, kept as the baseline
 * that model comparisons are measured against. Works out what a customer asks for, by rules a person can read and check: whole words and
 * phrases, intent cues before incidental nouns, negation, one device versus many, schedules,
 * questions about current state. The first rule that matches decides, and says why.
 * <p>
 * The order carries the judgement: a schedule makes anything a routine ("at 7 play jazz");
 * playing across rooms is multi-room, not music; a question about what is playing or how loud
 * it is asks for status; a room on its own never means "move".
 */
public final class RuleBaseline {

    /** What was understood, and the rule that decided it. */
    public record Intent(RequestType type, String reason) {
        public boolean isRequest() {
            return type != null;
        }
    }

    static final String ROOM = StructureRules.ROOM;
    private static final String DEVICE = "(?:speakers?|displays?|hubs?|devices?|it|one)";
    private static final String AUDIO = "(?:play\\w*|music|songs?|tracks?|playlists?|radio|audio|jazz|news|podcasts?|album)";

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    private static final Pattern OTHER_APPLIANCES = p(" (?:lights?|lamps?|thermostat|temperature|heating|heater|heat|air conditioning|ac|"
            + "door|doors|lock|locks|router|blinds|curtains|oven|fridge|vacuum|camera|alarm system|pizza|weather|rain) ");
    private static final Pattern OUR_THINGS = p(" (?:speakers?|displays?|hubs?|music|volume|songs?|playlist) ");

    private static final Pattern SCHEDULE = p(" (?:routines?|schedule[ds]?|scheduling|automations?|automatically|alarm|remind me|"
            + "wake me|bedtime|good night|sunrise|sunset|custom actions?|"
            + "at \\d{1,2}(?::\\d{2}| ?[ap] ?m| o clock)|\\d{1,2}(?::\\d{2})? ?[ap] ?m|at (?:noon|midnight)|"
            + "every (?:day|night|morning|evening|afternoon|weekday|weekend|week|hour|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
            + "each (?:day|night|morning|evening)|on weekdays|on weekends|daily|nightly|"
            + "when i (?:get|come|arrive|leave|go|wake|walk)|whenever i) ");

    private static final Pattern MULTI_ROOM_WORDS = p(" (?:multi room|speaker group|sync|synced|synchronize|synchronise|in sync|"
            + "group (?:\\w+ ){0,6}?(?:speakers|displays|devices)|group my|link (?:all )?(?:of )?my|"
            + "multi speaker) ");
    private static final Pattern EVERYWHERE = p(" (?:all (?:of )?(?:my |the )?(?:speakers|devices|rooms)|every (?:room|speaker|device)|"
            + "each room|both speakers|everywhere|whole house|entire house|throughout|all over the house|all rooms|"
            + "same (?:music|song|thing|playlist|time)|together|at once|follow me) ");
    private static final Pattern TWO_ROOMS = p(" " + ROOM + " and (?:the |my )?" + ROOM + " ");
    private static final Pattern AUDIO_WORDS = p(" " + AUDIO + " ");

    private static final Pattern STATE_QUESTION_PLAYING = p(" (?:what (?:is|song is|music is|track is) (?:currently |now )?playing|"
            + "(?:is|are) (?:anything|something|music|it) playing|what is on) ");
    private static final Pattern STATE_QUESTION_VOLUME = p(" (?:what is the (?:current )?volume|current volume|how loud is|"
            + "what volume is|volume level is) ");

    private static final Pattern MOVE_VERB = p(" (?:move[ds]?|moving|relocate[ds]?|relocating|transfer(?:red)?) ");
    private static final Pattern PLACE_VERB_WITH_ROOM = p(" (?:put|place[ds]?|take|bring|shift|set up) (?!on )(?:\\w+ ){0,4}?"
            + "(?:to|into|in|upstairs to|downstairs to) (?:the |my |our )?\\w+");
    private static final Pattern LOCATION_CHANGE = p(" (?:(?:change|update|set|fix) (?:the |my )?(?:\\w+ )?location|location (?:of .* )?to|"
            + DEVICE + " is now in|" + DEVICE + " lives in|now lives in|" + DEVICE + " is in (?:the |my )?\\w+(?: \\w+)? now|"
            + "want (?:my |the )?" + DEVICE + " in (?:the |my )?\\w+(?: \\w+)? instead) ");
    private static final Pattern MUSIC_NAVIGATION = p(" (?:next|previous|skip|song|track) ");

    private static final Pattern VOLUME = p(" (?:volume|louder|quieter|softer|mute|unmute|silence|crank it up|too loud|too quiet|"
            + "(?:lower|raise|increase|decrease|reduce|boost) (?:it|that|this|the sound|the audio|my sound)|"
            + "can not hear|sound level|notches?|turn(?:ing)? (?:it |this |that )?(?:up|down)|"
            + "turn(?:ing)? (?:the |my )?(?:\\w+ ){0,3}(?:speaker|display|hub|music|sound) (?:up|down)) ");

    private static final Pattern POWER = p(" (?:turn(?:ed)? (?:on|off)|switch(?:ed)? (?:on|off)|power(?:ed)? (?:on|off|up|down)|shut (?:down|off)|"
            + "turn (?:the |my |it )?(?:\\w+ ){0,3}(?:on|off) |restart|reboot) ");
    private static final Pattern STATE_QUESTION_POWER = p("^ (?:is|are) .*(?: on| off| turned on| turned off) (?:right now |now )?$");

    private static final Pattern MUSIC = p(" (?:play|plays|playing|music|songs?|tracks?|playlists?|album|radio|podcasts?|shuffle|"
            + "pause|resume|listen to|hear some|put on|next|skip|previous|"
            + "jazz|rock|classical|pop|hip hop|country|blues|lofi|beats) ");

    private static final Pattern STATUS = p(" (?:online|offline|working|work|connected|connection|status|responding|respond|diagnostics?|"
            + "works|worked|functioning|broken|(?:ok|okay|fine) with|(?:is|are) (?:everything|it|all|my \\w+|the \\w+) (?:ok|okay|fine)|up and running|running|wifi|check|"
            + "alive|doing|dead|stopped) ");

    private static final Pattern INFO = p(" (?:what (?:devices?|kind|type|model|sort)|which (?:devices?|speaker|display|hub|room)|"
            + "what is (?:my|dev_\\d+|the (?:device|speaker|display|hub|name|model))|what (?:\\w+ ){0,2}do i (?:have|own)|what is in (?:my|the)|"
            + "tell me (?:about|what)|info|information|details|describe|where is|"
            + "list|how many devices|show me|called|named|own|registered|about my|what devices?|more about) ");

    public Intent classify(Utterance u) {
        if (u.has(OTHER_APPLIANCES) && !u.has(OUR_THINGS)) {
            return none("asks about something this system does not control (lights, heating, locks, ...)");
        }
        if (u.has(SCHEDULE)) {
            return of(RequestType.of("custom_routine"), "names a schedule, trigger or routine");
        }
        if (u.has(MULTI_ROOM_WORDS) || (u.has(AUDIO_WORDS) && (u.has(EVERYWHERE) || u.has(TWO_ROOMS)))) {
            return of(RequestType.of("multi_room_setup"), "asks for audio on several speakers or rooms together");
        }
        if (u.has(STATE_QUESTION_PLAYING) || u.has(STATE_QUESTION_VOLUME)) {
            return of(RequestType.of("device_status"), "asks what a device is doing now");
        }
        if ((u.has(MOVE_VERB) && !u.has(MUSIC_NAVIGATION)) || u.has(PLACE_VERB_WITH_ROOM) || u.has(LOCATION_CHANGE)) {
            return of(RequestType.of("device_relocation"), "asks to move a device or record its new room");
        }
        if (u.has(VOLUME)) {
            return of(RequestType.of("volume_change"), "asks to change the volume");
        }
        if (u.has(POWER) && !u.has(MUSIC)) {
            if (u.question() && u.has(STATE_QUESTION_POWER)) {
                return of(RequestType.of("device_status"), "asks whether a device is on");
            }
            return none("asks to switch a device on or off, which the bot cannot do remotely");
        }
        if (u.question() && u.has(STATE_QUESTION_POWER)) {
            return of(RequestType.of("device_status"), "asks whether a device is on");
        }
        if (u.has(MUSIC)) {
            return of(RequestType.of("play_music"), "asks to play or control music");
        }
        if (u.has(STATUS)) {
            return of(RequestType.of("device_status"), "asks whether a device works");
        }
        if (u.has(INFO)) {
            return of(RequestType.of("device_info"), "asks about the devices on the account");
        }
        return none(u.negated() ? "said not to do something" : "no request of this system recognised");
    }

    public Intent classify(String text) {
        return classify(Utterance.of(text));
    }

    private static Intent of(RequestType type, String reason) {
        return new Intent(type, reason);
    }

    private static Intent none(String reason) {
        return new Intent(null, reason);
    }
}
