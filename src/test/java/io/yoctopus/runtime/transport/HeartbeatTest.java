package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.testing.ManualScheduler;
import io.yoctopus.testing.RecordingSink;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The heartbeat bean: its timer on the transport's scheduler, ticking over the open connections. */
class HeartbeatTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final TransportStubs.ManualTransportScheduler scheduler = new TransportStubs.ManualTransportScheduler();
    private final ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { });
    private final TransportSettings settings = TransportStubs.defaultSettings();
    private final Metrics metrics = new Metrics();

    private Heartbeat heartbeat() {
        Heartbeat heartbeat = new Heartbeat();
        heartbeat.scheduler = scheduler;
        heartbeat.connections = registry;
        heartbeat.settings = settings;
        heartbeat.metrics = metrics;
        heartbeat.configure();
        return heartbeat;
    }

    @Test
    void itTicksEveryEighthOfThePingIntervalWithAFixedDelayOverTheOpenConnections() {
        settings.pingInterval = 800;
        Heartbeat heartbeat = heartbeat();
        RecordingSink sink = new RecordingSink();
        registry.add(new Connection("c", sink));
        assertFalse(heartbeat.running(), "not before it starts");
        heartbeat.start(null);
        assertTrue(heartbeat.running());
        ManualScheduler.Task<?> tick = scheduler.timers.onlyPending();
        assertEquals(100, tick.delay(TimeUnit.MILLISECONDS));
        assertEquals(100, tick.period(TimeUnit.MILLISECONDS));
        for (int i = 0; i < 2 * LivenessChecks.SLICES; i++) {
            tick.run();
        }
        assertEquals(List.of("ping 8"), sink.calls(), "silent since its first check, one interval ago");
        assertEquals(1, metrics.pingsSent(), "counted in the application's figures");
        heartbeat.stop();
        assertTrue(tick.isCancelled());
        assertFalse(heartbeat.running(), "a cancelled timer is not running");
    }

    @Test
    void aPingIntervalOfZeroTurnsItOff() {
        settings.pingInterval = 0;
        Heartbeat heartbeat = heartbeat();
        heartbeat.start(null);
        assertEquals(List.of(), scheduler.timers.scheduled());
        assertTrue(heartbeat.running(), "off by configuration is no failure");
        heartbeat.stop();
    }

    @Test
    void aPongReachesItsConnection() {
        Heartbeat heartbeat = heartbeat();
        RecordingSink sink = new RecordingSink();
        heartbeat.ponged(new Connection("c", sink), ByteBuffer.allocate(8));
        assertEquals(List.of("ponged 8"), sink.calls());
    }
}
