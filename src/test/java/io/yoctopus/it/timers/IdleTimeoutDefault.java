package io.yoctopus.it.timers;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

/**
 * Test only: gives every WebSocket session of the deployment an idle timeout of
 * {@link #IDLE_TIMEOUT_MS}, through the standard {@link ServerContainer} default (the client cannot set
 * one, and the framework does not).
 */
@WebListener
public class IdleTimeoutDefault implements ServletContextListener {

    public static final long IDLE_TIMEOUT_MS = 2_000;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        container.setDefaultMaxSessionIdleTimeout(IDLE_TIMEOUT_MS);
    }
}
