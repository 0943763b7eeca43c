package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yoctopus.api.RequestRejected;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One connection's counts against its quotas, at each boundary. */
class ConnectionQuotasTest {

    private static final String SUBSCRIPTIONS_FULL =
            "quota exceeded: at most 3 subscriptions per connection (yoctopus.quota.subscriptions)";
    private static final String SETTINGS_FULL =
            "quota exceeded: at most 40 characters of settings per connection (yoctopus.quota.settings-chars)";
    private static final String PENDING_FULL =
            "quota exceeded: at most 2 pending requests per connection (yoctopus.quota.pending-requests)";
    private static final String PENDING_CHARS_FULL =
            "quota exceeded: at most 100 characters of pending requests per connection (yoctopus.quota.pending-chars)";

    private final ConnectionQuotas quotas = new ConnectionQuotas(new Quotas(3, 40, 2, 100));

    private void assertPending(int requests, long chars) {
        assertEquals(requests, quotas.pendingRequests(), "pending requests");
        assertEquals(chars, quotas.pendingChars(), "pending characters");
    }

    @Test
    void subscriptionsUpToTheQuotaAreTakenAndOneMoreIsRefused() {
        for (int i = 1; i <= 3; i++) {
            quotas.takeSubscription();
            assertEquals(i, quotas.subscriptions());
        }
        RequestRejected full = assertThrows(RequestRejected.class, quotas::takeSubscription);
        assertEquals(List.of(SUBSCRIPTIONS_FULL), full.errors());
        assertEquals(3, quotas.subscriptions(), "a refusal takes nothing");
    }

    @Test
    void givenBackPlacesCanBeTakenAgain() {
        quotas.takeSubscription();
        quotas.takeSubscription();
        quotas.takeSubscription();
        quotas.giveBackSubscriptions(1);
        assertEquals(2, quotas.subscriptions());
        quotas.takeSubscription();
        assertThrows(RequestRejected.class, quotas::takeSubscription);
        quotas.giveBackSubscriptions(3);
        assertEquals(0, quotas.subscriptions());
        quotas.takeSubscription();
        assertEquals(1, quotas.subscriptions());
    }

    @Test
    void settingsUpToTheQuotaPassAndOneCharacterMoreIsRefused() {
        quotas.checkSettingsLength(2);
        quotas.checkSettingsLength(40);
        RequestRejected full = assertThrows(RequestRejected.class, () -> quotas.checkSettingsLength(41));
        assertEquals(List.of(SETTINGS_FULL), full.errors());
    }

    @Test
    void pendingRequestsUpToTheCountAreAdmittedAndOneMoreIsRefused() {
        assertEquals(Optional.empty(), quotas.admitRequest(10));
        assertEquals(Optional.empty(), quotas.admitRequest(10));
        assertEquals(Optional.of(PENDING_FULL), quotas.admitRequest(10));
        assertPending(2, 20); // a refusal takes nothing

        quotas.requestDone(10);
        assertPending(1, 10);
        assertEquals(Optional.empty(), quotas.admitRequest(10), "an answered request's place is free again");
    }

    @Test
    void pendingCharactersUpToTheQuotaAreAdmittedAndOneMoreIsRefused() {
        assertEquals(Optional.empty(), quotas.admitRequest(60));
        assertEquals(Optional.of(PENDING_CHARS_FULL), quotas.admitRequest(41));
        assertPending(1, 60); // a refusal takes neither a place nor characters
        assertEquals(Optional.empty(), quotas.admitRequest(40), "exactly at the quota");
        assertEquals(100, quotas.pendingChars());

        quotas.requestDone(60);
        quotas.requestDone(40);
        assertPending(0, 0);
        assertEquals(Optional.empty(), quotas.admitRequest(100), "one frame may use the whole quota");
    }

    @Test
    void theCountIsCheckedBeforeTheCharacters() {
        quotas.admitRequest(50);
        quotas.admitRequest(50);
        assertEquals(Optional.of(PENDING_FULL), quotas.admitRequest(50));
        assertEquals(100, quotas.pendingChars());
    }
}
