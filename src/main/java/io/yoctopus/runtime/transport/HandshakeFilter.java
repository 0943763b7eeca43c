package io.yoctopus.runtime.transport;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers HTTP 403 to the WebSocket handshakes that {@link HandshakePolicy} refuses, on every server. Tyrus
 * (Payara Micro) answers 403 itself when {@link Handshakes#checkOrigin} says no; Undertow (WildFly) instead
 * passes such a request on down the filter chain, where nothing serves {@value SessionBridge#PATH}: 404. The
 * container's own WebSocket handling may come before this filter or after it: a refused handshake that
 * reaches this filter ends here, an admitted one goes on. Once per handshake, never per message.
 */
@WebFilter(urlPatterns = SessionBridge.PATH, asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient HandshakePolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (HandshakeFacts.isUpgrade(request) && !policy.admits(request.getHeader("Origin"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
