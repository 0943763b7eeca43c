package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A connection's settings as observers see them: plain Java values, converted on request, never written. */
class ReadOnlySettingsTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final SettingsStore store = new SettingsStore();
    private final ReadOnlySettings settings = new ReadOnlySettings(store, JSON);

    @Test
    void settingsReadAsPlainValuesAndConvertedToTheTypeAsked() {
        store.apply("game", Map.of("level", JSON.toJsonValue(3), "name", JSON.string("ann"), "on", JsonValue.TRUE));
        assertEquals(Optional.of(new BigDecimal(3)), settings.get("game", "level"));
        assertEquals(Optional.of(3), settings.get("game", "level", Integer.class));
        assertEquals(Optional.of("ann"), settings.get("game", "name", String.class));
        assertEquals(Optional.of(true), settings.get("game", "on"));
        assertEquals(Optional.empty(), settings.get("game", "missing"));
        assertEquals(Optional.empty(), settings.get("other", "level", Integer.class));
        assertEquals(Map.of("game", Map.of("level", new BigDecimal(3), "name", "ann", "on", true)), settings.export());
    }

    @Test
    void aValueOfAnotherTypeIsAClearErrorNamingTheSetting() {
        store.apply("game", Map.of("name", JSON.string("ann")));
        assertEquals("setting game.name is a String, not Integer", assertThrows(IllegalArgumentException.class,
                () -> settings.get("game", "name", Integer.class)).getMessage());
    }

    @Test
    void writingIsRefused() {
        assertEquals("these settings are read-only; a handler's settings can be written",
                assertThrows(UnsupportedOperationException.class, () -> settings.set("level", 4)).getMessage());
    }
}
