package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Plain Java values as JSON-P values without JSON-B, and JSON bound to the simplest types directly. */
class JsonCodecValuesTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private static JsonValue json(String text) {
        return JSON.parse(text);
    }

    @Test
    void theSimpleValuesAreMadeDirectly() {
        assertSame(JsonValue.NULL, JSON.simpleValue(null));
        JsonValue already = json("{\"a\":1}");
        assertSame(already, JSON.simpleValue(already));
        assertEquals(json("\"text\""), JSON.simpleValue("text"));
        assertSame(JsonValue.TRUE, JSON.simpleValue(true));
        assertSame(JsonValue.FALSE, JSON.simpleValue(Boolean.FALSE));
        for (Object integral : List.of(7, 7L, (short) 7, (byte) 7)) {
            assertEquals(json("7"), JSON.simpleValue(integral), integral.getClass().getName());
        }
        assertEquals(json("0.10"), JSON.simpleValue(new BigDecimal("0.10")));
        assertEquals(json("123456789012345678901234567890"), JSON.simpleValue(new BigInteger("123456789012345678901234567890")));
        assertEquals(json("0.5"), JSON.simpleValue(0.5d));
        assertEquals(json("0.25"), JSON.simpleValue(0.25f));
    }

    @Test
    void anythingElseIsNotSimple() {
        assertNull(JSON.simpleValue(List.of(1)));
        assertNull(JSON.simpleValue(Map.of()));
        assertNull(JSON.simpleValue('c'));
        assertNull(JSON.simpleValue(Thread.State.NEW));
    }

    @Test
    void stringsAndBooleansBindDirectlyAndEverythingElseThroughJsonb() {
        assertEquals("text", JSON.bind(json("\"text\""), String.class));
        assertEquals(true, JSON.bind(JsonValue.TRUE, boolean.class));
        assertEquals(false, JSON.bind(JsonValue.FALSE, Boolean.class));
        assertNull(JSON.bind(JsonValue.NULL, Boolean.class), "a missing Boolean stays missing");
        assertNull(JSON.bind(JsonValue.NULL, String.class));
        assertEquals(7, JSON.bind(json("7"), int.class));
        assertEquals(List.of("a", "b"), JSON.bind(json("[\"a\",\"b\"]"), List.class));
    }
}
