package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The wire protocol's messages, written as text. */
class MessagesTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final Messages MESSAGES = new Messages(JSON);

    @AfterAll
    static void close() {
        JSON.close();
    }

    @Test
    void responseWrapsTheSerializedData() {
        assertEquals("{\"meta\":{\"id\":\"1\",\"endpoint\":\"greeter:hello\",\"method\":\"read\",\"status\":\"ok\"},"
                        + "\"data\":{\"message\":\"Hello\"}}",
                MESSAGES.response(JSON.string("1"), "greeter:hello", "read", "{\"message\":\"Hello\"}"));
    }

    @Test
    void theIdKeepsItsJsonType() {
        assertEquals("{\"meta\":{\"id\":7,\"endpoint\":\"e\",\"method\":\"m\",\"status\":\"ok\"},\"data\":{}}",
                MESSAGES.response(JSON.parse("7"), "e", "m", "{}"));
    }

    /** Text of nothing but characters JSON must escape is escaped too: every kind alone. */
    @Test
    void metaTextIsEscapedWhereJsonRequires() {
        assertEquals("{\"meta\":{\"endpoint\":\"\\u0001\",\"method\":\"\\\"\",\"status\":\"error\"},\"error\":\"\\\\\"}",
                MESSAGES.error(null, "\u0001", "\"", List.of("\\")));
        assertEquals("{\"meta\":{\"endpoint\":\"\\\\\",\"method\":\"a b\\u001f\",\"status\":\"ok\"},\"data\":{}}",
                MESSAGES.response(null, "\\", "a b\u001f", "{}"));
    }

    @Test
    void oneErrorIsAString() {
        assertEquals("{\"meta\":{\"id\":\"1\",\"endpoint\":\"e\",\"method\":\"m\",\"status\":\"error\"},\"error\":\"no\"}",
                MESSAGES.error(JSON.string("1"), "e", "m", List.of("no")));
    }

    @Test
    void severalErrorsAreAnArray() {
        assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":[\"a: is required\",\"b: must be a string\"]}",
                MESSAGES.error(null, null, null, List.of("a: is required", "b: must be a string")));
    }

    @Test
    void missingMetaFieldsAreLeftOut() {
        assertEquals("{\"meta\":{\"endpoint\":\"e\",\"status\":\"error\"},\"error\":\"x\"}",
                MESSAGES.error(null, "e", null, List.of("x")));
        assertEquals("{\"meta\":{\"endpoint\":\"e\",\"method\":\"m\",\"status\":\"ok\"},\"data\":1}",
                MESSAGES.response(JsonValue.NULL, "e", "m", "1"));
    }

    @Test
    void textIsEscaped() {
        assertEquals("{\"meta\":{\"endpoint\":\"a\\\"b\",\"status\":\"error\"},\"error\":\"line\\nbreak \\\"quoted\\\"\"}",
                MESSAGES.error(null, "a\"b", null, List.of("line\nbreak \"quoted\"")));
    }

    @Test
    void anErrorTextIsCutAt512Characters() {
        assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"" + "x".repeat(512) + "…\"}",
                MESSAGES.error(null, null, null, List.of("x".repeat(513))));
        assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"" + "x".repeat(512) + "\"}",
                MESSAGES.error(null, null, null, List.of("x".repeat(512))));
        assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":[\"a\",\"" + "y".repeat(512) + "…\"]}",
                MESSAGES.error(null, null, null, List.of("a", "y".repeat(100_000))));
    }

    @Test
    void atMostTwentyErrorsAreSent() {
        List<String> twenty = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "e" + i).toList();
        assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":" + JSON.write(twenty) + "}",
                MESSAGES.error(null, null, null, twenty));
        List<String> more = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "e" + i).toList();
        List<String> sent = new java.util.ArrayList<>(twenty.subList(0, 19));
        sent.add("… and 981 more errors");
        assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":" + JSON.write(sent) + "}",
                MESSAGES.error(null, null, null, more));
    }

    @Test
    void notification() {
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"alert\"},\"data\":{\"m\":\"hi\"}}",
                MESSAGES.notification("alert", "{\"m\":\"hi\"}"));
    }
}
