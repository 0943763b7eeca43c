package com.example.board;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Multicast;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Reply;
import io.yoctopus.api.Setting;
import io.yoctopus.api.events.ConnectionOpened;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A message board: a connection signs with a name, posts short messages, and every connection is sent each new
 * one; the board counts the connections that opened since it started.
 *
 * <ul>
 *   <li>{@code board:author} {@code update} {@code {name}} signs the connection's messages (setting {@code author});</li>
 *   <li>{@code board:message} {@code create} {@code {text}} posts, answers {@code {id}} and sends every connection
 *       {@code board-message} {@code {id, author, text}};</li>
 *   <li>{@code board:message} {@code read} answers every message;</li>
 *   <li>{@code board:stats} {@code read} answers {@code {messages, connections}}: how many messages the board
 *       holds, and how many connections opened since it started.</li>
 * </ul>
 *
 * <p>{@code @Plugin} alone makes this an application-scoped bean. It is given a bean of its own jar
 * ({@link Messages}) and one of the framework ({@link Multicast}), and observes an event of the framework
 * ({@link ConnectionOpened}).
 */
@Plugin("board")
@Setting(name = "author", type = String.class)
public class Board {

    @Inject
    Messages messages;

    @Inject
    Multicast multicast;

    private final AtomicLong connections = new AtomicLong();

    /** The format {@code {name: "string"}}. */
    public record Signature(@NotBlank @Size(max = 40) String name) {
    }

    /** The format {@code {text: "string"}}. */
    public record Text(@NotBlank @Size(max = 280) String text) {
    }

    @Handles(endpoint = "author", method = "update")
    public Reply sign(Signature signature) {
        return Reply.of(Map.of("author", signature.name())).withSetting("author", signature.name());
    }

    @Handles(endpoint = "message", method = "create")
    public Map<String, Object> post(Text text, ConnectionSettings settings) {
        String author = settings.get("board", "author", String.class).orElse("anonymous");
        Messages.Message message = messages.add(author, text.text());
        multicast.send(Map.of(), "board-message", message);
        return Map.of("id", message.id());
    }

    @Handles(endpoint = "message", method = "read")
    public List<Messages.Message> read() {
        return messages.all();
    }

    @Handles(endpoint = "stats", method = "read")
    public Map<String, Object> stats() {
        return Map.of("messages", messages.count(), "connections", connections.get());
    }

    void count(@Observes ConnectionOpened opened) {
        connections.incrementAndGet();
    }
}
