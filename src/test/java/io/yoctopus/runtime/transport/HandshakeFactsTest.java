package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The facts of a handshake, noted for the thread of its upgrade request only. */
class HandshakeFactsTest {

    private final HandshakeFacts facts = new HandshakeFacts();

    /** An HTTP request that answers the few questions the handshake asks; anything else is a test error. */
    static HttpServletRequest request(String upgrade, String remoteAddress, int localPort, boolean secure) {
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("getRemoteAddr", remoteAddress);
        answers.put("getLocalPort", localPort);
        answers.put("isSecure", secure);
        return (HttpServletRequest) Proxy.newProxyInstance(HandshakeFactsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeader")) {
                        return "Upgrade".equalsIgnoreCase((String) args[0]) ? upgrade : null;
                    }
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }

    @Test
    void anUpgradeRequestAsksForAWebSocketInAnyCase() {
        assertTrue(HandshakeFacts.isUpgrade(request("websocket", "10.0.0.1", 8080, false)));
        assertTrue(HandshakeFacts.isUpgrade(request("WebSocket", "10.0.0.1", 8080, false)));
        assertFalse(HandshakeFacts.isUpgrade(request("h2c", "10.0.0.1", 8080, false)));
        assertFalse(HandshakeFacts.isUpgrade(request(null, "10.0.0.1", 8080, false)));
    }

    @Test
    void theFactsOfTheRequestAreThereUntilItEnds() {
        assertNull(facts.current(), "no handshake yet");
        facts.begin(request("websocket", "192.0.2.7", 8443, true));
        assertEquals(new HandshakeFacts.Facts("192.0.2.7", 8443, true), facts.current());
        facts.end();
        assertNull(facts.current(), "the request ended");
    }

    @Test
    void eachThreadSeesOnlyItsOwnHandshake() {
        facts.begin(request("websocket", "192.0.2.7", 8080, false));
        HandshakeFacts.Facts elsewhere = CompletableFuture.supplyAsync(facts::current).join();
        assertNull(elsewhere, "another thread's handshake is not this one's");
        assertEquals("192.0.2.7", facts.current().remoteAddress());
        facts.end();
    }
}
