package dev.servicebot.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each topic's schema against the last released one (topics/schemas/released/, copied there at
 * each release): within a version, a schema may only gain optional fields.
 */
class SchemaEvolutionTest {
    private static final Path SCHEMAS = Path.of("schemas");
    private static final Path RELEASED = SCHEMAS.resolve("released");

    @Test
    void everyReleasedSchemaOnlyGainedOptionalFields() throws Exception {
        List<Path> released;
        try (Stream<Path> files = Files.list(RELEASED)) {
            released = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(released).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : released) {
            Path current = SCHEMAS.resolve(file.getFileName());
            assertThat(current).as("a released schema may not disappear: " + file.getFileName()).exists();
            assertThat(SchemaEvolution.breakingChanges(read(file), read(current))).as(file.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void theRuleAcceptsANewOptionalFieldAndANewDescription() throws Exception {
        JsonNode released = json("{'type':'object','properties':{'a':{'type':'string'}},'required':['a']}");
        JsonNode current = json("{'type':'object','properties':{'a':{'type':'string','description':'now explained'},"
                + "'b':{'type':'integer'}},'required':['a']}");
        assertThat(SchemaEvolution.breakingChanges(released, current)).isEmpty();
    }

    @Test
    void theRuleAcceptsANewEnumValueAndRefusesARemovedOne() throws Exception {
        JsonNode released = json("{'type':'object','properties':{'t':{'type':'string','enum':['x','y']}}}");
        assertThat(SchemaEvolution.breakingChanges(released, json("{'type':'object','properties':{'t':{'type':'string','enum':['x','y','z']}}}")))
                .isEmpty();
        assertThat(SchemaEvolution.breakingChanges(released, json("{'type':'object','properties':{'t':{'type':'string','enum':['y','z']}}}")))
                .containsExactly("/properties/t/enum: value \"x\" removed");
    }

    @Test
    void theRuleRefusesRemovedRetypedRequiredAndNarrowedFields() throws Exception {
        JsonNode released = json("{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'string','enum':['x','y']}},"
                + "'required':['a']}");
        assertThat(SchemaEvolution.breakingChanges(released, json("{'type':'object','properties':{'b':{'type':'string','enum':['x','y']}},"
                + "'required':['a']}"))).anyMatch(p -> p.contains("/properties/a: removed"));
        assertThat(SchemaEvolution.breakingChanges(released, json("{'type':'object','properties':{'a':{'type':'integer'},"
                + "'b':{'type':'string','enum':['x','y']}},'required':['a']}"))).anyMatch(p -> p.contains("/properties/a/type"));
        assertThat(SchemaEvolution.breakingChanges(released, json("{'type':'object','properties':{'a':{'type':'string'},"
                + "'b':{'type':'string','enum':['x','y']},'c':{'type':'string'}},'required':['a','c']}")))
                .anyMatch(p -> p.contains("/required"));
        assertThat(SchemaEvolution.breakingChanges(released, json("{'type':'object','properties':{'a':{'type':'string','maxLength':5},"
                + "'b':{'type':'string','enum':['x']}},'required':['a']}")))
                .anyMatch(p -> p.contains("/properties/a/maxLength: new constraint"))
                .anyMatch(p -> p.contains("/properties/b/enum"));
    }

    private static JsonNode read(Path file) throws Exception {
        return Json.MAPPER.readTree(Files.readString(file));
    }

    private static JsonNode json(String singleQuoted) throws Exception {
        return Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }
}
