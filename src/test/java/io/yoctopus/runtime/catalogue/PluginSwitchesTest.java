package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code yoctopus.plugin.<name>.enabled} first, then the plugin's own {@code enabledBy} key, else on. */
class PluginSwitchesTest {

    private static final String OWN = "yoctopus.plugin.chat.enabled";
    private static final String DEMO = "yoctopus.demo.enabled";

    private static Optional<String> offReason(Map<String, Boolean> config, String enabledBy) {
        return new PluginSwitches(key -> Optional.ofNullable(config.get(key))).offReason("chat", enabledBy);
    }

    @Test
    void aPluginWithoutKeysIsOn() {
        assertEquals(Optional.empty(), offReason(Map.of(), ""));
    }

    @Test
    void itsOwnKeySwitchesAnyPluginOff() {
        assertEquals(Optional.of(OWN + " is false"), offReason(Map.of(OWN, false), ""));
    }

    @Test
    void itsOwnKeyWinsOverTheSharedKeyBothWays() {
        assertEquals(Optional.empty(), offReason(Map.of(OWN, true, DEMO, false), DEMO));
        assertEquals(Optional.empty(), offReason(Map.of(OWN, true), DEMO));
        assertEquals(Optional.of(OWN + " is false"), offReason(Map.of(OWN, false, DEMO, true), DEMO));
    }

    @Test
    void withoutItsOwnKeyTheSharedKeyDecides() {
        assertEquals(Optional.empty(), offReason(Map.of(DEMO, true), DEMO));
        assertEquals(Optional.of(DEMO + " is not true and " + OWN + " is not set"), offReason(Map.of(DEMO, false), DEMO));
        assertEquals(Optional.of(DEMO + " is not true and " + OWN + " is not set"), offReason(Map.of(), DEMO));
    }
}
