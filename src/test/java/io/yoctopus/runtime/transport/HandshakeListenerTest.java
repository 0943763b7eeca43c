package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request listener notes the facts of a WebSocket upgrade request while it is handled, and of no other. */
class HandshakeListenerTest {

    private final HandshakeFacts facts = new HandshakeFacts();
    private final HandshakeListener listener = new HandshakeListener();

    HandshakeListenerTest() {
        listener.facts = facts;
    }

    @AfterEach
    void forget() {
        facts.end();   // the facts live on the test's thread
    }

    @Test
    void theFactsOfAnUpgradeRequestAreNotedUntilItEnds() {
        ServletRequestEvent upgrade = event(HandshakeFactsTest.request("websocket", "192.0.2.7", 8443, true));
        listener.requestInitialized(upgrade);
        assertEquals(new HandshakeFacts.Facts("192.0.2.7", 8443, true), facts.current());
        listener.requestDestroyed(upgrade);
        assertNull(facts.current());
    }

    @Test
    void aRequestThatAsksForNoUpgradeIsNotNoted() {
        listener.requestInitialized(event(HandshakeFactsTest.request(null, "192.0.2.7", 8080, false)));
        assertNull(facts.current());
    }

    @Test
    void theEndOfAnotherRequestLeavesTheFactsOfTheHandshake() {
        // only the end of an upgrade request ends the facts it noted
        listener.requestInitialized(event(HandshakeFactsTest.request("websocket", "192.0.2.7", 8080, false)));
        listener.requestDestroyed(event(HandshakeFactsTest.request("h2c", "192.0.2.7", 8080, false)));
        listener.requestDestroyed(event(unanswering(ServletRequest.class)));
        assertEquals(new HandshakeFacts.Facts("192.0.2.7", 8080, false), facts.current());
    }

    @Test
    void aRequestThatIsNotHttpIsNotNoted() {
        listener.requestInitialized(event(unanswering(ServletRequest.class)));
        assertNull(facts.current());
    }

    private static ServletRequestEvent event(ServletRequest request) {
        return new ServletRequestEvent(unanswering(ServletContext.class), request);
    }

    /** A container object the listener has no reason to ask anything. */
    private static <T> T unanswering(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(HandshakeListenerTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                }));
    }
}
