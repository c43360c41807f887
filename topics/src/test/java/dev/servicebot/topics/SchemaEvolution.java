package dev.servicebot.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The evolution rule of a topic version: relative to the last released schema, a schema may only
 * gain optional fields and enum values (readers are tolerant: a value they do not know reads as
 * unrecognized, see {@code RequestType}). Descriptions may change; anything else (a removed or
 * retyped field, a new required field, a removed enum value, a narrower pattern) is a breaking
 * change and needs a new topic version.
 */
final class SchemaEvolution {

    private SchemaEvolution() {
    }

    /** What breaks compatibility, one line per problem; empty when {@code current} may replace {@code released}. */
    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("", withoutDescriptions(released), withoutDescriptions(current), problems);
        return problems;
    }

    private static void compare(String path, JsonNode released, JsonNode current, List<String> problems) {
        if (released.isObject() && current.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = released.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!current.has(field.getKey())) {
                    problems.add(path + "/" + field.getKey() + ": removed");
                } else {
                    compare(path + "/" + field.getKey(), field.getValue(), current.get(field.getKey()), problems);
                }
            }
            Iterator<String> names = current.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (released.has(name)) {
                    continue;
                }
                // A new property is fine; making it required would change a "required" list, caught above.
                if (!path.endsWith("/properties")) {
                    problems.add(path + "/" + name + ": new constraint");
                }
            }
        } else if (path.endsWith("/enum") && released.isArray() && current.isArray()) {
            List<JsonNode> values = new ArrayList<>();
            current.forEach(values::add);
            released.forEach(value -> {
                if (!values.contains(value)) {
                    problems.add(path + ": value " + value + " removed");
                }
            });
        } else if (!released.equals(current)) {
            problems.add(path + ": changed from " + released + " to " + current);
        }
    }

    private static JsonNode withoutDescriptions(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("description");
            object.remove("title");
        }
        node.forEach(SchemaEvolution::strip);
    }
}
