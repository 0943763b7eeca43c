package io.yoctopus.runtime.transport;

import jakarta.inject.Inject;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/** Notes the facts of each WebSocket upgrade request while it is handled (see {@link HandshakeFacts}). */
@WebListener
public class HandshakeListener implements ServletRequestListener {

    @Inject
    HandshakeFacts facts;

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request && HandshakeFacts.isUpgrade(request)) {
            facts.begin(request);
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request && HandshakeFacts.isUpgrade(request)) {
            facts.end();
        }
    }
}
