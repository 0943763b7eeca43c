package io.yoctopus.runtime.transport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the HTTP request of a WebSocket handshake tells about its connection and the Jakarta WebSocket API does
 * not: the client's address and the server's port. {@link HandshakeListener} notes them when an upgrade request
 * begins; the configurator ({@link Handshakes#modifyHandshake}) takes them on the same thread and hands them to
 * the session it opens. Portable: every servlet container calls request listeners and the configurator on the
 * thread of the upgrade request.
 */
@ApplicationScoped
public class HandshakeFacts {

    /** The facts of one handshake. */
    public record Facts(String remoteAddress, int localPort, boolean secure) {
    }

    /** The facts of the upgrade request the current thread is handling, if it is one. */
    private final ThreadLocal<Facts> current = new ThreadLocal<>();
    /** Set once the refusal of the current thread's handshake has been counted. */
    private final ThreadLocal<Boolean> refusalCounted = new ThreadLocal<>();

    /** Whether a request asks for a WebSocket upgrade (RFC 6455: an {@code Upgrade: websocket} header). */
    static boolean isUpgrade(HttpServletRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    void begin(HttpServletRequest request) {
        current.set(new Facts(request.getRemoteAddr(), request.getLocalPort(), request.isSecure()));
    }

    void end() {
        current.remove();
        refusalCounted.remove();
    }

    /**
     * Whether a refusal of this thread's handshake is the first: true once per upgrade request, and at every call
     * outside one. A container may ask twice about one handshake (Undertow asks the configurator, then passes the
     * refused request on to {@link HandshakeFilter}), and the handshake counts as refused once.
     */
    boolean firstRefusal() {
        if (current.get() == null) {
            return true;
        }
        if (refusalCounted.get() != null) {
            return false;
        }
        refusalCounted.set(Boolean.TRUE);
        return true;
    }

    /** The facts of the handshake on this thread; null outside one. */
    Facts current() {
        return current.get();
    }
}
