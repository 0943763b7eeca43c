package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.testing.ManualScheduler;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;

/** Stand-ins for what the transport's beans get from the server: its thread factory, a container adapter. */
final class TransportStubs {

    private TransportStubs() {
    }

    /** The transport's scheduler on the test's clock. */
    static final class ManualTransportScheduler extends TransportScheduler {
        final ManualScheduler timers = new ManualScheduler();

        @Override
        public ScheduledExecutorService executor() {
            return timers;
        }
    }

    /** The server's managed thread factory: plain threads, counted. */
    static final class PlainThreadFactory implements ManagedThreadFactory {
        final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "made by the server");
            made.add(thread);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new AssertionError("the transport makes no fork-join pool");
        }
    }

    /** A container adapter that records what it is told and answers as configured. */
    static final class RecordingAdapter implements ContainerAdapter {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void started(ServerContainer container, int maxFrameBytes) {
            calls.add("started " + maxFrameBytes);
        }

        @Override
        public Optional<CloseReason> replaceClose(Session session, CloseReason reason) {
            throw new AssertionError("not used by these tests");
        }

        @Override
        public Map<String, Long> statistics() {
            return Map.of();
        }

        @Override
        public void stop() {
            calls.add("stop");
        }
    }

    /** Transport settings as configured, without a configuration: the defaults README documents. */
    static TransportSettings defaultSettings() {
        TransportSettings settings = new TransportSettings();
        settings.pingInterval = 250;
        settings.maxLostPings = 3;
        settings.maxTextMessageSize = 1_048_576;
        settings.maxBinaryMessageSize = 1_048_576;
        settings.outboxMaxMessages = 1024;
        settings.outboxMaxBytes = 16_777_216;
        settings.closeTimeout = 5000;
        return settings;
    }
}
