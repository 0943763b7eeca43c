package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonCodec#parse} takes exactly one JSON value: nothing but whitespace may follow it, and no object
 * may name a key twice, at any depth.
 */
class JsonCodecStrictTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final String AFTER = "unexpected content after the JSON value";

    @AfterAll
    static void close() {
        JSON.close();
    }

    private static String problem(String text) {
        return assertThrows(JsonException.class, () -> JSON.parse(text), text).getMessage();
    }

    @Test
    void contentAfterAnObjectOrArrayIsAnError() {
        for (String text : List.of("{\"a\":1} }}}garbage", "{\"a\":1}x", "{\"a\":1} {\"b\":2}", "[1] [2]", "[1],",
                "{} \n 0", "[]]", "{}\"s\"", "{\"a\":\"}\"}}")) {
            assertEquals(AFTER, problem(text), text);
        }
    }

    @Test
    void contentAfterAnyOtherValueIsAnError() {
        for (String text : List.of("1 2", "1x", "truex", "null null", "\"s\" x", "\"a\"\"b\"", "-0 ]", "false{}")) {
            assertEquals(AFTER, problem(text), text);
        }
    }

    @Test
    void whitespaceMaySurroundTheValue() {
        assertEquals(JSON.parse("{\"a\":[1]}"), JSON.parse(" \t\r\n{\"a\":[1]} \t\r\n"));
        assertEquals(JSON.parse("[]"), JSON.parse("[] "));
        assertEquals(JSON.string("s"), JSON.parse(" \"s\"\n"));
        assertEquals(JSON.parse("42"), JSON.parse("42 \r\n"));
    }

    @Test
    void aDuplicateKeyIsAnErrorAtAnyDepth() {
        assertEquals("duplicate key 'a'", problem("{\"a\":1,\"a\":2}"));
        assertEquals("duplicate key 'a'", problem("{\"a\":1,\"a\":1}"));
        assertEquals("duplicate key 'meta'", problem("""
                {"meta":{"id":"1","endpoint":"auth:profile","method":"read"},"data":{},
                 "meta":{"id":"1","endpoint":"auth:dashboard","method":"read"}}"""));
        assertEquals("duplicate key 'endpoint'",
                problem("{\"meta\":{\"id\":\"1\",\"endpoint\":\"a:b\",\"endpoint\":\"c:d\",\"method\":\"read\"}}"));
        assertEquals("duplicate key 'zip'", problem("{\"data\":{\"user\":[{\"zip\":\"1\",\"zip\":\"2\"}]}}"));
        assertEquals("duplicate key 'b'", problem("[[{\"a\":1}],{\"b\":{},\"b\":[]}]"));
    }

    @Test
    void theSameKeyInDifferentObjectsIsNoDuplicate() {
        assertEquals(JSON.parse("[{\"a\":1},{\"a\":2}]").asJsonArray().size(), 2);
        assertEquals("{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}",
                JSON.parse("{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}").toString());
    }

    @Test
    void aLongDuplicateKeyIsCutInTheMessage() {
        String key = "k".repeat(100_000);
        assertEquals("duplicate key '" + "k".repeat(64) + "…'", problem("{\"" + key + "\":1,\"" + key + "\":2}"));
    }

    @Test
    void whatIsMalformedBeforeADuplicateIsReportedAsItIs() {
        String message = problem("{\"a\":x,\"a\":1}");
        assertTrue(message.startsWith("Unexpected char"), message);
        message = problem("{\"a\":1,\"a\":2");
        assertTrue(message.startsWith("Invalid token=EOF"), message);
    }

    @Test
    void aDuplicateBeforeContentAfterTheValueIsReportedFirst() {
        assertEquals("duplicate key 'a'", problem("{\"a\":1,\"a\":2} x"));
    }

    @Test
    void unclosedAndEmptyTextsAreMalformed() {
        for (String text : List.of("", "   ", "{\"a\":1", "[1,", "\"open")) {
            String message = problem(text);
            assertTrue(!message.equals(AFTER) && !message.startsWith("duplicate"), text + ": " + message);
        }
    }
}
