package io.yoctopus.runtime.operations;

import java.beans.ConstructorProperties;
import java.util.List;

/**
 * The connections of the whole cluster as {@link ConnectionsMXBean#idsInCluster()} lists them (a JMX composite value).
 */
public final class ClusterListing {

    private final List<String> ids;
    private final List<String> silentMembers;

    /**
     * @param ids the ids of the connections of this instance and of each member that answered, sorted
     * @param silentMembers the ids of the members that did not answer in time or left while asked, sorted: their
     *     connections are missing from {@code ids}
     */
    @ConstructorProperties({"ids", "silentMembers"})
    public ClusterListing(List<String> ids, List<String> silentMembers) {
        this.ids = List.copyOf(ids);
        this.silentMembers = List.copyOf(silentMembers);
    }

    public List<String> getIds() {
        return ids;
    }

    public List<String> getSilentMembers() {
        return silentMembers;
    }
}
