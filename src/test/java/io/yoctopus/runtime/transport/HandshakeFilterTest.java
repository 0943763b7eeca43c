package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The filter that makes a refused handshake HTTP 403 on every container: it asks the handshake policy about
 * WebSocket handshakes only, ends refused ones with 403 and passes everything else on.
 */
class HandshakeFilterTest {

    /** What happened to one request: the policy's questions, the errors sent, the chain's calls. */
    private final List<String> events = new ArrayList<>();

    private HandshakeFilter filter(boolean admits) {
        HandshakeFilter filter = new HandshakeFilter();
        filter.policy = new HandshakePolicy() {
            @Override
            boolean admits(String origin) {
                events.add("asked about " + origin);
                return admits;
            }
        };
        return filter;
    }

    private static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HandshakeFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "toString" -> "request " + headers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(HandshakeFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendError") && args.length == 1) {
                        events.add("error " + args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private final FilterChain chain = (request, response) -> events.add("passed on");

    @Test
    void aRefusedHandshakeEndsWith403() throws Exception {
        filter(false).doFilter(request(Map.of("Upgrade", "websocket", "Origin", "https://evil.example")), response(), chain);
        assertEquals(List.of("asked about https://evil.example", "error 403"), events);
    }

    @Test
    void anAdmittedHandshakeGoesOn() throws Exception {
        filter(true).doFilter(request(Map.of("Upgrade", "WebSocket", "Origin", "https://good.example")), response(), chain);
        assertEquals(List.of("asked about https://good.example", "passed on"), events);
    }

    @Test
    void aHandshakeWithoutOriginIsJudgedWithoutOne() throws Exception {
        filter(false).doFilter(request(Map.of("Upgrade", "websocket")), response(), chain);
        assertEquals(List.of("asked about null", "error 403"), events);
    }

    @Test
    void otherRequestsGoOnUnjudged() throws Exception {
        filter(false).doFilter(request(Map.of("Origin", "https://evil.example")), response(), chain);
        filter(false).doFilter(request(Map.of("Upgrade", "h2c")), response(), chain);
        assertEquals(List.of("passed on", "passed on"), events);
    }
}
