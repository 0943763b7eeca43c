package io.yoctopus.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.yoctopus.runtime.testing.CapturedLog;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Choosing the bus: the first known grid whose classes are visible and whose adapter finds it running. */
class ClusterBusesTest {

    private static final ClassLoader LOADER = ClusterBusesTest.class.getClassLoader();
    private static final String VISIBLE = String.class.getName();

    /** An adapter whose grid runs: it keeps the topic it was made for. */
    public static final class Running extends Adapter {
        public Running(String topic) {
            super(topic);
        }
    }

    /** An adapter whose grid is not there. */
    public static final class NotRunning extends Adapter {
        public NotRunning(String topic) {
            super(topic);
            throw new IllegalStateException("no grid under payara/Hazelcast");
        }
    }

    @Test
    void payarasDataGridIsTheKnownGrid() {
        assertEquals(List.of(new ClusterBuses.Known("com.hazelcast.core.HazelcastInstance",
                "io.yoctopus.runtime.adapters.hazelcast.HazelcastBus")), ClusterBuses.KNOWN);
    }

    @Test
    void theFirstVisibleGridWhoseAdapterStartsIsUsedWithTheTopic() {
        ClusterBus bus = ClusterBuses.detect(List.of(
                new ClusterBuses.Known("no.such.Grid", Running.class.getName()),
                new ClusterBuses.Known(VISIBLE, Running.class.getName()),
                new ClusterBuses.Known(VISIBLE, NotRunning.class.getName())), LOADER, "topic-1");
        assertEquals("topic-1", assertInstanceOf(Running.class, bus).topic);
    }

    @Test
    void aGridThatIsNotRunningLeavesTheInstanceOnItsOwn() {
        try (CapturedLog log = CapturedLog.of(ClusterBuses.class, Level.INFO)) {
            assertSame(ClusterBus.LOCAL, ClusterBuses.detect(
                    List.of(new ClusterBuses.Known(VISIBLE, NotRunning.class.getName())), LOADER, "t"));
            LogRecord record = log.records().get(0);
            assertEquals(Level.INFO, record.getLevel());
            assertEquals("cluster: " + NotRunning.class.getName() + " has no grid to use (java.lang.IllegalStateException:"
                    + " no grid under payara/Hazelcast); this instance runs on its own", record.getMessage());
        }
    }

    @Test
    void anAdapterThatCannotBeLoadedIsAWarningAndTheInstanceRunsOnItsOwn() {
        for (String adapter : List.of("no.such.Adapter", String.class.getName())) {
            try (CapturedLog log = CapturedLog.of(ClusterBuses.class, Level.INFO)) {
                assertSame(ClusterBus.LOCAL, ClusterBuses.detect(List.of(new ClusterBuses.Known(VISIBLE, adapter)),
                        LOADER, "t"));
                LogRecord record = log.records().get(0);
                assertEquals(Level.WARNING, record.getLevel());
                assertEquals("cluster: cannot load " + adapter + "; this instance runs on its own", record.getMessage());
            }
        }
    }

    @Test
    void withHazelcastOnTheClassPathButNoGridInJndiTheInstanceRunsOnItsOwn() {
        try (CapturedLog log = CapturedLog.of(ClusterBuses.class, Level.INFO)) {
            assertSame(ClusterBus.LOCAL, ClusterBuses.detect(LOADER, "yoctopus"));
            assertEquals(1, log.records().size());
        }
    }

    /** A bus that is never used: only how it was made matters. */
    abstract static class Adapter extends LocalBus {
        final String topic;

        Adapter(String topic) {
            this.topic = topic;
        }
    }
}
