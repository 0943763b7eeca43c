package io.yoctopus.demo.chat;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.demo.auth.Auth;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code chat-message} notification, {@code {from, verified, room, text}}.
 *
 * @param from who sent it: the logged-in user, else the connection's label, else its id
 * @param verified whether {@code from} is the sender's login; a label or a connection id is whatever the
 *        client chose (anyone may take the label {@code admin}), so receivers must not trust it
 */
@JsonbPropertyOrder({"from", "verified", "room", "text"})
public record ChatMessage(String from, boolean verified, String room, String text) {

    /** A message from the connection {@code connectionId} with these settings. */
    static ChatMessage from(ConnectionSettings sender, String connectionId, String room, String text) {
        return Auth.loggedInUser(sender)
                .map(user -> new ChatMessage(user, true, room, text))
                .orElseGet(() -> new ChatMessage(
                        sender.get("yoctopus", "label", String.class).orElse(connectionId), false, room, text));
    }
}
