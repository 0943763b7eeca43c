package io.yoctopus.demo.chat;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Multicast;
import io.yoctopus.api.NonBlocking;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Reply;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.Setting;
import io.yoctopus.demo.Demo;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/**
 * Chat rooms on multicast: a connection joins a room (a setting); a message goes to every connection in
 * the sender's room, the sender included, as a {@code chat-message} notification ({@link ChatMessage}), which
 * tells whether the sender is a logged-in user or just calls itself so.
 */
@Plugin(value = "chat", enabledBy = Demo.ENABLED)
@Setting(name = "room", type = String.class)
public class Chat {

    /** The notification type of a chat message. */
    public static final String MESSAGE = "chat-message";

    /** {@code {room}} */
    public record Room(@NotBlank String room) {
    }

    /** {@code {text}} */
    public record Message(String text) {
    }

    /** {@code chat:room} {@code update}: joins a room, leaving the previous one. */
    @Handles(endpoint = "room", method = "update")
    @NonBlocking
    public Reply join(Room room) {
        return Reply.of(Map.of("room", room.room())).withSetting("room", room.room());
    }

    /** {@code chat:message} {@code create}: sends to the room; answers how many connections got it. */
    @Handles(endpoint = "message", method = "create")
    @NonBlocking
    public Map<String, Object> say(Message message, ConnectionSettings settings, @ConnectionId String connectionId,
            Multicast multicast) {
        String room = settings.get("chat", "room", String.class)
                .orElseThrow(() -> new RequestRejected("join a room first (chat:room update)"));
        int delivered = multicast.send(Map.of("chat", Map.of("room", room)), MESSAGE,
                ChatMessage.from(settings, connectionId, room, message.text()));
        return Map.of("delivered", delivered);
    }
}
