package io.yoctopus.runtime.adapters.hazelcast;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.yoctopus.runtime.cluster.ClusterBus;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.naming.NamingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Hazelcast bus on a real grid: two Hazelcast members (the version inside Payara Micro) in this JVM, joined over
 * TCP on loopback as Payara's {@code --clusterMode tcpip} joins them. What the runtime counts on: every member
 * receives each frame with its publisher's id (the publisher too), in the order published, as published.
 */
class HazelcastBusTest {

    /** How long a frame may take to cross the grid on a loaded machine. */
    private static final long WAIT_SECONDS = 10;

    /** Each member's frames as its receiver got them: "publisher frame...". */
    private static final List<BlockingQueue<List<String>>> RECEIVED = List.of(new LinkedBlockingQueue<>(),
            new LinkedBlockingQueue<>());

    private static final String CLUSTER = "yoctopus-test-" + UUID.randomUUID();
    private static final List<HazelcastInstance> GRID = new ArrayList<>();
    private static final List<HazelcastBus> BUSES = new ArrayList<>();
    private static Level hazelcastLogLevel;

    @BeforeAll
    static void startTwoMembers() throws IOException {
        Logger hazelcastLog = Logger.getLogger("com.hazelcast");
        hazelcastLogLevel = hazelcastLog.getLevel();
        hazelcastLog.setLevel(Level.WARNING);
        int[] ports = {freePort(), freePort()};
        for (int port : ports) {
            GRID.add(Hazelcast.newHazelcastInstance(member(CLUSTER, port, ports)));
        }
        for (int i = 0; i < 2; i++) {
            HazelcastBus bus = new HazelcastBus(GRID.get(i), "yoctopus-test");
            BlockingQueue<List<String>> received = RECEIVED.get(i);
            bus.subscribe((publisher, frame) -> {
                List<String> heard = new ArrayList<>(List.of(publisher));
                heard.addAll(List.of(frame));
                received.add(heard);
            });
            BUSES.add(bus);
        }
        await("the two members join").atMost(Duration.ofSeconds(60))
                .until(() -> BUSES.stream().allMatch(bus -> bus.members().size() == 2));
    }

    @AfterAll
    static void stopMembers() {
        GRID.forEach(HazelcastInstance::shutdown);
        Logger.getLogger("com.hazelcast").setLevel(hazelcastLogLevel);
    }

    @Test
    void bothMembersSeeBothMembersAndTheirOwnId() {
        Set<String> ids = GRID.stream().map(member -> member.getCluster().getLocalMember().getUuid().toString())
                .collect(Collectors.toSet());
        for (int i = 0; i < 2; i++) {
            HazelcastBus bus = BUSES.get(i);
            assertEquals(GRID.get(i).getCluster().getLocalMember().getUuid().toString(), bus.localMember());
            assertEquals(ids, bus.members().stream().map(ClusterBus.Member::id).collect(Collectors.toSet()));
            for (ClusterBus.Member member : bus.members()) {
                assertTrue(member.address().startsWith("[127.0.0.1]:"), member.address());
            }
            assertEquals("Hazelcast data grid '" + CLUSTER + "', topic 'yoctopus-test'", bus.name());
        }
    }

    @Test
    void everyMemberReceivesEachFrameWithItsPublisherInTheOrderPublished() throws InterruptedException {
        HazelcastBus a = BUSES.get(0);
        List<List<String>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String[] frame = {"seq", String.valueOf(i), i % 2 == 0 ? "" : "r\u00e9sum\u00e9 \"quoted\" \ud83d\ude00"};
            a.publish(frame);
            List<String> expected = new ArrayList<>(List.of(a.localMember()));
            expected.addAll(List.of(frame));
            sent.add(expected);
        }
        for (BlockingQueue<List<String>> received : RECEIVED) {
            for (List<String> expected : sent) {
                assertEquals(expected, received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aStoppedBusReceivesNothingMoreAndStoppingAGridThatIsGoneIsQuiet() throws InterruptedException {
        HazelcastInstance third = Hazelcast.newHazelcastInstance(member("yoctopus-test-" + UUID.randomUUID(),
                freePortUnchecked(), new int[0]));
        HazelcastBus bus = new HazelcastBus(third, "alone");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        bus.subscribe((publisher, frame) -> heard.add(frame[0]));
        bus.publish(new String[] {"before"});
        assertEquals("before", heard.poll(WAIT_SECONDS, TimeUnit.SECONDS));

        bus.stop();
        bus.publish(new String[] {"after"});
        assertNull(heard.poll(500, TimeUnit.MILLISECONDS), "the listener is gone");

        third.shutdown();
        bus.stop();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new HazelcastBus(third, "t"));
        assertEquals("the data grid " + third.getName() + " is not running", refused.getMessage());
    }

    @Test
    void aBusNeverSubscribedStopsQuietly() {
        new HazelcastBus(GRID.get(0), "never-subscribed").stop();
    }

    @Test
    void withoutTheServersGridInJndiThereIsNoBus() {
        assertThrows(NamingException.class, () -> new HazelcastBus("yoctopus", Thread::new));
    }

    /** A member on loopback only, joining the given ports over TCP (none: alone). */
    private static Config member(String cluster, int port, int[] members) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(members.length > 0);
        for (int other : members) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + other);
        }
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
