package io.yoctopus.runtime.transport;

import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.connection.Channel;
import io.yoctopus.runtime.connection.CloseCodes;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.Outbox;
import io.yoctopus.runtime.connection.Quotas;
import io.yoctopus.runtime.connection.RateLimiter;
import io.yoctopus.runtime.dispatch.Dispatcher;
import io.yoctopus.runtime.metrics.Metrics;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One client connection as a transport sees it, whatever the transport: it opens the {@link Connection} over the
 * transport's {@link Channel}, takes the frames the transport reads (text, raw text bytes, binary, each possibly a
 * fragment), pongs and the end of the connection, and hands whole messages to the {@link Dispatcher} in arrival
 * order, within the size limits and the pending-requests quotas. The Jakarta WebSocket endpoint
 * ({@link SessionBridge}) and the Vert.x transport are thin glue around one link per connection.
 *
 * <p>Not thread-safe for frames: a transport delivers one connection's frames one at a time. The end of the
 * connection may be reported from any thread.
 */
public final class ConnectionLink {

    /** The transport's limits, read from configuration once at start (see {@link TransportSettings}). */
    public record Limits(int maxTextMessageSize, int maxBinaryMessageSize, int outboxMaxMessages, long outboxMaxBytes,
            int rateLimit, int rateLimitBurst, int maxConnections, long closeTimeout, Quotas quotas) {
    }

    /** What every link shares: the application's services and the limits, gathered once ({@link Links}). */
    public record Services(Dispatcher dispatcher, ConnectionRegistry connections, CoreSettings coreSettings,
            ConnectionEvents events, Heartbeat heartbeat, ScheduledExecutorService timers, Executor closer,
            Limits limits, Metrics metrics) {
    }

    private final Services services;
    private final Dispatcher dispatcher;
    private final Fragments fragments;
    private final Connection connection;

    private ConnectionLink(Services services, Channel channel, Executor worker) {
        this.services = services;
        this.dispatcher = services.dispatcher();
        Limits limits = services.limits();
        this.fragments = new Fragments(limits.maxTextMessageSize(), limits.maxBinaryMessageSize());
        Outbox outbox = new Outbox(channel, limits.outboxMaxMessages(), limits.outboxMaxBytes(), services.timers(),
                limits.closeTimeout(), services.closer(), this::closedByServer, services.metrics());
        RateLimiter limiter = limits.rateLimit() > 0
                ? new RateLimiter(limits.rateLimit(), limits.rateLimitBurst(), System.nanoTime())
                : null;
        this.connection = new Connection(UUID.randomUUID().toString(), outbox, limiter, limits.quotas(), services.metrics(),
                worker);
    }

    /**
     * The link of a connection whose handshake the transport has accepted, not yet open: the transport keeps it
     * before {@link #open}ing it, because opening may close the connection and the transport may hear of that close
     * before {@code open} returns (Tyrus calls {@code @OnClose} from inside the close made in {@code @OnOpen}).
     *
     * @param worker where handlers that may block run; {@code null} to run them on the thread that reads the frames
     */
    public static ConnectionLink create(Services services, Channel channel, Executor worker) {
        return new ConnectionLink(services, channel, worker);
    }

    /**
     * Opens the connection: fills its core settings, adds it to the open connections and fires its opened event.
     * When the server is full (connections admitted together all passed the handshake's look at the count) it is
     * closed at once with 1013 instead, and its frames are ignored.
     */
    public void open(HandshakeFacts.Facts facts, Map<String, List<String>> headers) {
        services.coreSettings().fill(connection, facts);
        if (!services.connections().addWithin(connection, services.limits().maxConnections())) {
            // nothing was sent yet: no need to wait for the client to read up to the close
            connection.giveUp(CloseCodes.TRY_AGAIN_LATER, "too many connections");
        } else {
            services.events().opened(connection, headers);
        }
    }

    /** The connection's id. */
    public String id() {
        return connection.id();
    }

    Connection connection() {
        return connection;
    }

    /** A text frame, whole or a fragment, as decoded by the transport. */
    public void text(String part, boolean last) {
        if (closing()) {
            return;
        }
        String message;
        try {
            message = fragments.text(part, last);
        } catch (Fragments.TooBig tooBig) {
            broke(CloseCodes.TOO_BIG, tooBig.getMessage());
            return;
        }
        textMessage(message);
    }

    /** A text frame, whole or a fragment, as the bytes that came: checked to be UTF-8 once the message is whole. */
    public void utf8(ByteBuffer part, boolean last) {
        if (closing()) {
            return;
        }
        String message;
        try {
            message = fragments.utf8(part, last);
        } catch (Fragments.TooBig tooBig) {
            broke(CloseCodes.TOO_BIG, tooBig.getMessage());
            return;
        } catch (Fragments.NotUtf8 notUtf8) {
            broke(CloseCodes.INVALID_DATA, notUtf8.getMessage());
            return;
        }
        textMessage(message);
    }

    private void textMessage(String message) {
        if (message == null) {
            connection.fragmentArrived();
            return;
        }
        Connection current = connection;
        Optional<String> refusal = current.enqueue(message.length(), () -> dispatcher.handle(current, message));
        if (refusal.isPresent()) {
            dispatcher.refuse(current, message, refusal.get());
        }
    }

    /** A binary frame, whole or a fragment. */
    public void binary(ByteBuffer part, boolean last) {
        if (closing()) {
            return;
        }
        byte[] message;
        try {
            message = fragments.binary(part, last);
        } catch (Fragments.TooBig tooBig) {
            broke(CloseCodes.TOO_BIG, tooBig.getMessage());
            return;
        }
        if (message == null) {
            connection.fragmentArrived();
            return;
        }
        Connection current = connection;
        Optional<String> refusal = current.enqueue(message.length, () -> dispatcher.handleBinary(current, message));
        if (refusal.isPresent()) {
            dispatcher.refuseBinary(current, refusal.get());
        }
    }

    /** Once the server is closing the connection, what the client sends meanwhile is not served. */
    private boolean closing() {
        return connection.serverClose() != null;
    }

    /**
     * The client broke the protocol or a limit (1009, 1007): the close goes out without waiting for it to confirm,
     * and the connection's closed event carries this code and reason whatever the transport reports.
     */
    public void broke(int code, String reason) {
        connection.giveUp(code, reason);
    }

    /** A pong arrived: the client is alive, and a close waiting for it may go on. Any thread. */
    public void pong(ByteBuffer payload) {
        services.heartbeat().ponged(connection, payload);
    }

    /** The transport reports the connection closed, with the close code and reason it saw. Any thread; once counts. */
    public void closed(int code, String reason) {
        services.connections().closed(connection, code, reason);
    }

    /** The transport failed on this connection; {@code stillOpen} false counts as the connection breaking (1006). */
    public void failed(Throwable failure, boolean stillOpen) {
        services.events().failed(new YoctopusError(YoctopusError.Kind.TRANSPORT, Optional.of(connection.id()),
                "transport error on connection " + connection.id(), failure));
        if (!stillOpen) {
            closed(CloseCodes.CLOSED_ABNORMALLY, failure.toString());
        }
    }

    /** The server closed the connection: it is over now, whenever the transport reports the close. */
    private void closedByServer(Connection.CloseStatus status) {
        services.connections().closed(connection, status.code(), status.reason());
    }
}
