package io.yoctopus.demo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.demo.FixedSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who a connection is logged in as, read from the settings this plugin writes. */
class AuthTest {

    @Test
    void aLoggedInConnectionIsItsUser() {
        assertEquals(Optional.of("alice"), Auth.loggedInUser(auth(Map.of("authenticated", true, "userId", "alice"))));
    }

    @Test
    void aUserIdCountsOnlyWhileAuthenticatedIsTrue() {
        assertEquals(Optional.empty(), Auth.loggedInUser(auth(Map.of("authenticated", false, "userId", "alice"))));
        assertEquals(Optional.empty(), Auth.loggedInUser(auth(Map.of("userId", "alice"))));
    }

    @Test
    void authenticatedWithoutAUserIsNobody() {
        assertEquals(Optional.empty(), Auth.loggedInUser(auth(Map.of("authenticated", true))));
    }

    @Test
    void theLabelIsNoLogin() {
        assertEquals(Optional.empty(), Auth.loggedInUser(new FixedSettings(Map.of("yoctopus", Map.of("label", "admin")))));
    }

    @Test
    void theLoginRepliesWithTheUserAndTheSettingsThatMakeItOne() {
        var reply = new Auth().login(new Auth.Credentials("admin", "secret"));
        assertEquals(Map.of("userId", "admin"), reply.response());
        var settings = new FixedSettings(Map.of("auth", reply.settings()));
        assertEquals(Optional.of("admin"), Auth.loggedInUser(settings));
    }

    @Test
    void theLogoutEndsIt() {
        Map<String, Object> cleared = new HashMap<>(new Auth().logout().settings());
        cleared.values().removeIf(Objects::isNull); // a null clears the setting
        assertEquals(Map.of("authenticated", false), cleared);
        assertEquals(Optional.empty(), Auth.loggedInUser(new FixedSettings(Map.of("auth", cleared))));
    }

    private static FixedSettings auth(Map<String, Object> settings) {
        return new FixedSettings(Map.of("auth", settings));
    }
}
