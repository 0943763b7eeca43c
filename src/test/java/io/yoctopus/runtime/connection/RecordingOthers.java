package io.yoctopus.runtime.connection;

import io.yoctopus.api.Connections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The other instances of a cluster, up or not, as a record of what they were told, in order. Asked for their
 * connections, they hold {@code elsewhere} and one of them, {@code member-3}, is silent.
 */
class RecordingOthers implements OtherInstances {

    final List<String> told = new CopyOnWriteArrayList<>();
    final List<String> notifications = new CopyOnWriteArrayList<>();
    volatile boolean up = true;

    /** What they were told: "multicast filter", "notify id", "close id code reason", "ids [here...]". */
    List<String> told() {
        return told;
    }

    @Override
    public boolean any() {
        return up;
    }

    @Override
    public void multicast(String filter, String notification) {
        told.add("multicast " + filter);
        notifications.add(notification);
    }

    @Override
    public void notify(String connectionId, String notification) {
        told.add("notify " + connectionId);
        notifications.add(notification);
    }

    @Override
    public void close(String connectionId, int code, String reason) {
        told.add("close " + connectionId + " " + code + " " + reason);
    }

    @Override
    public CompletionStage<Connections.ClusterIds> idsInCluster(Set<String> here) {
        told.add("ids " + new TreeSet<>(here));
        Set<String> all = new HashSet<>(here);
        all.add("elsewhere");
        return CompletableFuture.completedStage(new Connections.ClusterIds(all, Set.of("member-3")));
    }
}
