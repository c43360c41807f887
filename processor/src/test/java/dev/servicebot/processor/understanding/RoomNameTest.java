package dev.servicebot.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.model.RequestType;
import org.junit.jupiter.api.Test;

/** What a room name may be: short, letters and digits in the data model's form, written without markup or control characters. */
class RoomNameTest {
    private static final RequestType MOVE = RequestType.of("device_relocation");

    @Test
    void aStoredRoomIsShortLettersAndDigits() {
        assertThat(RoomName.of("living_room")).map(RoomName::inWords).hasValue("living room");
        assertThat(RoomName.of("küche")).isPresent();
        assertThat(RoomName.of("bedroom_2")).isPresent();
        assertThat(RoomName.of("z".repeat(RoomName.MAX_LENGTH))).isPresent();
        assertThat(RoomName.of("z".repeat(RoomName.MAX_LENGTH + 1))).isEmpty();
        assertThat(RoomName.of("")).isEmpty();
        assertThat(RoomName.of("<script>")).isEmpty();
        assertThat(RoomName.of("living room")).as("the data model's form joins words with _").isEmpty();
        assertThat(RoomName.of("_hall")).isEmpty();
        assertThat(RoomName.of("bed\u0000room")).isEmpty();
        assertThat(RoomName.of(null)).isEmpty();
    }

    @Test
    void destinationsAreReadInTheDataModelsForm() {
        assertThat(to("move my speaker into the granny flat please")).isEqualTo("granny_flat");
        assertThat(to("we put it in the walk-in closet")).isEqualTo("walk_in_closet");
        assertThat(to("move the speaker to my son's room")).isEqualTo("son_room");
        assertThat(to("move the speaker to the Küche")).as("letters of any script").isEqualTo("küche");
        assertThat(to("move the speaker to the (kitchen)!")).as("punctuation around a word is not part of it").isEqualTo("kitchen");
    }

    @Test
    void oddCharactersAroundARoomsWordsMakeItUnusable() {
        for (String text : new String[] {"move my speaker to the <script>", "move my speaker to the kitchen\u0000",
                "move my speaker to the bed\u0007room", "move my speaker to the kitchen\uD83C\uDF73", "move my speaker to the <b>hall</b>"}) {
            Understanding read = ParameterExtractor.extract(Utterance.of(text), MOVE, "test");
            assertThat(read.parameter(Understanding.TO)).as(text).isNull();
            assertThat(read.parameter(Understanding.UNUSABLE_TO)).as(text).isEqualTo(RoomName.ODD_CHARACTERS);
        }
        // Odd characters elsewhere in the message are not the room's.
        assertThat(to("\uD83D\uDE42 move my speaker to the kitchen please <3")).isEqualTo("kitchen");
    }

    private static String to(String text) {
        return ParameterExtractor.extract(Utterance.of(text), MOVE, "test").parameter(Understanding.TO);
    }
}
