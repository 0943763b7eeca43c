package io.yoctopus.runtime.operations;

import io.yoctopus.api.Connections;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.json.ErrorText;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.Messages;
import io.yoctopus.runtime.transport.CoreSettings;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/** The open connections for operators, over JMX ({@link ConnectionsMXBean}). */
final class ConnectionsControl implements ConnectionsMXBean {

    private static final Logger LOG = Logger.getLogger(ConnectionsControl.class.getName());

    private final ConnectionRegistry connections;
    private final JsonCodec json;
    private final Messages messages;
    private final LongSupplier clock;

    /** @param clock the time in milliseconds since the epoch, {@link System#currentTimeMillis()} in production */
    ConnectionsControl(ConnectionRegistry connections, JsonCodec json, LongSupplier clock) {
        this.connections = connections;
        this.json = json;
        this.messages = new Messages(json);
        this.clock = clock;
    }

    @Override
    public int getCount() {
        return connections.size();
    }

    @Override
    public List<ConnectionInfo> getConnections() {
        long now = clock.getAsLong();
        return connections.open().stream()
                .sorted(Comparator.comparingLong(Connection::openedAtMillis).thenComparing(Connection::id))
                .map(connection -> info(connection, now))
                .toList();
    }

    @Override
    public ClusterListing idsInCluster() {
        try {
            // bounded: a listing completes at its deadline at the latest
            Connections.ClusterIds listed = connections.idsInCluster().toCompletableFuture().join();
            return new ClusterListing(sorted(listed.ids()), sorted(listed.silentMembers()));
        } catch (CompletionException failed) {
            throw (RuntimeException) failed.getCause();
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private ConnectionInfo info(Connection connection, long now) {
        return new ConnectionInfo(connection.id(), remoteAddress(connection),
                Instant.ofEpochMilli(connection.openedAtMillis()).toString(),
                TimeUnit.MILLISECONDS.toSeconds(now - connection.openedAtMillis()),
                json.write(connection.settings().snapshot()));
    }

    private static String remoteAddress(Connection connection) {
        return connection.settings().get(CoreSettings.PLUGIN, "remoteAddress")
                .filter(JsonString.class::isInstance).map(address -> ((JsonString) address).getString()).orElse("");
    }

    @Override
    public void close(String connectionId, int code, String reason) {
        if (!sendable(code)) {
            throw new IllegalArgumentException("close code " + code + " cannot be sent; use 1000-1003, 1007-1014 or"
                    + " 3000-4999");
        }
        Connection connection = open(connectionId);
        String why = reason == null ? "" : reason;
        LOG.info(() -> "operator closed connection " + connectionId + " (" + describe(connection) + ") with " + code
                + " '" + why + "'");
        connection.close(code, why);
    }

    /** RFC 6455: the codes an endpoint may send in a close frame. */
    static boolean sendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    @Override
    public void notify(String connectionId, String type, String data) {
        Connection connection = open(connectionId);
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a notification needs a type");
        }
        JsonValue value;
        try {
            value = data == null || data.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : json.parse(data);
        } catch (JsonException malformed) {
            throw new IllegalArgumentException("data is not JSON: " + malformed.getMessage());
        }
        LOG.info(() -> "operator sent connection " + connectionId + " (" + describe(connection) + ") the notification '"
                + type + "' " + value);
        connection.notify(messages.notification(type, value.toString()));
    }

    private Connection open(String connectionId) {
        Optional<Connection> open = connectionId == null ? Optional.empty() : connections.connection(connectionId);
        return open.orElseThrow(() -> new IllegalArgumentException(
                "no open connection '" + ErrorText.echo(String.valueOf(connectionId)) + "'"));
    }

    private static String describe(Connection connection) {
        String address = remoteAddress(connection);
        return "from " + (address.isEmpty() ? "an unknown address" : address);
    }
}
