package io.yoctopus.bench.bare;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;

/**
 * The platform's ceiling: {@code greeter:hello} answered by a bare endpoint with JSON-P and nothing else,
 * byte for byte the framework's response. The same remedy for Tyrus's idle timer as the framework
 * (one line at open), so that both are measured on the same platform.
 */
@ServerEndpoint("/ws")
public class BareEndpoint {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    TyrusRemedy tyrusRemedy;

    @OnOpen
    public void open(Session session) {
        tyrusRemedy.opened(session);
    }

    @OnMessage
    public String message(String text) {
        JsonObject request;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            request = reader.readObject();
        }
        JsonObject meta = request.getJsonObject("meta");
        String name = request.getJsonObject("data").getString("name");
        return JSON.createObjectBuilder()
                .add("meta", JSON.createObjectBuilder()
                        .add("id", meta.get("id"))
                        .add("endpoint", meta.get("endpoint"))
                        .add("method", meta.get("method"))
                        .add("status", "ok"))
                .add("data", JSON.createObjectBuilder().add("message", "Hello, " + name + "!"))
                .build().toString();
    }
}
