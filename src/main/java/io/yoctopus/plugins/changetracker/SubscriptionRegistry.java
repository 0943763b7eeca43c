package io.yoctopus.plugins.changetracker;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is subscribed to what: per model, the connections subscribed to the whole model and, per row, those
 * subscribed to one row; per connection, its subscriptions (so a closing connection leaves at once).
 * Writes are serialized; lookups run concurrently with them and see each write whole or not at all per
 * set.
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

    private final ConcurrentMap<String, ModelSubscribers> models = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<Key>> byConnection = new ConcurrentHashMap<>();

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

    /** @return false if it was there already */
    synchronized boolean add(String model, String connectionId, String instance) {
        ModelSubscribers subscribers = models.computeIfAbsent(model, m -> new ModelSubscribers());
        boolean added = instance == null
                ? subscribers.wholeModel.add(connectionId)
                : subscribers.byInstance.computeIfAbsent(instance, i -> ConcurrentHashMap.newKeySet()).add(connectionId);
        byConnection.computeIfAbsent(connectionId, c -> ConcurrentHashMap.newKeySet()).add(new Key(model, instance));
        return added;
    }

    /** @return false if there was no such subscription */
    synchronized boolean remove(String model, String connectionId, String instance) {
        Set<Key> keys = byConnection.get(connectionId);
        if (keys == null || !keys.remove(new Key(model, instance))) {
            return false;
        }
        if (keys.isEmpty()) {
            byConnection.remove(connectionId);
        }
        unlink(model, connectionId, instance);
        return true;
    }

    /** Removes every subscription of a connection; @return how many there were. */
    synchronized int removeConnection(String connectionId) {
        Set<Key> keys = byConnection.remove(connectionId);
        if (keys == null) {
            return 0;
        }
        keys.forEach(key -> unlink(key.model(), connectionId, key.instance()));
        return keys.size();
    }

    private void unlink(String model, String connectionId, String instance) {
        ModelSubscribers subscribers = models.get(model);
        if (subscribers == null) {
            return;
        }
        if (instance == null) {
            subscribers.wholeModel.remove(connectionId);
        } else {
            Set<String> rowSubscribers = subscribers.byInstance.get(instance);
            if (rowSubscribers != null && rowSubscribers.remove(connectionId) && rowSubscribers.isEmpty()) {
                subscribers.byInstance.remove(instance);
            }
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
        Set<Key> keys = byConnection.get(connectionId);
        return keys == null ? List.of() : new ArrayList<>(keys);
    }

    /** How many connections have at least one subscription. */
    int connections() {
        return byConnection.size();
    }

    /** For tests: the number of (model or row) entries kept, to see that nothing leaks. */
    int entries() {
        int count = 0;
        for (Map.Entry<String, ModelSubscribers> model : models.entrySet()) {
            count += model.getValue().wholeModel.size();
            for (Set<String> row : model.getValue().byInstance.values()) {
                count += row.size();
            }
        }
        return count;
    }
}
