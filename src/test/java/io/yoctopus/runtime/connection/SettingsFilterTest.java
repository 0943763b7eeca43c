package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The multicast filter: a partial settings store matched against a connection's settings store. */
class SettingsFilterTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    /** A settings store as a connection holds it, written as JSON {@code {plugin: {key: value}}}. */
    private static Map<String, Map<String, JsonValue>> store(String json) {
        SettingsStore store = new SettingsStore();
        JSON.parse(json).asJsonObject().forEach((plugin, settings) -> store.apply(plugin, settings.asJsonObject()));
        return store.snapshot();
    }

    private static boolean matches(String filter, String store) {
        return new SettingsFilter(JSON.parse(filter).asJsonObject()).matches(store(store));
    }

    @Test
    void anEmptyFilterMatchesEveryStore() {
        assertTrue(matches("{}", "{}"));
        assertTrue(matches("{}", "{\"auth\":{\"isAdmin\":true}}"));
    }

    @Test
    void everyNamedSettingMustBeEqual() {
        String admin = "{\"auth\":{\"authenticated\":true,\"userId\":\"ann\",\"isAdmin\":true},\"yoctopus\":{\"label\":\"x\"}}";
        assertTrue(matches("{\"auth\":{\"isAdmin\":true}}", admin));
        assertTrue(matches("{\"auth\":{\"isAdmin\":true,\"userId\":\"ann\"},\"yoctopus\":{\"label\":\"x\"}}", admin));

        assertFalse(matches("{\"auth\":{\"isAdmin\":false}}", admin), "another value");
        assertFalse(matches("{\"auth\":{\"isAdmin\":true,\"userId\":\"bob\"}}", admin), "one of two settings differs");
        assertFalse(matches("{\"auth\":{\"isAdmin\":true},\"yoctopus\":{\"label\":\"y\"}}", admin),
                "a setting of a second plugin differs");
        assertFalse(matches("{\"auth\":{\"isAdmin\":true}}", "{\"auth\":{\"userId\":\"ann\"}}"), "the setting is unset");
        assertFalse(matches("{\"auth\":{\"isAdmin\":true}}", "{}"), "the plugin has no settings");
        assertFalse(matches("{\"auth\":{\"isAdmin\":\"true\"}}", admin), "a string is not a boolean");
        assertFalse(matches("{\"auth\":{\"userId\":[\"ann\"]}}", admin), "an array is not a string");
    }

    @Test
    void aPluginEntryWithoutSettingsMatchesEveryStore() {
        assertTrue(matches("{\"auth\":{}}", "{}"));
        assertTrue(matches("{\"auth\":{}}", "{\"auth\":{\"isAdmin\":false}}"));
    }

    @Test
    void numbersCompareByValue() {
        String store = "{\"game\":{\"level\":3,\"score\":2.50,\"big\":1E+3}}";
        assertTrue(matches("{\"game\":{\"level\":3}}", store));
        assertTrue(matches("{\"game\":{\"level\":3.0}}", store));
        assertTrue(matches("{\"game\":{\"level\":3.000,\"score\":2.5,\"big\":1000}}", store));
        assertFalse(matches("{\"game\":{\"level\":4}}", store));
        assertFalse(matches("{\"game\":{\"level\":3.0001}}", store));
        assertFalse(matches("{\"game\":{\"level\":\"3\"}}", store), "a string is not a number");
    }

    @Test
    void numbersInsideArraysCompareByValueToo() {
        String store = "{\"game\":{\"path\":[1,2.0,{\"x\":3}]}}";
        assertTrue(matches("{\"game\":{\"path\":[1,2.0,{\"x\":3}]}}", store));
        assertTrue(matches("{\"game\":{\"path\":[1.0,2,{\"x\":3.00}]}}", store));
        assertFalse(matches("{\"game\":{\"path\":[2,1,{\"x\":3}]}}", store), "order matters");
        assertFalse(matches("{\"game\":{\"path\":[1,2]}}", store), "an array matches only as a whole");
        assertFalse(matches("{\"game\":{\"path\":[1,2,{\"x\":3},4]}}", store));
        assertFalse(matches("{\"game\":{\"path\":[1,2,{}]}}", store), "objects in arrays are compared whole");
        assertFalse(matches("{\"game\":{\"path\":[1,2,{\"x\":4}]}}", store), "an object in an array with another value");
        assertFalse(matches("{\"game\":{\"path\":[1,2,{\"y\":3}]}}", store), "an object in an array with another key");
    }

    @Test
    void mapsMatchRecursivelyByTheirNamedEntries() {
        String store = "{\"p\":{\"profile\":{\"team\":{\"name\":\"red\",\"size\":3,\"tags\":[\"a\"]},\"age\":40}}}";
        assertTrue(matches("{\"p\":{\"profile\":{}}}", store), "an empty object matches any object");
        assertTrue(matches("{\"p\":{\"profile\":{\"age\":40}}}", store));
        assertTrue(matches("{\"p\":{\"profile\":{\"team\":{\"name\":\"red\"}}}}", store));
        assertTrue(matches("{\"p\":{\"profile\":{\"team\":{\"size\":3.0,\"tags\":[\"a\"]},\"age\":40.0}}}", store));

        assertFalse(matches("{\"p\":{\"profile\":{\"team\":{\"name\":\"blue\"}}}}", store));
        assertFalse(matches("{\"p\":{\"profile\":{\"team\":{\"name\":\"red\",\"lead\":\"ann\"}}}}", store),
                "an entry the setting does not have");
        assertFalse(matches("{\"p\":{\"profile\":{\"team\":\"red\"}}}", store), "a string is not an object");
        assertFalse(matches("{\"p\":{\"profile\":{\"team\":{\"name\":\"red\"}}}}",
                "{\"p\":{\"profile\":{\"team\":[\"red\"]}}}"), "an array is not an object");
    }

    @Test
    void nullMatchesAnUnsetSetting() {
        assertTrue(matches("{\"auth\":{\"userId\":null}}", "{}"), "the plugin has no settings at all");
        assertTrue(matches("{\"auth\":{\"userId\":null}}", "{\"auth\":{\"authenticated\":false}}"));
        assertFalse(matches("{\"auth\":{\"userId\":null}}", "{\"auth\":{\"userId\":\"ann\"}}"));
        assertTrue(matches("{\"auth\":{\"authenticated\":false,\"userId\":null}}", "{\"auth\":{\"authenticated\":false}}"));

        // inside an object setting, null matches a missing entry
        assertTrue(matches("{\"p\":{\"profile\":{\"team\":null}}}", "{\"p\":{\"profile\":{\"age\":1}}}"));
        assertFalse(matches("{\"p\":{\"profile\":{\"team\":null}}}", "{\"p\":{\"profile\":{\"team\":\"red\"}}}"));
    }

    @Test
    void aClearedSettingMatchesNullAndNothingElse() {
        SettingsStore store = new SettingsStore();
        store.apply("auth", Map.of("userId", JSON.string("ann")));
        store.apply("auth", Map.of("userId", JsonValue.NULL));
        assertTrue(new SettingsFilter(JSON.parse("{\"auth\":{\"userId\":null}}").asJsonObject()).matches(store.snapshot()));
        assertFalse(new SettingsFilter(JSON.parse("{\"auth\":{\"userId\":\"ann\"}}").asJsonObject()).matches(store.snapshot()));
    }

    @Test
    void aFilterBuiltFromJavaValuesMatchesSettingsWrittenAsJson() {
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("size", 3);
        team.put("lead", null);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("profile", Map.of("team", team));
        settings.put("ratio", 0.5);
        settings.put("tags", List.of(1L, 2));
        JsonObject filter = JSON.toJsonValue(Map.of("p", settings)).asJsonObject();
        assertTrue(new SettingsFilter(filter).matches(
                store("{\"p\":{\"profile\":{\"team\":{\"size\":3.0}},\"ratio\":0.50,\"tags\":[1,2.0]}}")));
        assertFalse(new SettingsFilter(filter).matches(
                store("{\"p\":{\"profile\":{\"team\":{\"size\":3,\"lead\":\"x\"}},\"ratio\":0.5,\"tags\":[1,2]}}")));
    }

    @Test
    void aFilterEntryThatIsNotAnObjectOfSettingsIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new SettingsFilter(JSON.parse("{\"auth\":{\"isAdmin\":true},\"chat\":\"room\"}").asJsonObject()));
        assertEquals("filter entry 'chat' must be an object of settings", refused.getMessage());
    }
}
