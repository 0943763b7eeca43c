package io.yoctopus.runtime.adapters.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.yoctopus.runtime.cluster.ClusterBus;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The cluster bus on Payara's Domain Data Grid: one Hazelcast {@link ITopic} of the server's own Hazelcast instance
 * (JNDI {@value #JNDI_NAME}). Loaded by name, only where Hazelcast's classes are visible
 * ({@code io.yoctopus.runtime.cluster.ClusterBuses}); where the grid is off (Payara Micro {@code --nohazelcast}) the
 * JNDI name is unbound and the constructor throws, and the instance runs on its own.
 *
 * <p>Why a plain topic: it keeps each publisher's order (its events are dispatched on one event thread per topic)
 * at sub-millisecond latency, and publishing never waits for a member that has died. Payara's clustered CDI events
 * hand each arriving event to a pool thread and reorder bursts; a reliable topic stalled publishers while a member
 * died. A frame is a {@code String[]}, which Hazelcast serializes itself without loading the application's classes.
 */
public final class HazelcastBus implements ClusterBus {

    /** Where Payara binds its data grid's Hazelcast instance. */
    static final String JNDI_NAME = "payara/Hazelcast";

    private final HazelcastInstance grid;
    private final ITopic<String[]> topic;
    private volatile UUID registration;

    /**
     * The server's grid, looked up in JNDI. Hazelcast delivers on threads of its own: {@code threads} is not used.
     *
     * @throws NamingException when the server has no grid under {@value #JNDI_NAME}
     */
    public HazelcastBus(String topicName, ThreadFactory threads) throws NamingException {
        this((HazelcastInstance) new InitialContext().lookup(JNDI_NAME), topicName);
    }

    /** @throws IllegalStateException when the grid is not running */
    HazelcastBus(HazelcastInstance grid, String topicName) {
        if (!grid.getLifecycleService().isRunning()) {
            throw new IllegalStateException("the data grid " + grid.getName() + " is not running");
        }
        this.grid = grid;
        this.topic = grid.getTopic(topicName);
    }

    @Override
    public String name() {
        return "Hazelcast data grid '" + grid.getConfig().getClusterName() + "', topic '" + topic.getName() + "'";
    }

    @Override
    public String localMember() {
        return grid.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public List<Member> members() {
        return grid.getCluster().getMembers().stream()
                .map(member -> new ClusterBus.Member(member.getUuid().toString(), member.getAddress().toString()))
                .toList();
    }

    @Override
    public void publish(String[] frame) {
        topic.publish(frame);
    }

    @Override
    public void subscribe(Receiver receiver) {
        registration = topic.addMessageListener(message -> {
            com.hazelcast.cluster.Member publisher = message.getPublishingMember();
            receiver.received(publisher == null ? "" : publisher.getUuid().toString(), message.getMessageObject());
        });
    }

    @Override
    public void stop() {
        UUID listening = registration;
        if (listening != null && grid.getLifecycleService().isRunning()) {
            topic.removeMessageListener(listening);
        }
    }
}
