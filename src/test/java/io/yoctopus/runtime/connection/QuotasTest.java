package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The quota keys as MicroProfile Config gives them, on a real Config implementation (SmallRye). */
class QuotasTest {

    private static final List<String> KEYS = List.of(Quotas.SUBSCRIPTIONS, Quotas.SETTINGS_CHARS,
            Quotas.PENDING_REQUESTS, Quotas.PENDING_CHARS);

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertEquals(new Quotas(1000, 65_536, 256, 4_194_304), Quotas.DEFAULTS);
        assertEquals(Quotas.DEFAULTS, Quotas.from(config(Map.of())));
    }

    @Test
    void anEmptyValueIsNoValue() { // as MicroProfile Config has it
        assertEquals(Quotas.DEFAULTS, Quotas.from(config(Map.of(Quotas.SUBSCRIPTIONS, ""))));
    }

    @Test
    void eachKeyIsReadOnItsOwn() {
        assertEquals(new Quotas(3, 40, 2, 100), Quotas.from(config(Map.of(Quotas.SUBSCRIPTIONS, "3",
                Quotas.SETTINGS_CHARS, "40", Quotas.PENDING_REQUESTS, "2", Quotas.PENDING_CHARS, " 100 "))));
        assertEquals(new Quotas(1000, 65_536, 7, 4_194_304), Quotas.from(config(Map.of(Quotas.PENDING_REQUESTS, "7"))));
    }

    @Test
    void everyQuotaIsAtLeastOne() {
        assertEquals(new Quotas(1, 1, 1, 1), Quotas.from(config(Map.of(Quotas.SUBSCRIPTIONS, "1",
                Quotas.SETTINGS_CHARS, "1", Quotas.PENDING_REQUESTS, "1", Quotas.PENDING_CHARS, "1"))));
        for (String key : KEYS) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Quotas.from(config(Map.of(key, "0"))));
            assertEquals(key + " must be at least 1, not 0", refused.getMessage());
        }
        assertEquals(Quotas.SUBSCRIPTIONS + " must be at least 1, not -5",
                assertThrows(IllegalArgumentException.class, () -> new Quotas(-5, 1, 1, 1)).getMessage());
    }

    @Test
    void aValueThatIsNoWholeNumberIsRefusedNamingTheKey() {
        for (String value : List.of("many", "1.5", "2147483648", "-")) {
            for (String key : KEYS) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> Quotas.from(config(Map.of(key, value))), key + "=" + value);
                assertEquals(key + " must be a whole number from 1 to 2147483647, not '" + value + "'",
                        refused.getMessage());
            }
        }
    }

    @Test
    void eachRefusalNamesItsQuotaAndKey() {
        Quotas quotas = new Quotas(3, 40, 2, 100);
        assertEquals("quota exceeded: at most 3 subscriptions per connection (yoctopus.quota.subscriptions)",
                quotas.subscriptionsExceeded());
        assertEquals("quota exceeded: at most 40 characters of settings per connection (yoctopus.quota.settings-chars)",
                quotas.settingsExceeded());
        assertEquals("quota exceeded: at most 2 pending requests per connection (yoctopus.quota.pending-requests)",
                quotas.pendingRequestsExceeded());
        assertEquals("quota exceeded: at most 100 characters of pending requests per connection "
                + "(yoctopus.quota.pending-chars)", quotas.pendingCharsExceeded());
    }
}
