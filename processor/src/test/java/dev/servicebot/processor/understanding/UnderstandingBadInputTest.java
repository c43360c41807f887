package dev.servicebot.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.processor.understanding.RequestInterpreter.Interpretation;
import dev.servicebot.topics.model.RequestType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a customer types, the understanding answers with a reading and its reason, never an exception. */
class UnderstandingBadInputTest {
    static RequestInterpreter interpreter;

    @BeforeAll
    static void load() {
        interpreter = RequestInterpreter.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "?!?!", "🔊🔊🔊", "\u0000\u0007\u001b[31m", "مكبر الصوت", "音量を上げて", "dev_001 dev_002 dev_999",
            "<script>alert(1)</script>", "'; DROP TABLE customers; --", "ｍｏｖｅ ｍｙ ｓｐｅａｋｅｒ", "\uD800", "a"})
    void oddTextGetsAReadingWithAReason(String text) {
        Interpretation read = interpreter.interpret(text);
        assertThat(read.confidence()).isBetween(0.0, 1.0);
        assertThat(read.reason()).isNotBlank();
        assertThat(read.type() == null || read.type().known()).isTrue();
        assertThat(read.ranked()).isNotEmpty();
    }

    @Test
    void symbolsAndEmptyTextAreNotDeviceRequests() {
        for (String text : List.of("", "   ", "?!?!", "🔊🔊🔊")) {
            Interpretation read = interpreter.interpret(text);
            assertThat(read.type() == null || !read.confident()).as("'" + text + "' read as " + read.type()).isTrue();
        }
    }

    /** Long text is clipped to its start and end before encoding; the request at either end still counts. */
    @Test
    void aVeryLongMessageIsStillRead() {
        String padding = " and so on".repeat(2_000);
        Interpretation read = interpreter.interpret("please move my speaker to the bedroom" + padding);
        assertThat(read.type()).isEqualTo(RequestType.of("device_relocation"));
        String destination = ParameterExtractor.extract(read.utterance(), read.type(), "test").parameter(Understanding.TO);
        assertThat(destination).isEqualTo("bedroom");
    }

    /** Free text never becomes an unbounded room name ("move my speaker to the zzzz..."): it is refused, and the bot says why. */
    @Test
    void aRoomNameIsBounded() {
        RequestType move = RequestType.of("device_relocation");
        for (String text : List.of("move my speaker to the " + "z".repeat(4_000), "speaker should be " + "z".repeat(4_000) + " room",
                "move my speaker from the " + "z".repeat(4_000) + " to the kitchen")) {
            Understanding read = ParameterExtractor.extract(Utterance.of(text), move, "test");
            assertThat(read.parameters().values()).as(text.substring(0, 30)).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(RoomName.MAX_LENGTH));
        }
        Understanding tooLong = ParameterExtractor.extract(Utterance.of("move my speaker to the " + "z".repeat(4_000)), move, "test");
        assertThat(tooLong.parameter(Understanding.TO)).isNull();
        assertThat(tooLong.parameter(Understanding.UNUSABLE_TO)).isEqualTo(RoomName.TOO_LONG);
    }

    @Test
    void destinationsTheWayCustomersSayThem() {
        assertThat(dest("move the speaker to the kitchen")).isEqualTo("kitchen");
        assertThat(dest("move my bedroom speaker into the granny flat please")).isEqualTo("granny_flat");
        assertThat(dest("the media room got the speaker from the bedroom")).isEqualTo("media_room");
        assertThat(dest("speaker should be bedroom")).isEqualTo("bedroom");
        assertThat(dest("the speaker from the garage is in the basement now")).isEqualTo("basement");
        assertThat(dest("we put it in the walk-in closet")).isEqualTo("walk_in_closet");
        assertThat(dest("oops, I meant the hallway, not the hall closet")).isEqualTo("hallway");
        assertThat(dest("move the kitchen speaker")).isNull();
    }

    private static String dest(String text) {
        return RoomPhrases.destination(Utterance.of(text).normalized());
    }
}
