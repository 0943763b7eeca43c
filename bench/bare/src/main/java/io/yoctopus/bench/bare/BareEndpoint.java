package io.yoctopus.bench.bare;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The platform's ceiling: {@code greeter:hello} answered by a bare endpoint ({@link Greeting}). The same remedy for
 * Tyrus's idle timer as the framework (one line at open), so that both are measured on the same platform.
 */
@ServerEndpoint("/ws")
public class BareEndpoint {

    @Inject
    TyrusRemedy tyrusRemedy;

    @OnOpen
    public void open(Session session) {
        tyrusRemedy.opened(session);
    }

    @OnMessage
    public String message(String text) {
        return Greeting.answer(text);
    }
}
