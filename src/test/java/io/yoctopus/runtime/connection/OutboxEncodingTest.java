package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the outbox does to text before Tyrus encodes it: unpaired surrogates, which have no UTF-8 form,
 * become JSON escapes; everything else is left alone (and not copied).
 */
class OutboxEncodingTest {

    @Test
    void textWithoutSurrogatesIsTheSameObject() {
        String text = "{\"meta\":{\"status\":\"ok\"},\"data\":{\"name\":\"Zoë €\"}}";
        assertSame(text, Outbox.encodable(text));
        assertSame("", Outbox.encodable(""));
    }

    @Test
    void surrogatePairsStay() {
        String text = "{\"data\":\"😀 𝄞\"}";
        assertSame(text, Outbox.encodable(text));
    }

    @Test
    void loneSurrogatesBecomeEscapesThatMeanTheSameString() throws CharacterCodingException {
        String value = "a" + '\uD800' + "b" + '\uDC00' + '\uDC01' + "😀" + '\uDBFF';
        String text = "{\"data\":\"" + value + "\"}";
        String sent = Outbox.encodable(text);
        assertEquals("{\"data\":\"a\\ud800b\\udc00\\udc01😀\\udbff\"}", sent);
        StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(sent)); // encodable now
        try (var reader = Json.createReader(new StringReader(sent))) {
            JsonObject parsed = reader.readObject();
            assertEquals(value, parsed.getString("data"), "the client reads the very same string");
        }
    }

    @Test
    void aHighSurrogateAtTheEndOrBeforeANonLowOneIsAlone() {
        assertEquals("x\\ud83d", Outbox.encodable("x\uD83D"));
        assertEquals("\\ud83dx", Outbox.encodable("\uD83Dx"));
        assertEquals("\\ud83d😀", Outbox.encodable("\uD83D\uD83D\uDE00"));
    }
}
