package io.yoctopus.bench.bare;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * {@code greeter:hello} answered with JSON-P and nothing else, byte for byte the framework's response: the work
 * both bare endpoints do per message (the {@code @ServerEndpoint} here, and bench/barevertx, which compiles this
 * file too).
 */
public final class Greeting {

    private static final JsonProvider JSON = JsonProvider.provider();

    private Greeting() {
    }

    public static String answer(String text) {
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
