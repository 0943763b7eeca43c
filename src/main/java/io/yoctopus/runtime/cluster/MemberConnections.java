package io.yoctopus.runtime.cluster;

/**
 * A member of the cluster as operators see it.
 *
 * @param id the member's id on the grid
 * @param address where it is on the grid's network (empty when the grid does not say)
 * @param local whether it is this instance
 * @param connections its open connections: counted now for this instance, as last reported for the others (each
 *     reports every {@value ClusterConnections#REPORT_MILLIS} ms), {@code -1} for one not heard from yet
 */
public record MemberConnections(String id, String address, boolean local, int connections) {
}
