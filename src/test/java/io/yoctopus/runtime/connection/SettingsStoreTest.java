package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yoctopus.runtime.connection.SettingsStore.SettingChange;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One connection's settings: changes applied together, only real changes reported. */
class SettingsStoreTest {

    private final SettingsStore store = new SettingsStore();

    private static JsonValue text(String value) {
        return Json.createValue(value);
    }

    /** A change map that keeps its order and may hold {@code JsonValue.NULL}. */
    private static Map<String, JsonValue> changes(Object... keysAndValues) {
        Map<String, JsonValue> changes = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            changes.put((String) keysAndValues[i], (JsonValue) keysAndValues[i + 1]);
        }
        return changes;
    }

    @Test
    void anEmptyStoreHasNothing() {
        assertEquals(Optional.empty(), store.get("auth", "userId"));
        assertEquals(Map.of(), store.snapshot());
    }

    @Test
    void applyStoresValuesAndReportsEachChange() {
        List<SettingChange> changed = store.apply("auth", changes("userId", text("ann"), "authenticated", JsonValue.TRUE));
        assertEquals(List.of(new SettingChange("auth", "userId", null, text("ann")),
                new SettingChange("auth", "authenticated", null, JsonValue.TRUE)), changed);
        assertEquals(Optional.of(text("ann")), store.get("auth", "userId"));
        assertEquals(Optional.of(JsonValue.TRUE), store.get("auth", "authenticated"));
    }

    @Test
    void applyReportsOnlyValuesThatReallyChanged() {
        store.apply("auth", changes("userId", text("ann"), "authenticated", JsonValue.TRUE));
        List<SettingChange> changed = store.apply("auth", changes("userId", text("ann"), "authenticated", JsonValue.FALSE));
        assertEquals(List.of(new SettingChange("auth", "authenticated", JsonValue.TRUE, JsonValue.FALSE)), changed);
    }

    @Test
    void applyingTheSameValuesAgainChangesNothing() {
        store.apply("auth", changes("userId", text("ann")));
        Map<String, Map<String, JsonValue>> before = store.snapshot();
        assertEquals(List.of(), store.apply("auth", changes("userId", text("ann"))));
        assertEquals(before, store.snapshot());
    }

    @Test
    void nullClearsASetting() {
        store.apply("auth", changes("userId", text("ann"), "authenticated", JsonValue.TRUE));
        List<SettingChange> changed = store.apply("auth", changes("userId", JsonValue.NULL));
        assertEquals(List.of(new SettingChange("auth", "userId", text("ann"), null)), changed);
        assertEquals(Optional.empty(), store.get("auth", "userId"));
        assertEquals(Optional.of(JsonValue.TRUE), store.get("auth", "authenticated"));
    }

    @Test
    void clearingAnUnsetSettingIsNoChange() {
        assertEquals(List.of(), store.apply("auth", changes("userId", JsonValue.NULL)));
        assertEquals(Optional.empty(), store.get("auth", "userId"));
    }

    @Test
    void pluginsHaveSeparateNamespaces() {
        store.apply("auth", changes("label", text("a")));
        store.apply("yoctopus", changes("label", text("b")));
        assertEquals(Optional.of(text("a")), store.get("auth", "label"));
        assertEquals(Optional.of(text("b")), store.get("yoctopus", "label"));
        assertEquals(Map.of("auth", Map.of("label", text("a")), "yoctopus", Map.of("label", text("b"))),
                store.snapshot());
    }

    @Test
    void aSnapshotIsImmutableAndUnaffectedByLaterChanges() {
        store.apply("auth", changes("userId", text("ann")));
        Map<String, Map<String, JsonValue>> snapshot = store.snapshot();
        store.apply("auth", changes("userId", text("bob")));

        assertEquals(Map.of("auth", Map.of("userId", text("ann"))), snapshot);
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put("x", Map.of()));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.get("auth").put("x", JsonValue.TRUE));
    }

    // ----- the length the settings quota measures -----

    /** The store as JSON-P writes it: what its length must be. */
    private String serialized() {
        JsonObjectBuilder all = Json.createObjectBuilder();
        store.snapshot().forEach((plugin, settings) -> {
            JsonObjectBuilder own = Json.createObjectBuilder();
            settings.forEach(own::add);
            all.add(plugin, own);
        });
        return all.build().toString();
    }

    private void assertLengthIsTheSerializedOne() {
        assertEquals(serialized().length(), store.length(), () -> "the length of " + serialized());
    }

    @Test
    void anEmptyStoreIsTwoCharacters() {
        assertEquals(2, store.length()); // {}
    }

    @Test
    void theLengthIsThatOfTheJsonTextAfterEachChange() {
        JsonValue nested = Json.createReader(new StringReader(
                "{\"list\":[1,2.5,-3e7,true,null,\"x\"],\"deep\":{\"a\":{\"b\":[]}},\"empty\":{}}")).readValue();
        store.apply("auth", changes("userId", text("ann"), "authenticated", JsonValue.TRUE));
        assertLengthIsTheSerializedOne();
        store.apply("yoctopus", changes("label", text("quote \" backslash \\ newline \n tab \t bell \u0007 é ✓ 😀")));
        assertLengthIsTheSerializedOne();
        store.apply("auth", changes("profile", nested, "count", Json.createValue(12345678901234L),
                "ratio", Json.createValue(new BigDecimal("0.000125"))));
        assertLengthIsTheSerializedOne();
        store.apply("auth", changes("userId", text("bartholomew")));
        assertLengthIsTheSerializedOne();
        store.apply("auth", changes("profile", JsonValue.NULL));
        assertLengthIsTheSerializedOne();
        store.apply("yoctopus", changes("label", JsonValue.NULL)); // an emptied plugin stays, as {}
        assertLengthIsTheSerializedOne();
        assertEquals(Map.of(), store.snapshot().get("yoctopus"));
        store.apply("auth", changes("userId", text("bartholomew"))); // no change
        assertLengthIsTheSerializedOne();
    }

    @Test
    void namesAreMeasuredEscapedAsJsonPWritesThem() {
        store.apply("odd \"plugin\\", changes("key\b\f\n\r\t\u0001\u001f é", JsonValue.FALSE));
        assertLengthIsTheSerializedOne();
        assertEquals(2, SettingsStore.quotedLength(""));
        assertEquals(4, SettingsStore.quotedLength(" ~"));
        assertEquals(8, SettingsStore.quotedLength("\u0000"));
        assertEquals(8, SettingsStore.quotedLength("\u001f"));
        assertEquals(4, SettingsStore.quotedLength("\""));
        assertEquals(4, SettingsStore.quotedLength("\\"));
    }

    @Test
    void lengthWithForeseesTheLengthAfterTheChanges() {
        store.apply("auth", changes("userId", text("ann")));
        for (Map<String, JsonValue> change : List.of(changes("userId", text("bob")), changes("userId", JsonValue.NULL),
                changes("other", JsonValue.NULL), changes("role", text("admin"), "userId", text("carla")))) {
            SettingsStore copy = new SettingsStore();
            copy.apply("auth", changes("userId", text("ann")));
            copy.apply("auth", change);
            assertEquals(copy.length(), store.lengthWith("auth", change), change::toString);
        }
        SettingsStore withChat = new SettingsStore();
        withChat.apply("auth", changes("userId", text("ann")));
        withChat.apply("chat", changes("room", text("lobby")));
        assertEquals(withChat.length(), store.lengthWith("chat", changes("room", text("lobby"))), "a new plugin");
        assertEquals("{\"auth\":{\"userId\":\"ann\"}}".length(), store.length(), "lengthWith changes nothing");
    }
}
