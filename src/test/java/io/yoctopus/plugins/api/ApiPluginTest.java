package io.yoctopus.plugins.api;

import io.yoctopus.runtime.metrics.MetricsProducer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Plugins;
import io.yoctopus.api.Subscription;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.MulticastService;
import io.yoctopus.runtime.dispatch.Dispatcher;
import io.yoctopus.runtime.dispatch.DispatcherProducer;
import io.yoctopus.runtime.events.CdiRequestEvents;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.testing.RecordingSink;
import io.yoctopus.testing.Validators;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled {@code api} plugin as clients use it, under Weld SE with the real registry, dispatcher and
 * multicast: the catalogue it shows, and the catalogue changes its subscribers are sent.
 */
class ApiPluginTest {

    private static final String CORE = "\"yoctopus:label\":{\"update\":{\"requestFormat\":\"string\"}}";
    private static final String API = "\"api:api\":{\"read\":{},\"subscribe\":{},\"unsubscribe\":{}}";

    /** Installed at run time. */
    @Plugin("late")
    public static class Late {
        @Handles(endpoint = "hello", method = "read")
        public String hello() {
            return "hi";
        }
    }

    private WeldContainer container;
    private Dispatcher dispatcher;
    private final RecordingSink subscriberSink = new RecordingSink();
    private final RecordingSink otherSink = new RecordingSink();
    private final Connection subscriber = new Connection("c-1", subscriberSink);
    private final Connection other = new Connection("c-2", otherSink);

    @BeforeEach
    void boot() {
        container = new Weld()
                .disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, DispatcherProducer.class, CdiRequestEvents.class,
                        Validators.class, ConnectionRegistry.class, MulticastService.class, CorePlugin.class,
                        ApiPlugin.class)
                .addExtension(new PluginExtension())
                .initialize();
        dispatcher = container.select(Dispatcher.class).get();
        ConnectionRegistry connections = container.select(ConnectionRegistry.class).get();
        connections.add(subscriber);
        connections.add(other);
    }

    @AfterEach
    void shutDown() {
        ConnectionRegistry connections = container.select(ConnectionRegistry.class).get();
        connections.closed(subscriber, 1000, "");
        connections.closed(other, 1000, "");
        container.close();
    }

    /** Sends {@code api:api} with a method on {@code connection} and returns the answer. */
    private String send(Connection connection, RecordingSink sink, String method) {
        dispatcher.handle(connection, "{\"meta\":{\"id\":1,\"endpoint\":\"api:api\",\"method\":\"" + method + "\"}}")
                .orTimeout(10, TimeUnit.SECONDS).join();
        return sink.next();
    }

    private static String ok(String method, String data) {
        return "{\"meta\":{\"id\":1,\"endpoint\":\"api:api\",\"method\":\"" + method + "\",\"status\":\"ok\"},\"data\":"
                + data + "}";
    }

    @Test
    void readShowsEveryEndpointWithItsMethods() {
        assertEquals(ok("read", "{" + API + "," + CORE + "}"), send(subscriber, subscriberSink, "read"));
    }

    @Test
    void subscribersAreSentEveryCatalogueChangeUntilTheyUnsubscribe() {
        assertEquals(ok("subscribe", "{\"subscribed\":true}"), send(subscriber, subscriberSink, "subscribe"));

        Subscription installed = container.select(Plugins.class).get().install(new Late());
        String withLate = "{" + API + ",\"late:hello\":{\"read\":{}}," + CORE + "}";
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"api-changed\"},\"data\":" + withLate + "}",
                subscriberSink.next());
        assertEquals(ok("read", withLate), send(other, otherSink, "read"), "what read shows, too");

        installed.close();
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"api-changed\"},\"data\":{" + API + "," + CORE + "}}",
                subscriberSink.next());

        assertEquals(ok("unsubscribe", "{\"subscribed\":false}"), send(subscriber, subscriberSink, "unsubscribe"));
        container.select(Plugins.class).get().install(new Late()).close();
        assertEquals(List.of(), subscriberSink.sent(), "the multicast is synchronous: anything sent is there now");
        assertEquals(List.of(), otherSink.sent(), "never subscribed");
    }
}
