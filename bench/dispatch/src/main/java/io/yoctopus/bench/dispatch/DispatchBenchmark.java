package io.yoctopus.bench.dispatch;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.catalogue.CatalogueAnalysis;
import io.yoctopus.runtime.catalogue.CatalogueModel;
import io.yoctopus.runtime.catalogue.DeploymentProblems;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.MessageSink;
import io.yoctopus.runtime.dispatch.Dispatcher;
import io.yoctopus.runtime.dispatch.RequestEvents;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The dispatcher's whole path for the README's greeter request, as the transport drives it
 * ({@code Connection.enqueue} then {@code Dispatcher.handle}): read the frame, route it, validate and bind its data,
 * call the handler, write the response and queue it on the connection, whose sink only hands it to the benchmark's
 * black hole. Uses only what the framework had before it recorded figures (the dispatcher and catalogue made
 * without a {@code Metrics}, which now make their own), so that it measures the path with and without the recording
 * at the two commits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class DispatchBenchmark {

    static final String GREETER_REQUEST =
            "{\"meta\":{\"id\":\"1\",\"endpoint\":\"greeter:hello\",\"method\":\"read\"},\"data\":{\"name\":\"Alice\"}}";

    /** The demo's greeter, as a plugin of the benchmark's own. */
    @Plugin("greeter")
    @ApplicationScoped
    public static class Greeter {
        public record Hello(String name) {
        }

        @Handles(endpoint = "hello", method = "read")
        public Map<String, String> hello(Hello request) {
            return Map.of("message", "Hello, " + request.name() + "!");
        }
    }

    /** Hands each answer to the black hole; a connection's outbox would hand it to the container. */
    static final class Sink implements MessageSink {
        Blackhole blackhole;

        @Override
        public void send(String text) {
            blackhole.consume(text);
        }

        @Override
        public void ping(ByteBuffer payload) {
        }

        @Override
        public void ponged(ByteBuffer payload) {
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public void giveUp(int code, String reason) {
        }
    }

    private JsonCodec json;
    private ValidatorFactory validation;
    private Dispatcher dispatcher;
    private final Sink sink = new Sink();
    private Connection connection;

    @Setup
    public void setUp(Blackhole blackhole) {
        json = new JsonCodec();
        validation = Validation.buildDefaultValidatorFactory();
        DeploymentProblems problems = new DeploymentProblems();
        Map<Class<?>, Class<? extends Annotation>> plugins = Map.of(Greeter.class, ApplicationScoped.class);
        CatalogueModel model = CatalogueAnalysis.analyze(plugins, (plugin, endpoint) -> Optional.empty(), Map.of(), json,
                problems);
        problems.throwIfAny();
        Greeter greeter = new Greeter();
        Catalogue catalogue = Catalogue.bind(model, type -> greeter);
        dispatcher = new Dispatcher(() -> catalogue, json, validation.getValidator(), RequestEvents.NONE,
                (filter, type, data) -> 0);
        sink.blackhole = blackhole;
        connection = new Connection("bench", sink);
    }

    @TearDown
    public void tearDown() {
        validation.close();
        json.close();
    }

    @Benchmark
    public Optional<String> greeterRequest() {
        return connection.enqueue(GREETER_REQUEST.length(), () -> dispatcher.handle(connection, GREETER_REQUEST));
    }
}
