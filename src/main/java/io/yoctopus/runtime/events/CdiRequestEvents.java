package io.yoctopus.runtime.events;

import io.yoctopus.api.events.ConnectionChanged;
import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import io.yoctopus.api.events.ResponseSent;
import io.yoctopus.api.events.SettingChanged;
import io.yoctopus.api.events.SettingOf;
import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.dispatch.RequestEvents;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dispatcher's events as CDI events. Synchronous observers run in {@code @Priority} order on the
 * request's thread; asynchronous ones are notified only when some exist.
 */
@ApplicationScoped
public class CdiRequestEvents implements RequestEvents {

    private static final Logger LOG = Logger.getLogger(CdiRequestEvents.class.getName());

    @Inject
    PluginExtension extension;

    @Inject
    Event<RequestReceived> receivedEvents;

    @Inject
    Event<ResponsePrepared> preparedEvents;

    @Inject
    Event<ResponseSent> sentEvents;

    @Inject
    Event<SettingChanged> settingEvents;

    @Inject
    Event<ConnectionChanged> connectionEvents;

    @Inject
    Event<YoctopusError> errorEvents;

    private boolean receivedObserved;
    private boolean preparedObserved;
    private boolean sentObserved;
    private boolean sentObservedAsync;

    @PostConstruct
    void findObservers() {
        receivedObserved = extension.isObserved(RequestReceived.class, false);
        preparedObserved = extension.isObserved(ResponsePrepared.class, false);
        sentObserved = extension.isObserved(ResponseSent.class, false);
        sentObservedAsync = extension.isObserved(ResponseSent.class, true);
    }

    @Override
    public boolean observesReceived() {
        return receivedObserved;
    }

    @Override
    public void received(RequestReceived event) {
        receivedEvents.fire(event);
    }

    @Override
    public boolean observesPrepared() {
        return preparedObserved;
    }

    @Override
    public void prepared(ResponsePrepared event) {
        preparedEvents.fire(event);
    }

    @Override
    public boolean observesSent() {
        return sentObserved || sentObservedAsync;
    }

    @Override
    public void sent(ResponseSent event) {
        notify(sentEvents, event, sentObservedAsync);
    }

    @Override
    public void changed(List<SettingChanged> changes, ConnectionChanged connection) {
        for (SettingChanged change : changes) {
            notify(settingEvents.select(new SettingOf.Literal(change.plugin(), change.setting())), change,
                    extension.isObserved(SettingChanged.class, true));
        }
        notify(connectionEvents, connection, extension.isObserved(ConnectionChanged.class, true));
    }

    @Override
    public void failed(YoctopusError error) {
        notify(errorEvents, error, extension.isObserved(YoctopusError.class, true));
    }

    private static <T> void notify(Event<T> events, T event, boolean async) {
        try {
            Events.fire(events, event, async);
        } catch (RuntimeException observerFailure) {
            LOG.log(Level.WARNING, "an observer of " + event.getClass().getSimpleName() + " failed", observerFailure);
        }
    }
}
