package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.testing.ScopedConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which origins may open connections: {@code yoctopus.allowed-origins}, and the API that changes it at run time. */
class OriginPolicyTest {

    private static OriginPolicy configured(Map<String, String> config) {
        OriginPolicy policy = new OriginPolicy();
        ScopedConfig.run(config, policy::reload);
        return policy;
    }

    @Test
    void byDefaultEveryOriginMayAndSoMayAHandshakeWithoutOne() {
        OriginPolicy policy = configured(Map.of());
        assertEquals(Set.of("*"), policy.get());
        assertTrue(policy.allows("https://anywhere.example"));
        assertTrue(policy.allows(null));
    }

    @Test
    void aListAllowsItsOriginsOnlyTrimmedAndWithoutEmptyEntries() {
        OriginPolicy policy = configured(Map.of(OriginPolicy.KEY, " https://a.example ,https://b.example,, "));
        assertEquals(Set.of("https://a.example", "https://b.example"), policy.get());
        assertTrue(policy.allows("https://a.example"));
        assertTrue(policy.allows("https://b.example"));
        assertFalse(policy.allows("https://c.example"));
        assertFalse(policy.allows("https://a.example/"), "an origin is compared whole");
        assertFalse(policy.allows(null), "a list requires the header");
    }

    @Test
    void theListCanBeChangedAtRunTime() {
        OriginPolicy policy = configured(Map.of(OriginPolicy.KEY, "https://a.example"));
        policy.set(List.of("https://c.example", " "));
        assertEquals(Set.of("https://c.example"), policy.get());
        assertFalse(policy.allows("https://a.example"));
        policy.set(List.of(" * "));
        assertTrue(policy.allows("https://a.example"));
        assertTrue(policy.allows(null));
    }
}
