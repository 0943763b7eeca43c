package io.yoctopus.runtime.connection;

import io.yoctopus.api.Connections;
import jakarta.enterprise.inject.Instance;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the connections of this instance need from the other instances of a cluster: a multicast to reach their
 * connections too, and a notification or close by id to reach a connection they hold. Implemented by the cluster
 * seam ({@code io.yoctopus.runtime.cluster.ClusterConnections}), which also gathers the ids of their connections;
 * {@link #NONE} where an instance is on its own.
 * Each message is already serialized: it travels as the text the receivers send.
 */
public interface OtherInstances {

    /** No other instances. */
    OtherInstances NONE = new OtherInstances() {
        @Override
        public boolean any() {
            return false;
        }

        @Override
        public void multicast(String filter, String notification) {
            // no one else
        }

        @Override
        public void notify(String connectionId, String notification) {
            // no one else
        }

        @Override
        public void close(String connectionId, int code, String reason) {
            // no one else
        }

        @Override
        public CompletionStage<Connections.ClusterIds> idsInCluster(Set<String> here) {
            return CompletableFuture.completedStage(new Connections.ClusterIds(here, Set.of()));
        }
    };

    /** The cluster seam's bean where it is deployed, else {@link #NONE}: looked up once, as a bean starts. */
    static OtherInstances of(Instance<OtherInstances> beans) {
        return beans.isResolvable() ? beans.get() : NONE;
    }

    /** Whether another instance is up now; when not, nothing needs to be prepared for the others. */
    boolean any();

    /** Every other instance sends {@code notification} to its connections whose settings match {@code filter} (JSON). */
    void multicast(String filter, String notification);

    /** The instance holding connection {@code connectionId} sends it {@code notification}. */
    void notify(String connectionId, String notification);

    /** The instance holding connection {@code connectionId} closes it. */
    void close(String connectionId, int code, String reason);

    /**
     * The ids of the connections of every instance: {@code here}, this instance's, and those of the other instances
     * as they answer ({@link Connections#idsInCluster()}).
     */
    CompletionStage<Connections.ClusterIds> idsInCluster(Set<String> here);
}
