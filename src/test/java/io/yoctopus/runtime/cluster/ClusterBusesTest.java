package io.yoctopus.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.testing.CapturedLog;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Choosing the bus: the first known grid whose classes are visible and whose adapter finds it running. */
class ClusterBusesTest {

    private static final ClassLoader LOADER = ClusterBusesTest.class.getClassLoader();
    private static final String VISIBLE = String.class.getName();

    private static final ThreadFactory THREADS = Thread::new;

    /** An adapter whose grid runs: it keeps the topic and the thread factory it was made with. */
    public static final class Running extends Adapter {
        public Running(String topic, ThreadFactory threads) {
            super(topic, threads);
        }
    }

    /** An adapter whose grid is not there. */
    public static final class NotRunning extends Adapter {
        public NotRunning(String topic, ThreadFactory threads) {
            super(topic, threads);
            throw new IllegalStateException("no grid under payara/Hazelcast");
        }
    }

    @Test
    void payarasDataGridComesBeforeAJakartaMessagingTopic() {
        assertEquals(List.of(new ClusterBuses.Known("com.hazelcast.core.HazelcastInstance",
                "io.yoctopus.runtime.adapters.hazelcast.HazelcastBus"), new ClusterBuses.Known(
                "jakarta.jms.ConnectionFactory", "io.yoctopus.runtime.adapters.jms.JmsBus")), ClusterBuses.KNOWN);
    }

    @Test
    void theFirstVisibleGridWhoseAdapterStartsIsUsedWithTheTopicAndTheThreadFactory() {
        ClusterBus bus = ClusterBuses.detect(List.of(
                new ClusterBuses.Known("no.such.Grid", Running.class.getName()),
                new ClusterBuses.Known(VISIBLE, Running.class.getName()),
                new ClusterBuses.Known(VISIBLE, NotRunning.class.getName())), LOADER, "topic-1", THREADS);
        assertEquals("topic-1", assertInstanceOf(Running.class, bus).topic);
        assertSame(THREADS, ((Running) bus).threads);
    }

    @Test
    void aGridThatIsNotRunningLeavesTheInstanceOnItsOwn() {
        try (CapturedLog log = CapturedLog.of(ClusterBuses.class, Level.INFO)) {
            assertSame(ClusterBus.LOCAL, ClusterBuses.detect(
                    List.of(new ClusterBuses.Known(VISIBLE, NotRunning.class.getName())), LOADER, "t", THREADS));
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
                        LOADER, "t", THREADS));
                LogRecord record = log.records().get(0);
                assertEquals(Level.WARNING, record.getLevel());
                assertEquals("cluster: cannot load " + adapter + "; this instance runs on its own", record.getMessage());
            }
        }
    }

    @Test
    void withHazelcastAndJakartaMessagingOnTheClassPathButNeitherInJndiTheInstanceRunsOnItsOwn() {
        try (CapturedLog log = CapturedLog.of(ClusterBuses.class, Level.INFO)) {
            assertSame(ClusterBus.LOCAL, ClusterBuses.detect(LOADER, "yoctopus", THREADS));
            List<String> messages = log.records().stream().map(LogRecord::getMessage).toList();
            assertEquals(2, messages.size(), messages.toString());
            assertTrue(messages.get(0).startsWith("cluster: io.yoctopus.runtime.adapters.hazelcast.HazelcastBus has no"
                    + " grid to use (javax.naming."), messages.get(0));
            assertTrue(messages.get(1).startsWith("cluster: io.yoctopus.runtime.adapters.jms.JmsBus has no grid to use"
                    + " (javax.naming."), messages.get(1));
            assertTrue(log.records().stream().allMatch(record -> record.getLevel() == Level.INFO));
        }
    }

    /** A bus that is never used: only how it was made matters. */
    abstract static class Adapter extends LocalBus {
        final String topic;
        final ThreadFactory threads;

        Adapter(String topic, ThreadFactory threads) {
            this.topic = topic;
            this.threads = threads;
        }
    }
}
