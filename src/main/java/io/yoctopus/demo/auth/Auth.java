package io.yoctopus.demo.auth;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Reply;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import io.yoctopus.demo.Demo;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.Optional;

/**
 * A toy login: the password {@code secret} logs anyone in; the user {@code admin} is an administrator.
 * Shows settings written with a {@link Reply} and endpoints guarded by {@link Requires}. Other plugins learn
 * who a connection is from {@link #loggedInUser}.
 */
@Plugin(value = "auth", enabledBy = Demo.ENABLED)
@Setting(name = "authenticated", type = Boolean.class)
@Setting(name = "userId", type = String.class)
@Setting(name = "isAdmin", type = Boolean.class)
public class Auth {

    private static final String PASSWORD = "secret";

    /** {@code {username, password}} */
    public record Credentials(@NotBlank String username, String password) {
    }

    /**
     * The user a connection is logged in as: {@code auth.userId} while {@code auth.authenticated} is true.
     * Only this plugin writes these settings, so this is the one identity a client cannot choose; request
     * data and the {@code yoctopus.label} can say anything and prove nothing.
     */
    public static Optional<String> loggedInUser(ConnectionSettings settings) {
        return settings.get("auth", "authenticated", Boolean.class)
                .filter(Boolean::booleanValue)
                .flatMap(authenticated -> settings.get("auth", "userId", String.class));
    }

    @Handles(endpoint = "session", method = "create")
    public Reply login(Credentials credentials) {
        if (!PASSWORD.equals(credentials.password())) {
            throw new RequestRejected("invalid username or password");
        }
        String user = credentials.username();
        return Reply.of(Map.of("userId", user))
                .withSetting("authenticated", true)
                .withSetting("userId", user)
                .withSetting("isAdmin", "admin".equals(user));
    }

    @Handles(endpoint = "session", method = "delete")
    public Reply logout() {
        return Reply.of(Map.of("authenticated", false))
                .withSetting("authenticated", false)
                .withSetting("userId", null)
                .withSetting("isAdmin", null);
    }

    @Handles(endpoint = "profile", method = "read")
    @Requires(setting = "auth.authenticated", equals = "true")
    public Map<String, Object> profile(ConnectionSettings settings) {
        return Map.of("userId", loggedInUser(settings).orElseThrow());
    }

    @Handles(endpoint = "dashboard", method = "read")
    @Requires(setting = "auth.isAdmin", equals = "true")
    public Map<String, Object> dashboard(ConnectionSettings settings) {
        return Map.of("admin", loggedInUser(settings).orElseThrow(), "alerts", 0);
    }
}
