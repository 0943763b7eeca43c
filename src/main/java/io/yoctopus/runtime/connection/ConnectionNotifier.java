package io.yoctopus.runtime.connection;

import io.yoctopus.api.Notifier;
import io.yoctopus.runtime.json.Messages;

/** Pushes notifications to one connection. */
public record ConnectionNotifier(Connection connection, Messages messages) implements Notifier {

    @Override
    public void notify(String type, Object data) {
        connection.notify(messages.notification(type, data));
    }
}
