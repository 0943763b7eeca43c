package io.yoctopus.runtime.transport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The transport's MicroProfile Config keys, read once at start; README lists them with their defaults. */
@ApplicationScoped
public class TransportSettings {

    /** Milliseconds between two pings of a connection; 0 turns pings off. */
    @Inject
    @ConfigProperty(name = "yoctopus.ping-interval", defaultValue = "250")
    long pingInterval;

    /** Pings a connection may leave unanswered before it is closed. */
    @Inject
    @ConfigProperty(name = "yoctopus.max-lost-pings", defaultValue = "3")
    int maxLostPings;

    /** The largest text message accepted, in bytes; a larger one closes the connection with 1009. */
    @Inject
    @ConfigProperty(name = "yoctopus.max-text-message-size", defaultValue = "1048576")
    int maxTextMessageSize;

    /** The largest binary message accepted, in bytes; a larger one closes the connection with 1009. */
    @Inject
    @ConfigProperty(name = "yoctopus.max-binary-message-size", defaultValue = "1048576")
    int maxBinaryMessageSize;

    /** Requests a connection may send per second on average; 0 means no limit. */
    @Inject
    @ConfigProperty(name = "yoctopus.rate-limit", defaultValue = "0")
    int rateLimit;

    /** Requests a connection may send at once above the average rate; 0 means as many as the rate. */
    @Inject
    @ConfigProperty(name = "yoctopus.rate-limit-burst", defaultValue = "0")
    int rateLimitBurst;

    /** Outgoing messages a connection may have queued; past it the connection is closed with 1008. */
    @Inject
    @ConfigProperty(name = "yoctopus.outbox.max-messages", defaultValue = "1024")
    int outboxMaxMessages;

    /** Outgoing bytes (as UTF-16 characters × 2, an upper bound) a connection may have queued. */
    @Inject
    @ConfigProperty(name = "yoctopus.outbox.max-bytes", defaultValue = "16777216")
    long outboxMaxBytes;

    /**
     * Milliseconds a server-side close may wait for the client to read what was sent before it (and to confirm
     * with a pong); then the connection is closed anyway.
     */
    @Inject
    @ConfigProperty(name = "yoctopus.close-timeout", defaultValue = "5000")
    long closeTimeout;

    /** Open connections at most; past it handshakes are refused with HTTP 403. 0 means no limit. */
    @Inject
    @ConfigProperty(name = "yoctopus.max-connections", defaultValue = "0")
    int maxConnections;

    public long pingInterval() {
        return pingInterval;
    }

    public int maxLostPings() {
        return maxLostPings;
    }

    public int maxTextMessageSize() {
        return maxTextMessageSize;
    }

    public int maxBinaryMessageSize() {
        return maxBinaryMessageSize;
    }

    public int rateLimit() {
        return rateLimit;
    }

    public int rateLimitBurst() {
        return rateLimitBurst > 0 ? rateLimitBurst : rateLimit;
    }

    public int outboxMaxMessages() {
        return outboxMaxMessages;
    }

    public long outboxMaxBytes() {
        return outboxMaxBytes;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public long closeTimeout() {
        return closeTimeout;
    }
}
