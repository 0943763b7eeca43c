package io.yoctopus.runtime.connection;

import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * What one connection may hold on the server, whoever its client is: so that no single client, logged in
 * or not, can fill the heap. Read once at start from MicroProfile Config; README lists the keys with their
 * defaults and why. Each connection counts its own use in its {@link ConnectionQuotas}, which refuses with
 * the error message of the quota it would pass.
 *
 * @param subscriptions change-tracking subscriptions, of every kind together
 * @param settingsChars characters of the JSON text the connection's settings store serializes to
 * @param pendingRequests requests received and not yet answered, the one running included
 * @param pendingChars characters of those requests' frames (bytes of binary frames)
 */
public record Quotas(int subscriptions, int settingsChars, int pendingRequests, int pendingChars) {

    public static final String SUBSCRIPTIONS = "yoctopus.quota.subscriptions";
    public static final String SETTINGS_CHARS = "yoctopus.quota.settings-chars";
    public static final String PENDING_REQUESTS = "yoctopus.quota.pending-requests";
    public static final String PENDING_CHARS = "yoctopus.quota.pending-chars";

    /** The defaults; README says why each. */
    public static final Quotas DEFAULTS = new Quotas(1000, 65_536, 256, 4 * 1_048_576);

    public Quotas {
        atLeastOne(SUBSCRIPTIONS, subscriptions);
        atLeastOne(SETTINGS_CHARS, settingsChars);
        atLeastOne(PENDING_REQUESTS, pendingRequests);
        atLeastOne(PENDING_CHARS, pendingChars);
    }

    /** The quotas configured, each key that is not set taking its default. */
    public static Quotas from(Config config) {
        return new Quotas(
                read(config, SUBSCRIPTIONS, DEFAULTS.subscriptions),
                read(config, SETTINGS_CHARS, DEFAULTS.settingsChars),
                read(config, PENDING_REQUESTS, DEFAULTS.pendingRequests),
                read(config, PENDING_CHARS, DEFAULTS.pendingChars));
    }

    String subscriptionsExceeded() {
        return exceeded(subscriptions, "subscriptions", SUBSCRIPTIONS);
    }

    String settingsExceeded() {
        return exceeded(settingsChars, "characters of settings", SETTINGS_CHARS);
    }

    String pendingRequestsExceeded() {
        return exceeded(pendingRequests, "pending requests", PENDING_REQUESTS);
    }

    String pendingCharsExceeded() {
        return exceeded(pendingChars, "characters of pending requests", PENDING_CHARS);
    }

    private static String exceeded(int limit, String what, String key) {
        return "quota exceeded: at most " + limit + " " + what + " per connection (" + key + ")";
    }

    private static int read(Config config, String key, int fallback) {
        return config.getOptionalValue(key, String.class).map(parse(key)).orElse(fallback);
    }

    private static Function<String, Integer> parse(String key) {
        return text -> {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(key + " must be a whole number from 1 to " + Integer.MAX_VALUE
                        + ", not '" + text + "'");
            }
        };
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
    }
}
