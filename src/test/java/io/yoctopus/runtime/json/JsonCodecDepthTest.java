package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guards of {@link JsonCodec} ahead of the JSON-P reader: nesting ({@code yoctopus.max-json-depth}) and
 * the length of numbers.
 */
class JsonCodecDepthTest {

    private static boolean nestsDeeperThan(String text, int maxDepth) {
        String problem = Prescan.of(text, maxDepth).problem();
        return problem != null && problem.startsWith("JSON nested deeper");
    }

    @Test
    void aNumberMayHaveAThousandCharacters() {
        JsonCodec codec = new JsonCodec();
        String number = "-" + "9".repeat(497) + "." + "9".repeat(490) + "e+999999999";   // 1,000 characters
        assertEquals(new java.math.BigDecimal(number),
                ((jakarta.json.JsonNumber) codec.parse("[" + number + ",true,false]").asJsonArray().get(0))
                        .bigDecimalValue());
        for (String tooLong : List.of("{\"a\":1" + "0".repeat(1000) + "}", "0." + "0".repeat(999), "[1e" + "1".repeat(999) + "]")) {
            assertEquals("a number longer than 1000 characters",
                    assertThrows(JsonException.class, () -> codec.parse(tooLong)).getMessage());
        }
        // digits in strings are text, however many
        assertEquals(5000, codec.parse("[\"" + "1".repeat(5000) + "\"]").asJsonArray().getString(0).length());
    }

    @Test
    void depthCountsOpenBracketsOfBothKinds() {
        assertFalse(nestsDeeperThan("[[]]", 2));
        assertTrue(nestsDeeperThan("[[[]]]", 2));
        assertFalse(nestsDeeperThan("{\"a\":[{\"b\":1}]}", 3));
        assertTrue(nestsDeeperThan("{\"a\":[{\"b\":[]}]}", 3));
        assertFalse(nestsDeeperThan("", 0));
        assertFalse(nestsDeeperThan("42", 0));
        assertTrue(nestsDeeperThan("{}", 0));
    }

    @Test
    void siblingsDoNotAddUp() {
        assertFalse(nestsDeeperThan("[[1],[2],[3],{\"a\":[4]},[[5]]]", 3));
        assertFalse(nestsDeeperThan("[]".repeat(10_000), 1));
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        assertFalse(nestsDeeperThan("[\"[[[[[[\"]", 1));
        assertFalse(nestsDeeperThan("{\"{{{{\":\"]]]][[[[\"}", 1));
    }

    @Test
    void escapedQuotesAndBackslashesKeepTheStringOpenOrClosedRightly() {
        // "\"[[[[" is one string: the escaped quote does not end it
        assertFalse(nestsDeeperThan("[\"\\\"[[[[\"]", 1));
        // "\\" ends with an escaped backslash, so the string ends and the brackets after it count
        assertTrue(nestsDeeperThan("[\"\\\\\",[[]]]", 2));
        assertFalse(nestsDeeperThan("[\"\\\\\",[[]]]", 3));
        // a unicode escape is inside the string
        assertFalse(nestsDeeperThan("[\"\\u005b[[[\"]", 1));
    }

    @Test
    void unbalancedAndMalformedInputIsJudgedByWhatIsOpen() {
        assertTrue(nestsDeeperThan("[".repeat(100_000), 64));
        assertFalse(nestsDeeperThan("]".repeat(100_000) + "[[", 2));
        assertFalse(nestsDeeperThan("\"[[[[[[", 1), "an unterminated string");
        assertFalse(nestsDeeperThan("[\"\\", 1), "a backslash at the very end");
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
