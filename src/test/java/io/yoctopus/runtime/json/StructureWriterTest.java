package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Plain results written straight to text give exactly the text they had when they were first built as
 * JSON-P values: {@code toJsonValue(value).toString()}, which is what {@link JsonCodec#write} returned for
 * them before. The literal texts below were produced by that earlier implementation.
 */
class StructureWriterTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    public enum Colour { RED, GREEN }

    public record Point(double x, String label, List<Integer> tags) {
    }

    /** The text the codec wrote before: the JSON-P value, printed. */
    private static String built(Object value) {
        return JSON.toJsonValue(value).toString();
    }

    private static void assertSameText(String expected, Object value) {
        assertEquals(expected, built(value), "the JSON-P value printed");
        assertEquals(expected, JSON.write(value), "written straight to text");
    }

    @Test
    void aMapOfNestedListsAndEveryKindOfValue() {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("int", Integer.MIN_VALUE);
        numbers.put("long", Long.MAX_VALUE);
        numbers.put("short", (short) -1);
        numbers.put("byte", (byte) 7);
        numbers.put("doubles", List.of(0.1, 1e20, -0.0, 1e-7, 100.0));
        numbers.put("float", 0.1f);
        numbers.put("decimals", List.of(new BigDecimal("1E+3"), new BigDecimal("-12.3400")));
        numbers.put("big", new BigInteger("123456789012345678901234567890"));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ slash / newline \n tab \t nul \u0000 del \u007f sep \u2028 emoji \ud83d\ude00");
        value.put("numbers", numbers);
        value.put("nested", List.of(List.of(1, "two", List.of(true, false)), Map.of("k", List.of())));
        value.put("null", null);
        value.put("flags", new boolean[] {true, false});
        value.put("record", new Point(1e20, "p", List.of(1)));
        value.put("enum", Colour.GREEN);
        value.put("optional", Optional.of("x"));
        value.put("empty", Optional.empty());
        value.put("set", new TreeSet<>(Set.of("b", "a")));
        value.put("array", new Object[] {null, 'c', new int[] {1, 2}});
        value.put("json", JSON.objectBuilder().add("n", 1.5).build());

        assertSameText("{\"text\":\"quote \\\" backslash \\\\ slash / newline \\n tab \\t nul \\u0000 del \u007f sep \u2028"
                + " emoji \ud83d\ude00\","
                + "\"numbers\":{\"int\":-2147483648,\"long\":9223372036854775807,\"short\":-1,\"byte\":7,"
                + "\"doubles\":[0.1,1.0E+20,0.0,1.0E-7,100.0],\"float\":0.10000000149011612,"
                + "\"decimals\":[1E+3,-12.3400],\"big\":123456789012345678901234567890},"
                + "\"nested\":[[1,\"two\",[true,false]],{\"k\":[]}],\"null\":null,\"flags\":[true,false],"
                + "\"record\":{\"label\":\"p\",\"tags\":[1],\"x\":1.0E+20},\"enum\":\"GREEN\",\"optional\":\"x\","
                + "\"empty\":null,\"set\":[\"a\",\"b\"],\"array\":[null,\"c\",[1,2]],\"json\":{\"n\":1.5}}", value);
    }

    @Test
    void everyCharacterIsEscapedAsBeforeInValuesKeysAndAlone() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "a" + (char) c + "b";
            String where = "U+" + Integer.toHexString(c);
            assertEquals(built(List.of(text)), JSON.write(List.of(text)), where);
            assertEquals(built(Map.of(text, text)), JSON.write(Map.of(text, text)), where);
            assertEquals(built(Optional.of(text)), JSON.write(Optional.of(text)), where);
        }
    }

    /** A JSON-P object builder keeps one member per key text: the last value, where the first key was. */
    @Test
    void keysWithTheSameTextAreMergedAsBefore() {
        Map<Object, Object> numberAndText = new LinkedHashMap<>();
        numberAndText.put(1, "number");
        numberAndText.put("x", List.of());
        numberAndText.put("1", "text");
        assertSameText("{\"1\":\"text\",\"x\":[]}", numberAndText);
        assertSameText("[{\"a\":{\"1\":\"text\",\"x\":[]}}]", List.of(Map.of("a", numberAndText)));

        Map<Object, Object> nullAndText = new LinkedHashMap<>();
        nullAndText.put(null, 1);
        nullAndText.put("null", 2);
        assertSameText("{\"null\":2}", nullAndText);

        Map<String, Object> equalStrings = new IdentityHashMap<>();
        equalStrings.put(new String("k"), 1);
        equalStrings.put(new String("k"), 2);
        assertEquals(built(equalStrings), JSON.write(equalStrings));
    }

    @Test
    void structuresAtTheTopAndWhatIsNotAStructure() {
        assertSameText("null", Optional.empty());
        assertSameText("\"a\\\"b\"", Optional.of("a\"b"));
        assertSameText("[]", List.of());
        assertSameText("{}", Map.of());
        assertSameText("[1,2]", new int[] {1, 2});
        assertSameText("{\"a\":{\"b\":[{\"c\":null}]}}", Map.of("a", Map.of("b", List.of(Collections.singletonMap("c", null)))));
        assertSameText("\"GREEN\"", Colour.GREEN);
        assertSameText("1.0E+20", 1e20);
        assertSameText("true", true);
        assertEquals("{\"n\":1}", JSON.write(JSON.objectBuilder().add("n", 1).build()));
        assertEquals("null", JSON.write(null));
    }

    /**
     * A record alone is written by JSON-B as it was; inside a structure it still goes through JSON-P, as
     * before, because the two write some numbers differently.
     */
    @Test
    void aRecordIsWrittenByJsonbAloneAndThroughJsonpInsideAStructure() {
        Point point = new Point(1e20, "p", List.of(1));
        assertEquals("{\"label\":\"p\",\"tags\":[1],\"x\":1.0E20}", JSON.write(point));
        assertSameText("[{\"label\":\"p\",\"tags\":[1],\"x\":1.0E+20}]", List.of(point));
    }

    @Test
    void numbersJsonCannotHoldFailAsBefore() {
        for (Object value : List.of(List.of(Double.NaN), Map.of("a", Double.POSITIVE_INFINITY), Optional.of(Float.NaN))) {
            NumberFormatException before = assertThrows(NumberFormatException.class, () -> built(value));
            NumberFormatException now = assertThrows(NumberFormatException.class, () -> JSON.write(value));
            assertEquals(before.getMessage(), now.getMessage());
        }
    }

    @Test
    void jsonValuesInsideAStructureAreWrittenAsTheyPrint() {
        JsonValue inner = JSON.parse("{\"n\":1.50,\"s\":\"\\u00e9\",\"a\":[1E3,null]}");
        assertSameText("{\"v\":" + inner + "}", Map.of("v", inner));
    }
}
