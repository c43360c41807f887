package dev.servicebot.sink;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's size of an item (names plus values, as AWS documents it), to set aside items over the 400 KB limit. */
final class ItemSize {
    static final int LIMIT = 400 * 1024;

    private ItemSize() {
    }

    static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (var entry : item.entrySet()) {
            size += utf8(entry.getKey()) + of(entry.getValue());
        }
        return size;
    }

    private static int of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return (value.n().length() + 1) / 2 + 1;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToInt(v -> 1 + of(v)).sum();
        }
        if (value.hasM()) {
            return 3 + of(value.m()) + value.m().size();
        }
        return 0;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
