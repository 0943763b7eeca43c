package io.yoctopus.api;

import java.util.Collection;
import java.util.Set;

/**
 * The origins allowed to open WebSocket connections, checked at every handshake (a refused handshake
 * gets HTTP 403). Starts from the MicroProfile Config key {@code yoctopus.allowed-origins} (a comma
 * separated list; {@code *} allows any origin); changes here take effect for the next handshake, as the
 * Node version's {@code server.allowedOrigins = [...]}. Open connections are not affected.
 */
public interface AllowedOrigins {

    /** The allowed origins, e.g. {@code https://example.com}; {@code *} for any. */
    Set<String> get();

    /** Replaces the allowed origins. */
    void set(Collection<String> origins);

    /** Reads {@code yoctopus.allowed-origins} again. */
    void reload();
}
