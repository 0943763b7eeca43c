package io.yoctopus.runtime.transport;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.events.Events;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionNotifier;
import io.yoctopus.runtime.connection.ReadOnlySettings;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires the connection lifecycle events of the transport, to synchronous observers and, when there are
 * any, to asynchronous ones; logs what observers throw.
 */
@ApplicationScoped
public class ConnectionEvents {

    private static final Logger LOG = Logger.getLogger(ConnectionEvents.class.getName());

    @Inject
    Event<ConnectionOpened> openedEvents;

    @Inject
    Event<YoctopusError> errorEvents;

    @Inject
    JsonCodec json;

    @Inject
    PluginExtension extension;

    private Messages messages;

    @PostConstruct
    void init() {
        messages = new Messages(json);
    }

    void opened(Connection connection, Map<String, List<String>> headers) {
        ConnectionSettings settings = new ReadOnlySettings(connection.settings(), json);
        ConnectionOpened event = new ConnectionOpened(connection.id(), settings,
                new ConnectionNotifier(connection, messages), headers);
        try {
            Events.fire(openedEvents, event, extension.isObserved(ConnectionOpened.class, true));
        } catch (RuntimeException observerFailure) {
            failed(new YoctopusError(YoctopusError.Kind.LISTENER, Optional.of(connection.id()),
                    "an observer of ConnectionOpened failed", observerFailure));
        }
    }

    void failed(YoctopusError error) {
        LOG.log(Level.WARNING, error.message(), error.cause());
        try {
            Events.fire(errorEvents, error, extension.isObserved(YoctopusError.class, true));
        } catch (RuntimeException observerFailure) {
            LOG.log(Level.WARNING, "an observer of YoctopusError failed", observerFailure);
        }
    }
}
