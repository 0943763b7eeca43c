package io.yoctopus.it.cluster;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Connections;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Multicast;
import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.cluster.ClusterConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code ClusterIT}'s plugin {@code cluster}: drives the injectable APIs that reach other instances
 * ({@link Connections#notify(String, String, Object)}, {@link Connections#close(String, int, String)},
 * {@link Multicast}) in bursts of numbered {@code seq} notifications, shows the cluster's members as this instance
 * sees them, and lists the connections of every instance ({@link Connections#idsInCluster()}).
 */
@Plugin("cluster")
@ApplicationScoped
public class ClusterProbe {

    /** The notification type of the bursts: {@code {"n": 0, 1, ...}}. */
    public static final String SEQUENCE = "seq";

    /** {@code cluster:notify create}: {@code count} notifications to the connection {@code id}, wherever it is. */
    public record Notify(String id, int count) {
    }

    /** {@code cluster:multicast create}: {@code count} multicasts to the chat room {@code room}. */
    public record Broadcast(String room, int count) {
    }

    /** {@code cluster:close create}: closes the connection {@code id}, wherever it is. */
    public record Close(String id, int code, String reason) {
    }

    @Inject
    Connections connections;

    @Inject
    Multicast multicast;

    @Inject
    ClusterConnections cluster;

    @Handles(endpoint = "whoami", method = "read")
    public Map<String, String> whoami(@ConnectionId String id) {
        return Map.of("id", id);
    }

    /** {@code [{id, local, connections}]}, this instance's view. */
    @Handles(endpoint = "members", method = "read")
    public List<Map<String, Object>> members() {
        return cluster.members().stream().map(member -> Map.<String, Object>of("id", member.id(),
                "local", member.local(), "connections", member.connections())).toList();
    }

    @Handles(endpoint = "notify", method = "create")
    public Map<String, Integer> notify(Notify notify) {
        for (int n = 0; n < notify.count(); n++) {
            connections.notify(notify.id(), SEQUENCE, Map.of("n", n));
        }
        return Map.of("sent", notify.count());
    }

    /** Answers how many connections of this instance the multicasts reached. */
    @Handles(endpoint = "multicast", method = "create")
    public Map<String, Integer> multicast(Broadcast broadcast) {
        int local = 0;
        for (int n = 0; n < broadcast.count(); n++) {
            local += multicast.send(Map.of("chat", Map.of("room", broadcast.room())), SEQUENCE, Map.of("n", n));
        }
        return Map.of("local", local);
    }

    @Handles(endpoint = "close", method = "create")
    public Map<String, Object> close(Close close) {
        connections.close(close.id(), close.code(), close.reason());
        return Map.of();
    }

    /** {@code {ids: [...], silentMembers: [...]}}: the connections of every instance, as this one gathered them. */
    @Handles(endpoint = "ids", method = "read")
    public CompletionStage<Map<String, Object>> ids() {
        return connections.idsInCluster().thenApply(listed -> Map.of("ids", List.copyOf(listed.ids()),
                "silentMembers", List.copyOf(listed.silentMembers())));
    }
}
