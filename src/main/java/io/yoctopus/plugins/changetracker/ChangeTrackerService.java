package io.yoctopus.plugins.changetracker;

import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.runtime.cluster.Cluster;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionQuotas;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.ReadOnlySettings;
import io.yoctopus.runtime.json.ErrorText;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The change tracker: subscriptions per connection, auto-subscription at open, clean-up at close, and the
 * announcement of committed changes.
 *
 * <p>A change is announced only after its transaction has committed, never after a rollback ({@link AfterCommit});
 * a change made outside a transaction is announced at once. The notification text is built once
 * per change and the same text is queued for every subscriber that the {@link ChangeVisibility} policies let
 * see it.
 *
 * <p>In a cluster the instance where a change committed announces it to its own subscribers and publishes it once,
 * as that text, on the {@link Cluster}'s channel {@value #CHANNEL}; every other instance announces it to its own
 * subscribers and never publishes it again. Each change reaches each subscriber once, wherever it is connected.
 */
@ApplicationScoped
public class ChangeTrackerService implements ChangeTracker {

    /** MicroProfile Config: models every connection is subscribed to when it opens, comma-separated. */
    public static final String AUTO_SUBSCRIBE = "yoctopus.changetracker.auto-subscribe";

    /**
     * The cluster channel of committed changes: the model, the operation ({@code CREATE}, ...), the notification's
     * text, and the row's key when the change has an id.
     */
    static final String CHANNEL = "change";

    private static final Logger LOG = Logger.getLogger(ChangeTrackerService.class.getName());

    final SubscriptionRegistry registry = new SubscriptionRegistry();

    @Inject
    TrackedModels models;

    @Inject
    ConnectionRegistry connections;

    @Inject
    JsonCodec json;

    @Inject
    Cluster cluster;

    @Inject
    @Any
    Instance<ChangeVisibility> visibilityBeans;

    /** The server's JTA registry; null without JTA (Java SE), where every change is announced at once. */
    @Resource
    TransactionSynchronizationRegistry transactions;

    private AfterCommit afterCommit;
    private Messages messages;
    private List<String> autoSubscribed;
    private List<ChangeVisibility> policies;

    @PostConstruct
    void init() {
        Set<String> auto = new LinkedHashSet<>();
        models.names().forEach(name -> models.model(name).filter(TrackedModels.Model::autoSubscribe)
                .ifPresent(model -> auto.add(model.name())));
        for (String name : ConfigProvider.getConfig().getOptionalValue(AUTO_SUBSCRIBE, String.class)
                .map(TrackedModels::list).orElse(List.of())) {
            if (models.model(name).isPresent()) {
                auto.add(name);
            } else if (models.switchedOff().contains(name)) {
                LOG.info(() -> AUTO_SUBSCRIBE + ": model " + name + " is switched off; not subscribed");
            } else {
                throw new IllegalStateException(AUTO_SUBSCRIBE + " names " + name + ", which is not a tracked model;"
                        + " tracked: " + models.names());
            }
        }
        use(List.copyOf(auto), visibilityBeans.stream().toList());
        LOG.info(() -> "change tracking: auto-subscribed models " + autoSubscribed + ", " + policies.size()
                + " visibility polic" + (policies.size() == 1 ? "y" : "ies"));
    }

    /** Sets the auto-subscribed models and the visibility policies, at start. */
    void use(List<String> autoSubscribedModels, List<ChangeVisibility> visibilityPolicies) {
        afterCommit = new AfterCommit(transactions, this::announce);
        messages = new Messages(json);
        autoSubscribed = List.copyOf(autoSubscribedModels);
        policies = List.copyOf(visibilityPolicies);
    }

    /** Made at deployment, so that a misconfiguration fails the deployment rather than the first change. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        autoSubscribed.size();
        cluster.on(CHANNEL, this::committedElsewhere);
    }

    /** Auto-subscriptions count against the connection's quota like any other. */
    void opened(@Observes ConnectionOpened opened) {
        connections.quotas(opened.connectionId()).ifPresent(quotas -> {
            for (String model : autoSubscribed) {
                register(model, opened.connectionId(), null, quotas);
            }
        });
    }

    void closed(@Observes ConnectionClosed closed) {
        registry.removeConnection(closed.connectionId());
    }

    void changed(@Observes EntityChanged change) {
        afterCommit.changed(change);
    }

    /**
     * Sends a change that committed here to its subscribers here, and to the other instances of a cluster;
     * @return how many subscribers here it was queued for.
     */
    int announce(EntityChanged change) {
        TrackedModels.Model model = models.model(change.model()).orElse(null);
        if (model == null) {
            return 0;
        }
        String row = SubscriptionRegistry.instanceKey(change.id());
        Set<String> audience = registry.subscribers(model.name(), row);
        boolean elsewhere = cluster.hasPeers();
        if (audience.isEmpty() && !elsewhere) {
            return 0;
        }
        JsonObject fields = fields(change, model);
        String notification = notification(change.operation(), model, fields);
        if (elsewhere) {
            String operation = change.operation().name();
            if (row == null) {
                cluster.publish(CHANNEL, model.name(), operation, notification);
            } else {
                cluster.publish(CHANNEL, model.name(), operation, notification, row);
            }
        }
        return deliver(audience, notification, () -> new EntityChanged(change.operation(), change.model(),
                change.id(), change.entity(), publicFields(fields)));
    }

    /** A change that committed on another instance of the cluster: to its subscribers here. */
    int committedElsewhere(String publisher, List<String> frame) {
        TrackedModels.Model model = models.model(frame.get(0)).orElse(null);
        if (model == null) {
            return 0; // not tracked here: an instance of another version of the application
        }
        EntityChanged.Operation operation = EntityChanged.Operation.valueOf(frame.get(1));
        String notification = frame.get(2);
        String row = frame.size() > 3 ? frame.get(3) : null;
        return deliver(registry.subscribers(model.name(), row), notification, () -> new EntityChanged(operation,
                model.name(), row, null, publicFields(json.parse(notification).asJsonObject().getJsonObject("data")
                        .getJsonObject("fields"))));
    }

    /**
     * Queues the notification for each subscriber that every policy lets see {@code change}, made only when
     * there are policies, as a send to many (the heartbeat gives way meanwhile, as for a multicast); @return how
     * many.
     */
    private int deliver(Set<String> audience, String notification, Supplier<EntityChanged> change) {
        if (audience.isEmpty()) {
            return 0;
        }
        EntityChanged seen = policies.isEmpty() ? null : change.get();
        return connections.notifyEach(
                connection -> audience.contains(connection.id()) && visible(seen, connection), notification);
    }

    /** {@code {"meta":{"method":"notify","type":"data-changed"},"data":{"operation","model","fields"}}} */
    private String notification(EntityChanged.Operation operation, TrackedModels.Model model, JsonObject fields) {
        String data = json.objectBuilder()
                .add("operation", operation.wireName())
                .add("model", model.name())
                .add("fields", fields)
                .build()
                .toString();
        return messages.notification(NOTIFICATION_TYPE, data);
    }

    private JsonObject fields(EntityChanged change, TrackedModels.Model model) {
        JsonObjectBuilder fields = json.objectBuilder();
        model.fields().write(change.entity(), fields, json::toJsonValue);
        return fields.build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> publicFields(JsonObject fields) {
        return (Map<String, Object>) json.toJava(fields);
    }

    private boolean visible(EntityChanged change, Connection connection) {
        if (change == null) {
            return true; // no policies
        }
        ReadOnlySettings settings = new ReadOnlySettings(connection.settings(), json);
        for (ChangeVisibility policy : policies) {
            try {
                if (!policy.visible(change, connection.id(), settings)) {
                    return false;
                }
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "change tracking: visibility policy " + policy.getClass().getName()
                        + " failed; the change is not sent to " + connection.id(), failure);
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- ChangeTracker

    @Override
    public void addSubscription(String modelName, String subscriptionId) {
        subscribe(modelName, subscriptionId, null);
    }

    @Override
    public void addSubscription(String modelName, String subscriptionId, Object instanceId) {
        if (instanceId == null) {
            throw new IllegalArgumentException("instanceId is null; use addSubscription(modelName, subscriptionId)");
        }
        subscribe(modelName, subscriptionId, SubscriptionRegistry.instanceKey(instanceId));
    }

    private void subscribe(String modelName, String connectionId, String instance) {
        requireTracked(modelName);
        ConnectionQuotas quotas = connections.quotas(connectionId)
                .orElseThrow(() -> new IllegalArgumentException("no open connection " + connectionId));
        register(modelName, connectionId, instance, quotas);
    }

    /**
     * A connection leaves the registry of open connections before its clean-up ({@link #closed}) runs: a
     * subscription added by a request racing that clean-up is found here and ended, so none outlives its
     * connection.
     */
    private void register(String modelName, String connectionId, String instance, ConnectionQuotas quotas) {
        registry.add(modelName, connectionId, instance, quotas);
        if (connections.quotas(connectionId).isEmpty()) {
            registry.removeConnection(connectionId); // it closed meanwhile, after its clean-up ran
        }
    }

    @Override
    public void removeSubscription(String modelName, String subscriptionId) {
        requireTracked(modelName);
        registry.remove(modelName, subscriptionId, null);
    }

    @Override
    public void removeSubscription(String modelName, String subscriptionId, Object instanceId) {
        requireTracked(modelName);
        registry.remove(modelName, subscriptionId, SubscriptionRegistry.instanceKey(instanceId));
    }

    @Override
    public List<Target> subscriptions(String subscriptionId) {
        return registry.of(subscriptionId).stream().map(SubscriptionRegistry.Key::target).toList();
    }

    @Override
    public Set<String> trackedModels() {
        return models.names();
    }

    private void requireTracked(String modelName) {
        if (modelName == null || models.model(modelName).isEmpty()) {
            throw new UntrackedModel("model '" + ErrorText.echo(String.valueOf(modelName)) + "' is not tracked");
        }
    }
}
