package io.yoctopus.plugins.changetracker;

import io.yoctopus.api.RequestRejected;
import io.yoctopus.runtime.connection.ConnectionQuotas;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is subscribed to what: per model, the connections subscribed to the whole model and, per row, those
 * subscribed to one row; per connection, its subscriptions (so a closing connection leaves at once), each
 * counted against the connection's subscription quota and given back when it ends.
 *
 * <p>No lock is shared between connections. A connection's own subscriptions change under its own lock
 * (its requests come one at a time, so it is hardly ever contended); the per-model and per-row sets are
 * concurrent, and a row's set is created, joined, left and pruned (when its last subscriber leaves) in one
 * atomic step of its map, so a connection joining a row never lands in a set that was just pruned. Lookups
 * take no lock and see each connection's membership of a set whole or not at all.
 */
final class SubscriptionRegistry {

    private static final int MAX_PLAIN_SCALE = 100;

    /** One subscription: a model, or a row of it ({@code instance} is the row id's text). */
    record Key(String model, String instance) {
        ChangeTracker.Target target() {
            return new ChangeTracker.Target(model, Optional.ofNullable(instance));
        }
    }

    private static final class ModelSubscribers {
        final Set<String> wholeModel = ConcurrentHashMap.newKeySet();
        final ConcurrentMap<String, Set<String>> byInstance = new ConcurrentHashMap<>();
    }

    /**
     * One connection's subscriptions and its quota, guarded by itself. Once ended (its connection closed, or
     * its last subscription ended) it is out of the registry and empty for good: a subscriber that finds it
     * ended starts again with a new one.
     */
    private static final class Subscriptions {
        final ConnectionQuotas quotas;
        final Set<Key> keys = new HashSet<>();
        boolean ended;

        Subscriptions(ConnectionQuotas quotas) {
            this.quotas = quotas;
        }
    }

    private final ConcurrentMap<String, ModelSubscribers> models = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Subscriptions> byConnection = new ConcurrentHashMap<>();

    /** The text that identifies a row: numbers by value ({@code 42}, {@code 42.0}, {@code "42"} are one row). */
    static String instanceKey(Object id) {
        if (id == null) {
            return null;
        }
        if (id instanceof JsonString text) {
            return text.getString();
        }
        if (id instanceof JsonNumber number) {
            return canonical(number.bigDecimalValue());
        }
        if (id instanceof BigDecimal decimal) {
            return canonical(decimal);
        }
        if (id instanceof BigInteger integer) {
            return canonical(new BigDecimal(integer));
        }
        if (id instanceof Double || id instanceof Float) {
            double value = ((Number) id).doubleValue();
            return Double.isFinite(value) ? canonical(BigDecimal.valueOf(value)) : String.valueOf(value);
        }
        if (id instanceof Number number) {
            return Long.toString(number.longValue());
        }
        return id.toString();
    }

    /**
     * Plain digits, unless the exponent is so far out that the digits would not fit in memory (a client's
     * {@code 1e999999999} is a gigabyte of zeros): then the scientific form, as canonical once the trailing
     * zeros are stripped.
     */
    private static String canonical(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped;
        try {
            stripped = value.stripTrailingZeros();
        } catch (ArithmeticException scaleOutOfRange) {
            return value.toString();   // 100e2147483647: stripped, its scale would pass Integer.MIN_VALUE
        }
        return Math.abs((long) stripped.scale()) > MAX_PLAIN_SCALE ? stripped.toString() : stripped.toPlainString();
    }

    /**
     * Subscribes a connection, taking a place of its quota unless it has this subscription already.
     *
     * @return false if it was there already
     * @throws RequestRejected with the quota's error when the connection has no place left
     */
    boolean add(String model, String connectionId, String instance, ConnectionQuotas quotas) {
        Key key = new Key(model, instance);
        while (true) {
            Subscriptions own = byConnection.computeIfAbsent(connectionId, id -> new Subscriptions(quotas));
            synchronized (own) {
                if (own.ended) {
                    continue; // it left the registry meanwhile: join the next one
                }
                if (own.keys.contains(key)) {
                    return false;
                }
                try {
                    own.quotas.takeSubscription();
                } catch (RequestRejected full) {
                    endIfEmpty(connectionId, own);
                    throw full;
                }
                own.keys.add(key);
                link(model, connectionId, instance);
                return true;
            }
        }
    }

    /** Ends one subscription and gives its place back; @return false if there was no such subscription. */
    boolean remove(String model, String connectionId, String instance) {
        Subscriptions own = byConnection.get(connectionId);
        if (own == null) {
            return false;
        }
        synchronized (own) {
            if (!own.keys.remove(new Key(model, instance))) {
                return false;
            }
            unlink(model, connectionId, instance);
            own.quotas.giveBackSubscriptions(1);
            endIfEmpty(connectionId, own);
            return true;
        }
    }

    /** Ends every subscription of a connection and gives their places back; @return how many there were. */
    int removeConnection(String connectionId) {
        Subscriptions own = byConnection.remove(connectionId);
        if (own == null) {
            return 0;
        }
        synchronized (own) {
            own.ended = true;
            int count = own.keys.size();
            own.keys.forEach(key -> unlink(key.model(), connectionId, key.instance()));
            own.keys.clear();
            own.quotas.giveBackSubscriptions(count);
            return count;
        }
    }

    /** Takes a connection without subscriptions out, so that idle connections cost nothing here. */
    private void endIfEmpty(String connectionId, Subscriptions own) {
        if (own.keys.isEmpty()) {
            own.ended = true;
            byConnection.remove(connectionId, own);
        }
    }

    private void link(String model, String connectionId, String instance) {
        ModelSubscribers subscribers = models.computeIfAbsent(model, m -> new ModelSubscribers());
        if (instance == null) {
            subscribers.wholeModel.add(connectionId);
        } else {
            subscribers.byInstance.compute(instance, (row, ids) -> {
                Set<String> joined = ids == null ? ConcurrentHashMap.newKeySet() : ids;
                joined.add(connectionId);
                return joined;
            });
        }
    }

    /** Only for a subscription that was linked: its model is there. */
    private void unlink(String model, String connectionId, String instance) {
        ModelSubscribers subscribers = models.get(model);
        if (instance == null) {
            subscribers.wholeModel.remove(connectionId);
        } else {
            subscribers.byInstance.computeIfPresent(instance, (row, ids) -> {
                ids.remove(connectionId);
                return ids.isEmpty() ? null : ids; // the last one out prunes the row's set
            });
        }
    }

    /**
     * The connections that receive a change of a row: those subscribed to the model and those subscribed to
     * the row, each once. A snapshot.
     */
    Set<String> subscribers(String model, String instance) {
        ModelSubscribers subscribers = models.get(model);
        if (subscribers == null) {
            return Set.of();
        }
        Set<String> rowSubscribers = instance == null ? null : subscribers.byInstance.get(instance);
        if (rowSubscribers == null || rowSubscribers.isEmpty()) {
            return Set.copyOf(subscribers.wholeModel);
        }
        Set<String> all = new HashSet<>(subscribers.wholeModel);
        all.addAll(rowSubscribers);
        return all;
    }

    /** A connection's subscriptions, a snapshot. */
    List<Key> of(String connectionId) {
        Subscriptions own = byConnection.get(connectionId);
        if (own == null) {
            return List.of();
        }
        synchronized (own) {
            return List.copyOf(own.keys);
        }
    }

    /** How many connections have at least one subscription. */
    int connections() {
        return byConnection.size();
    }

    /** For tests: the number of (model or row) entries kept, to see that nothing leaks. */
    int entries() {
        int count = 0;
        for (ModelSubscribers model : models.values()) {
            count += model.wholeModel.size();
            for (Set<String> row : model.byInstance.values()) {
                count += row.size();
            }
        }
        return count;
    }

    /** For tests: the number of per-row sets kept, to see that empty ones are pruned. */
    int rows() {
        int count = 0;
        for (ModelSubscribers model : models.values()) {
            count += model.byInstance.size();
        }
        return count;
    }
}
