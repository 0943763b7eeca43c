package io.yoctopus.runtime.adapters.jms;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.yoctopus.runtime.cluster.ClusterBus;
import io.yoctopus.runtime.testing.CapturedLog;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta Messaging bus on a real broker: an embedded Artemis (the version inside WildFly 37), in-vm, each test
 * on a topic of its own. Two buses on one broker stand for two members: on WildFly each member's broker forwards
 * the topic's messages to the other's (a cluster connection), which keeps each producer's order as one broker does.
 * What the runtime counts on: every member receives each frame with its publisher's id, as published and in the
 * order published, and knows which members are up.
 */
class JmsBusTest {

    /** How long a message may take to cross the broker on a loaded machine. */
    private static final long WAIT_SECONDS = 10;
    private static final Duration HELLO = Duration.ofMillis(50);
    private static final Duration GONE = Duration.ofMillis(300);
    private static final Duration NEVER = Duration.ofMinutes(10);
    /** How long "nothing more arrives" is watched for. */
    private static final long QUIET_MILLIS = 300;
    private static final String ADDRESS = ManagementFactory.getRuntimeMXBean().getName();

    private static EmbeddedActiveMQ broker;
    private static ConnectionFactory factory;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final List<JmsBus> buses = new ArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory threadFactory = task -> {
        Thread thread = new Thread(task);
        threads.add(thread);
        return thread;
    };
    private final Topic topic = ActiveMQJMSClient.createTopic("yoctopus-test-" + TOPICS.incrementAndGet());

    @BeforeAll
    static void startBroker() throws Exception {
        broker = embedded(0);
        factory = new ActiveMQConnectionFactory("vm://0");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        ((ActiveMQConnectionFactory) factory).close();
        broker.stop();
    }

    @AfterEach
    void stopBuses() {
        buses.forEach(JmsBus::stop);
    }

    // ---------------------------------------------------------------- frames

    @Test
    void aFrameReachesEveryMemberWithItsPublisherAndItsFieldsAsPublished() throws InterruptedException {
        JmsBus a = bus(HELLO, System::nanoTime);
        JmsBus b = bus(HELLO, System::nanoTime);
        BlockingQueue<List<String>> atA = subscribe(a);
        BlockingQueue<List<String>> atB = subscribe(b);
        String[] frame = {"channel", "", "ünïcødé ✓", "x".repeat(100_000), "{\"json\":[1,2]}"};

        a.publish(frame);
        b.publish(new String[] {"only a channel"});

        List<String> expected = new ArrayList<>(List.of(a.localMember()));
        expected.addAll(List.of(frame));
        assertEquals(expected, next(atB));
        assertEquals(expected, next(atA), "the publisher hears its own frames, marked as its own");
        assertEquals(List.of(b.localMember(), "only a channel"), next(atA));
        assertEquals(List.of(b.localMember(), "only a channel"), next(atB));
    }

    @Test
    void theFramesOneMemberPublishesArriveInTheOrderPublishedEvenFromManyThreadsAtOnce() throws Exception {
        JmsBus a = bus(HELLO, System::nanoTime);
        BlockingQueue<List<String>> atB = subscribe(bus(HELLO, System::nanoTime));
        int senders = 4;
        int each = 200;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> publishers = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            String sender = "sender-" + s;
            Thread publisher = new Thread(() -> {
                awaitQuietly(go);
                for (int n = 0; n < each; n++) {
                    a.publish(new String[] {"burst", sender, String.valueOf(n)});
                }
            });
            publisher.start();
            publishers.add(publisher);
        }
        go.countDown();
        for (Thread publisher : publishers) {
            publisher.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }

        Map<String, List<Integer>> bySender = new TreeMap<>();
        for (int i = 0; i < senders * each; i++) {
            List<String> frame = next(atB);
            assertEquals(a.localMember(), frame.get(0));
            bySender.computeIfAbsent(frame.get(2), sender -> new ArrayList<>()).add(Integer.valueOf(frame.get(3)));
        }
        List<Integer> inOrder = IntStream.range(0, each).boxed().toList();
        assertEquals(senders, bySender.size());
        bySender.forEach((sender, numbers) -> assertEquals(inOrder, numbers, sender));
    }

    /** Something else on the topic is logged and skipped; so is a frame its receiver fails on; later frames arrive. */
    @Test
    void aMessageThatIsNotAFrameOrThatTheReceiverFailsOnIsLoggedAndTheNextOnesArrive() throws InterruptedException {
        JmsBus a = bus(NEVER, System::nanoTime);
        BlockingQueue<List<String>> atB = new LinkedBlockingQueue<>();
        JmsBus b = bus(NEVER, System::nanoTime);
        b.subscribe((publisher, frame) -> {
            if (frame[0].equals("poison")) {
                throw new IllegalStateException("the receiver failed");
            }
            atB.add(list(publisher, frame));
        });
        try (CapturedLog log = CapturedLog.of(JmsBus.class, Level.WARNING);
                JMSContext other = factory.createContext()) {
            other.createProducer().send(topic, "no publisher");
            other.createProducer().setProperty(JmsBus.PUBLISHER, "someone").send(topic, "not a frame");
            a.publish(new String[] {"poison"});
            a.publish(new String[] {"after"});

            assertEquals(List.of(a.localMember(), "after"), next(atB));
            List<String> messages = log.records().stream().map(LogRecord::getMessage).toList();
            assertEquals(3, messages.size(), messages.toString());
            assertEquals("cluster: skipped a message on test topic: it has no yoctopusPublisher property",
                    messages.get(0));
            assertTrue(messages.get(1).startsWith("cluster: skipped a message on test topic: it is a ")
                    && messages.get(1).endsWith("TextMessage, not a frame"), messages.get(1));
            assertEquals("cluster: skipped a message on test topic: the receiver failed", messages.get(2));
            assertTrue(log.records().stream().allMatch(record -> record.getLevel() == Level.WARNING));
        }
    }

    // ---------------------------------------------------------------- members

    @Test
    void eachMemberSeesItselfFirstAndThenTheMembersItHears() {
        JmsBus a = bus(HELLO, System::nanoTime);
        subscribe(a);
        assertEquals(List.of(new ClusterBus.Member(a.localMember(), ADDRESS)), a.members(), "alone");

        JmsBus b = bus(HELLO, System::nanoTime);
        subscribe(b);
        List<ClusterBus.Member> both = List.of(new ClusterBus.Member(a.localMember(), ADDRESS),
                new ClusterBus.Member(b.localMember(), ADDRESS));
        await("a hears b").atMost(WAIT_SECONDS, TimeUnit.SECONDS).until(() -> a.members().equals(both));
        await("b hears a").atMost(WAIT_SECONDS, TimeUnit.SECONDS)
                .until(() -> b.members().equals(List.of(both.get(1), both.get(0))));
        assertFalse(a.localMember().equals(b.localMember()));
    }

    /**
     * A member announces itself as it subscribes (its clock stands still here, so that is its only announcement:
     * none other comes within {@value #QUIET_MILLIS} ms, six hello intervals), and one not heard for
     * {@code goneAfter} is gone, by the hearing member's clock.
     */
    @Test
    void aMemberAnnouncesItselfAsItSubscribesAndIsGoneWhenNotHeardForGoneAfter() throws Exception {
        AtomicLong clock = new AtomicLong(1_000);
        JmsBus hearing = bus(NEVER, clock::get);
        subscribe(hearing);
        JmsBus announcing = bus(HELLO, () -> 7);
        try (JMSContext watcher = factory.createContext()) {
            JMSConsumer announcements = watcher.createConsumer(topic,
                    JmsBus.PUBLISHER + " = '" + announcing.localMember() + "'");
            subscribe(announcing);
            Message hello = announcements.receive(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertEquals(ADDRESS, hello.getStringProperty(JmsBus.HELLO));
            assertNull(announcements.receive(QUIET_MILLIS));
        }
        ClusterBus.Member announced = new ClusterBus.Member(announcing.localMember(), ADDRESS);
        await("the announcement").atMost(WAIT_SECONDS, TimeUnit.SECONDS)
                .until(() -> hearing.members().contains(announced));
        announcing.stop();

        clock.addAndGet(GONE.toNanos() - 1);
        assertEquals(List.of(new ClusterBus.Member(hearing.localMember(), ADDRESS), announced), hearing.members());
        clock.addAndGet(1);
        assertEquals(List.of(new ClusterBus.Member(hearing.localMember(), ADDRESS)), hearing.members());
        clock.addAndGet(-1);
        assertEquals(1, hearing.members().size(), "forgotten, not only hidden");
    }

    /** Between announcements a member waits {@code helloInterval} for frames, then announces itself again. */
    @Test
    void aMemberAnnouncesItselfAgainEachHelloInterval() {
        JmsBus hearing = bus(HELLO, System::nanoTime);
        subscribe(hearing);
        JmsBus announcing = bus(HELLO, System::nanoTime);
        subscribe(announcing);
        ClusterBus.Member announced = new ClusterBus.Member(announcing.localMember(), ADDRESS);
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos(); // three times goneAfter
        while (System.nanoTime() < until) {
            await("heard within goneAfter, again and again").atMost(GONE.multipliedBy(3))
                    .until(() -> hearing.members().contains(announced));
        }
    }

    // ---------------------------------------------------------------- the bus's life

    @Test
    void theReceivingThreadIsTheServersNamedAndADaemon() {
        subscribe(bus(HELLO, System::nanoTime));
        assertEquals(1, threads.size());
        Thread thread = threads.get(0);
        assertEquals("yoctopus-cluster-jms", thread.getName());
        assertTrue(thread.isDaemon());
        assertTrue(thread.isAlive());
    }

    /**
     * Even while the thread waits for frames for long: stopping ends it at once, quietly, and publishing fails. (It
     * waits once it has handed on a frame published after its announcement, with nothing more to come.)
     */
    @Test
    void stopEndsReceivingAndPublishingQuietly() throws InterruptedException {
        try (CapturedLog log = CapturedLog.of(JmsBus.class, Level.ALL); JMSContext watcher = factory.createContext()) {
            JMSConsumer announcements = watcher.createConsumer(topic);
            JmsBus bus = bus(NEVER, System::nanoTime);
            BlockingQueue<List<String>> received = subscribe(bus);
            assertNotNull(announcements.receive(TimeUnit.SECONDS.toMillis(WAIT_SECONDS)), "its announcement");
            bus.publish(new String[] {"last"});
            assertEquals(List.of(bus.localMember(), "last"), next(received));
            await("the receiving thread waits").atMost(WAIT_SECONDS, TimeUnit.SECONDS)
                    .until(() -> threads.get(0).getState() == Thread.State.TIMED_WAITING);
            bus.stop();
            await("the receiving thread ends").atMost(WAIT_SECONDS, TimeUnit.SECONDS)
                    .until(() -> !threads.get(0).isAlive());
            assertThrows(JMSRuntimeException.class, () -> bus.publish(new String[] {"late"}));
            assertEquals(List.of(), log.records());
        }
        JmsBus neverSubscribed = bus(HELLO, System::nanoTime);
        neverSubscribed.stop();
        assertThrows(JMSRuntimeException.class, () -> neverSubscribed.publish(new String[] {"late"}));
    }

    /** The broker going away ends receiving with a warning (the member then hears no one, and is heard by no one). */
    @Test
    void whenTheMessagingFailsReceivingEndsWithAWarning() throws Exception {
        EmbeddedActiveMQ failing = embedded(1);
        try (ActiveMQConnectionFactory failingFactory = new ActiveMQConnectionFactory("vm://1");
                CapturedLog log = CapturedLog.of(JmsBus.class, Level.WARNING)) {
            JmsBus bus = new JmsBus(failingFactory, topic, "failing topic", threadFactory, HELLO, GONE,
                    System::nanoTime);
            subscribe(bus);
            failing.stop();
            await("the receiving thread ends").atMost(WAIT_SECONDS, TimeUnit.SECONDS)
                    .until(() -> !threads.get(0).isAlive());
            assertEquals(List.of("cluster: receiving from failing topic failed; this instance hears no other instance"
                    + " from now on"), log.records().stream().map(LogRecord::getMessage).toList());
            bus.stop();
        } finally {
            failing.stop();
        }
    }

    @Test
    void withoutABrokerThereIsNoBus() {
        ConnectionFactory nowhere = new ActiveMQConnectionFactory("vm://99");
        assertThrows(JMSRuntimeException.class,
                () -> new JmsBus(nowhere, topic, "t", threadFactory, HELLO, GONE, System::nanoTime));
    }

    // ---------------------------------------------------------------- JNDI and configuration

    @Test
    void theConnectionFactoryAndTheTopicAreLookedUpByTheirNames() throws Exception {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, ActiveMQInitialContextFactory.class.getName());
        environment.put("connectionFactory.cf", "vm://0");
        environment.put("topic.jms/topic/looked-up", "yoctopus-looked-up");
        Context naming = new InitialContext(environment);
        JmsBus a = track(new JmsBus(naming, new JmsBus.Names("cf", "jms/topic/looked-up"), threadFactory));
        JmsBus b = track(new JmsBus(naming, new JmsBus.Names("cf", "jms/topic/looked-up"), threadFactory));
        assertEquals("Jakarta Messaging topic jms/topic/looked-up (connection factory cf)", a.name());
        BlockingQueue<List<String>> atB = subscribe(b);
        a.publish(new String[] {"found"});
        assertEquals(List.of(a.localMember(), "found"), next(atB));

        assertThrows(NameNotFoundException.class,
                () -> new JmsBus(naming, new JmsBus.Names("cf", "jms/topic/undefined"), threadFactory));
        assertThrows(NameNotFoundException.class,
                () -> new JmsBus(naming, new JmsBus.Names("undefined", "jms/topic/looked-up"), threadFactory));
    }

    /** Payara Micro, Open Liberty: no such names, so no bus (detection goes on). */
    @Test
    void withoutTheNamesInJndiThereIsNoBus() {
        assertThrows(NamingException.class, () -> new JmsBus("yoctopus", threadFactory));
    }

    @Test
    void theNamesAreWildFlysByDefaultAndTheTopicFollowsTheClustersTopicName() {
        assertEquals(new JmsBus.Names("java:/ConnectionFactory", "java:/jms/topic/yoctopus"),
                JmsBus.Names.of(config(Map.of()), "yoctopus"));
        assertEquals(new JmsBus.Names("java:/ConnectionFactory", "java:/jms/topic/chat"),
                JmsBus.Names.of(config(Map.of()), "chat"));
        assertEquals(new JmsBus.Names("java:/jms/MyFactory", "java:/jms/topic/mine"),
                JmsBus.Names.of(config(Map.of("yoctopus.cluster.jms.connection-factory", "java:/jms/MyFactory",
                        "yoctopus.cluster.jms.topic", "java:/jms/topic/mine")), "yoctopus"));
    }

    // ---------------------------------------------------------------- helpers

    private JmsBus bus(Duration helloInterval, LongSupplier clock) {
        return track(new JmsBus(factory, topic, "test topic", threadFactory, helloInterval, GONE, clock));
    }

    private JmsBus track(JmsBus bus) {
        buses.add(bus);
        return bus;
    }

    /** What {@code bus} receives: each frame as its publisher and fields. */
    private static BlockingQueue<List<String>> subscribe(JmsBus bus) {
        BlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
        bus.subscribe((publisher, frame) -> received.add(list(publisher, frame)));
        return received;
    }

    private static List<String> list(String publisher, String[] frame) {
        List<String> fields = new ArrayList<>(List.of(publisher));
        fields.addAll(List.of(frame));
        return fields;
    }

    private static List<String> next(BlockingQueue<List<String>> received) throws InterruptedException {
        List<String> frame = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + WAIT_SECONDS + " s");
        }
        return frame;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static org.eclipse.microprofile.config.Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    private static EmbeddedActiveMQ embedded(int serverId) throws Exception {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJournalDirectory("target/artemis-" + serverId)
                .addAcceptorConfiguration("in-vm", "vm://" + serverId));
        server.start();
        return server;
    }
}
