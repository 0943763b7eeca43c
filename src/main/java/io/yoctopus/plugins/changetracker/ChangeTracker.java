package io.yoctopus.plugins.changetracker;

import io.yoctopus.api.RequestRejected;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Subscriptions of connections to changes of tracked entities: the Node version's {@code changeTracker}.
 * Inject it anywhere, for example in a handler of your own subscription endpoint:
 *
 * <pre>{@code
 * @Inject ChangeTracker changeTracker;
 *
 * @Handles(endpoint = "subscribe", method = "create")
 * public Map<String, String> subscribe(Target target, @ConnectionId String connectionId) {
 *     changeTracker.addSubscription(target.model(), connectionId);          // every Post
 *     changeTracker.addSubscription("Post", connectionId, 42);               // only Post 42
 *     return Map.of("subscribed", target.model());
 * }
 * }</pre>
 *
 * <p>A subscribed connection receives
 * {@code {"meta":{"method":"notify","type":"data-changed"},"data":{"operation":"create|update|delete","model":"Post","fields":{...}}}}
 * after each committed change of that model (or of that row). Subscriptions are per connection and end
 * when it closes. Adding a subscription twice has no further effect; a connection subscribed to a model
 * and to one of its rows receives each change once. Thread-safe.
 *
 * <p>A connection holds at most {@code yoctopus.quota.subscriptions} subscriptions (1000 by default), of
 * every kind together, auto-subscriptions included; one more is refused with a {@link RequestRejected}
 * whose message names the quota, which a handler may let through to answer its request with. Ending a
 * subscription gives its place back.
 */
public interface ChangeTracker {

    /** The notification type. */
    String NOTIFICATION_TYPE = "data-changed";

    /**
     * Subscribes a connection to every change of a model.
     *
     * @param modelName the entity name, e.g. {@code Post}
     * @param subscriptionId the connection's id
     * @throws UntrackedModel if the model is not tracked
     * @throws IllegalArgumentException if no connection with that id is open
     * @throws RequestRejected if the connection holds as many subscriptions as its quota allows
     */
    void addSubscription(String modelName, String subscriptionId);

    /**
     * Subscribes a connection to the changes of one row.
     *
     * @param instanceId the row's id; numbers and strings are compared by their text, so {@code 42} and
     *     {@code "42"} name the same row
     * @throws UntrackedModel if the model is not tracked
     * @throws IllegalArgumentException if no connection with that id is open
     * @throws RequestRejected if the connection holds as many subscriptions as its quota allows
     */
    void addSubscription(String modelName, String subscriptionId, Object instanceId);

    /** Ends a model subscription, giving its place back; nothing happens if there was none. */
    void removeSubscription(String modelName, String subscriptionId);

    /** Ends a row subscription, giving its place back; nothing happens if there was none. */
    void removeSubscription(String modelName, String subscriptionId, Object instanceId);

    /** A connection's subscriptions. */
    List<Target> subscriptions(String subscriptionId);

    /** The names of the tracked models. */
    Set<String> trackedModels();

    /** What a connection is subscribed to: a model, or one row of it. */
    record Target(String model, Optional<String> instanceId) {
    }
}
