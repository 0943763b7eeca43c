package io.yoctopus.runtime.dispatch;

import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.metrics.MetricsProducer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.api.Multicast;
import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.catalogue.CatalogueAnalysis;
import io.yoctopus.runtime.catalogue.CatalogueModel;
import io.yoctopus.runtime.catalogue.DeploymentProblems;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.events.CdiRequestEvents;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.testing.Logs;
import io.yoctopus.testing.RecordingSink;
import io.yoctopus.testing.Validators;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * What every dispatcher test stands on: a connection {@code c-1} whose outgoing messages a
 * {@link RecordingSink} collects, a {@link #dispatcher} the test makes (by hand from {@link #catalogue}, or
 * by CDI from {@link #boot}), and the helpers that send a frame, wait until it is handled and read the answer.
 */
abstract class DispatcherFixture {

    /** Shared by the tests and never closed: a codec holds nothing that outlives the JVM. */
    static final JsonCodec JSON = new JsonCodec();
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    static final Validator VALIDATOR = VALIDATION.getValidator();
    static final long WAIT_SECONDS = 10;
    static final Multicast NO_MULTICAST = (filter, type, data) -> {
        throw new UnsupportedOperationException("these tests use no multicast");
    };

    final RecordingSink sink = new RecordingSink();
    final Connection connection = new Connection("c-1", sink);
    Dispatcher dispatcher;

    /**
     * The catalogue of these beans, bound to them: the {@code @Plugin} ones are analysed as application
     * scoped plugins, the others (requirement checks) are only bound. The analysis must find no problem.
     */
    static Catalogue catalogue(Object... beans) {
        return catalogue(new Metrics(), beans);
    }

    /** {@link #catalogue(Object...)}, its requests counted in {@code metrics}. */
    static Catalogue catalogue(Metrics metrics, Object... beans) {
        Map<Class<?>, Object> byType = new LinkedHashMap<>();
        Map<Class<?>, Class<? extends Annotation>> plugins = new LinkedHashMap<>();
        for (Object bean : beans) {
            byType.put(bean.getClass(), bean);
            if (bean.getClass().isAnnotationPresent(Plugin.class)) {
                plugins.put(bean.getClass(), ApplicationScoped.class);
            }
        }
        DeploymentProblems problems = new DeploymentProblems();
        CatalogueModel model = CatalogueAnalysis.analyze(plugins, (plugin, endpoint) -> Optional.empty(), Map.of(), JSON, problems);
        assertEquals(List.of(), problems.list());
        return Catalogue.bind(model, byType::get, metrics::endpoint);
    }

    /** The application's multicast, for tests that send none. */
    @ApplicationScoped
    public static class SilentMulticast implements Multicast {
        @Override
        public int send(Map<String, ? extends Map<String, ?>> filter, String type, Object data) {
            return 0;
        }
    }

    /**
     * Weld SE with the runtime beans that make the application's dispatcher (its {@code CdiRequestEvents}
     * included) and {@code beans}: the dispatcher as the server makes it. The caller closes the container.
     */
    static WeldContainer boot(Class<?>... beans) {
        return new Weld()
                .disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, DispatcherProducer.class, CdiRequestEvents.class,
                        Validators.class, SilentMulticast.class)
                .addBeanClasses(beans)
                .addExtension(new PluginExtension())
                .initialize();
    }

    static String frame(String id, String endpoint, String method, String data) {
        return "{\"meta\":{\"id\":\"" + id + "\",\"endpoint\":\"" + endpoint + "\",\"method\":\"" + method + "\"}"
                + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    /** Queues a frame on the connection as the transport does. */
    void enqueue(String frame) {
        enqueue(connection, frame);
    }

    void enqueue(Connection on, String frame) {
        on.enqueue(frame.length(), () -> dispatcher.handle(on, frame))
                .ifPresent(error -> dispatcher.refuse(on, frame, error));
    }

    /** Handles one frame and waits until it is answered, without reading the answer. */
    void handle(Connection on, String frame) {
        dispatcher.handle(on, frame).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /**
     * Sends one frame, waits until it is handled and returns the one message it produced. Once the
     * dispatcher's future completes, the answer has been sent: a further message would be waiting already.
     */
    String sendFrame(String frame) {
        return sendFrame(connection, frame);
    }

    String sendFrame(Connection on, String frame) {
        handle(on, frame);
        String message = next();
        assertEquals(List.of(), sink.sent(), "unexpected further messages");
        return message;
    }

    JsonObject send(String endpoint, String method, String data) {
        return send(connection, endpoint, method, data);
    }

    JsonObject send(Connection on, String endpoint, String method, String data) {
        return JSON.parse(sendFrame(on, frame("1", endpoint, method, data))).asJsonObject();
    }

    String next() {
        return sink.next();
    }

    Optional<JsonValue> setting(String plugin, String key) {
        return connection.settings().get(plugin, key);
    }

    /** The data of a successful response. */
    static JsonValue data(JsonObject response) {
        assertEquals("ok", response.getJsonObject("meta").getString("status"), response::toString);
        return response.get("data");
    }

    /** The error of a failed response: a string, or an array of strings. */
    static JsonValue error(JsonObject response) {
        assertEquals("error", response.getJsonObject("meta").getString("status"), response::toString);
        return response.get("error");
    }

    static JsonValue json(String text) {
        return JSON.parse(text);
    }

    static JsonValue text(String text) {
        return JSON.string(text);
    }

    /** Runs {@code action} with the dispatcher's log off: for failures a test causes on purpose. */
    static void quietly(Runnable action) {
        Logs.quietly(Dispatcher.class, action);
    }
}
