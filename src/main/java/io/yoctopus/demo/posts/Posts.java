package io.yoctopus.demo.posts;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.OneOf;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Requires;
import io.yoctopus.demo.Demo;
import io.yoctopus.demo.auth.Auth;
import io.yoctopus.plugins.changetracker.ChangeTracker;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Change tracking, demonstrated: users and posts in the database, every connection subscribed to posts,
 * and subscriptions to users (or to one user or post) on request. Each committed change reaches the
 * subscribers as a {@code data-changed} notification with only the public fields ({@link Post}, {@link User}).
 *
 * <p>Writing posts needs a login, and the author of a post is the logged-in user, taken from the connection's
 * settings ({@link Auth#loggedInUser}), never from the request; only the author may change or delete it.
 */
@Plugin(value = "posts", enabledBy = Demo.ENABLED)
public class Posts {

    /** {@code {title, content}}; the author is the logged-in user. */
    public record NewPost(@NotBlank String title, String content) {
    }

    /** {@code {id, title, content}} */
    public record PostUpdate(long id, @NotBlank String title, String content) {
    }

    /** {@code {id}} */
    public record PostId(long id) {
    }

    /** {@code {name, email, password}} */
    public record NewUser(@NotBlank String name, @Email String email, String password) {
    }

    /** {@code {model, instanceId?}}: any model but these two is refused by the format's own check. */
    public record Target(@OneOf({"User", "Post"}) String model, Optional<Long> instanceId) {
    }

    @Inject
    PostStore store;

    @Inject
    ChangeTracker changeTracker;

    @Handles(endpoint = "post", method = "create")
    @Requires(setting = "auth.authenticated", equals = "true")
    public Map<String, Object> create(NewPost request, ConnectionSettings settings) {
        return view(store.create(request.title(), request.content(), user(settings)));
    }

    @Handles(endpoint = "post", method = "update")
    @Requires(setting = "auth.authenticated", equals = "true")
    public Map<String, Object> update(PostUpdate request, ConnectionSettings settings) {
        return view(store.update(request.id(), request.title(), request.content(), user(settings)));
    }

    @Handles(endpoint = "post", method = "delete")
    @Requires(setting = "auth.authenticated", equals = "true")
    public Map<String, Object> delete(PostId request, ConnectionSettings settings) {
        store.delete(request.id(), user(settings));
        return Map.of("id", request.id());
    }

    @Handles(endpoint = "user", method = "create")
    public Map<String, Object> createUser(NewUser request) {
        User user = store.createUser(request.name(), request.email(), request.password());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", user.getId());
        answer.put("name", user.getName());
        return answer;
    }

    @Handles(endpoint = "subscription", method = "create")
    public Map<String, Object> subscribe(Target target, @ConnectionId String connectionId) {
        target.instanceId().ifPresentOrElse(
                id -> changeTracker.addSubscription(target.model(), connectionId, id),
                () -> changeTracker.addSubscription(target.model(), connectionId));
        return answer("subscribed", target);
    }

    @Handles(endpoint = "subscription", method = "delete")
    public Map<String, Object> unsubscribe(Target target, @ConnectionId String connectionId) {
        target.instanceId().ifPresentOrElse(
                id -> changeTracker.removeSubscription(target.model(), connectionId, id),
                () -> changeTracker.removeSubscription(target.model(), connectionId));
        return answer("unsubscribed", target);
    }

    /** The logged-in user; the requirement has checked the login, and auth sets the user with it. */
    private static String user(ConnectionSettings settings) {
        return Auth.loggedInUser(settings).orElseThrow();
    }

    private static Map<String, Object> answer(String key, Target target) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(key, target.model());
        target.instanceId().ifPresent(id -> answer.put("instanceId", id));
        return answer;
    }

    private static Map<String, Object> view(Post post) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", post.getId());
        view.put("title", post.getTitle());
        view.put("content", post.getContent());
        view.put("authorId", post.getAuthorId());
        return view;
    }
}
