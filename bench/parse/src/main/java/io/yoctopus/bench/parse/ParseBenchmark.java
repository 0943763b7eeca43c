package io.yoctopus.bench.parse;

import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonValue;
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

/** The cost of {@link JsonCodec#parse} for the README's greeter request, the frame every round trip parses. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class ParseBenchmark {

    static final String GREETER_REQUEST =
            "{\"meta\":{\"id\":\"1\",\"endpoint\":\"greeter:hello\",\"method\":\"read\"},\"data\":{\"name\":\"Alice\"}}";

    private JsonCodec json;

    @Setup
    public void open() {
        json = new JsonCodec();
    }

    @TearDown
    public void close() {
        json.close();
    }

    @Benchmark
    public JsonValue parseGreeterRequest() {
        return json.parse(GREETER_REQUEST);
    }
}
