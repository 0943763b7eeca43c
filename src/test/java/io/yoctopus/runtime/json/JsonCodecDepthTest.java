package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** The nesting guard of {@link JsonCodec} ({@code yoctopus.max-json-depth}), ahead of the JSON-P reader. */
class JsonCodecDepthTest {

    @Test
    void depthCountsOpenBracketsOfBothKinds() {
        assertFalse(JsonCodec.nestsDeeperThan("[[]]", 2));
        assertTrue(JsonCodec.nestsDeeperThan("[[[]]]", 2));
        assertFalse(JsonCodec.nestsDeeperThan("{\"a\":[{\"b\":1}]}", 3));
        assertTrue(JsonCodec.nestsDeeperThan("{\"a\":[{\"b\":[]}]}", 3));
        assertFalse(JsonCodec.nestsDeeperThan("", 0));
        assertFalse(JsonCodec.nestsDeeperThan("42", 0));
        assertTrue(JsonCodec.nestsDeeperThan("{}", 0));
    }

    @Test
    void siblingsDoNotAddUp() {
        assertFalse(JsonCodec.nestsDeeperThan("[[1],[2],[3],{\"a\":[4]},[[5]]]", 3));
        assertFalse(JsonCodec.nestsDeeperThan("[]".repeat(10_000), 1));
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        assertFalse(JsonCodec.nestsDeeperThan("[\"[[[[[[\"]", 1));
        assertFalse(JsonCodec.nestsDeeperThan("{\"{{{{\":\"]]]][[[[\"}", 1));
    }

    @Test
    void escapedQuotesAndBackslashesKeepTheStringOpenOrClosedRightly() {
        // "\"[[[[" is one string: the escaped quote does not end it
        assertFalse(JsonCodec.nestsDeeperThan("[\"\\\"[[[[\"]", 1));
        // "\\" ends with an escaped backslash, so the string ends and the brackets after it count
        assertTrue(JsonCodec.nestsDeeperThan("[\"\\\\\",[[]]]", 2));
        assertFalse(JsonCodec.nestsDeeperThan("[\"\\\\\",[[]]]", 3));
        // a unicode escape is inside the string
        assertFalse(JsonCodec.nestsDeeperThan("[\"\\u005b[[[\"]", 1));
    }

    @Test
    void unbalancedAndMalformedInputIsJudgedByWhatIsOpen() {
        assertTrue(JsonCodec.nestsDeeperThan("[".repeat(100_000), 64));
        assertFalse(JsonCodec.nestsDeeperThan("]".repeat(100_000) + "[[", 2));
        assertFalse(JsonCodec.nestsDeeperThan("\"[[[[[[", 1), "an unterminated string");
        assertFalse(JsonCodec.nestsDeeperThan("[\"\\", 1), "a backslash at the very end");
    }

    @Test
    void parseRejectsDeepInputWithoutRecursingAndAcceptsTheLimit() {
        JsonCodec codec = new JsonCodec(64);
        JsonException tooDeep = assertThrows(JsonException.class,
                () -> codec.parse("[".repeat(1_000_000) + "]".repeat(1_000_000)));
        assertEquals("JSON nested deeper than 64 levels", tooDeep.getMessage());
        JsonValue limit = codec.parse("[".repeat(64) + "]".repeat(64));
        assertEquals(JsonValue.ValueType.ARRAY, limit.getValueType());
        assertThrows(JsonException.class, () -> codec.parse("[".repeat(65) + "]".repeat(65)));
    }

    @Test
    void theDefaultLimitIs64() {
        JsonCodec codec = new JsonCodec();
        codec.parse("{\"a\":".repeat(63) + "[]" + "}".repeat(63));
        assertThrows(JsonException.class, () -> codec.parse("{\"a\":".repeat(64) + "[]" + "}".repeat(64)));
    }
}
