package io.yoctopus.runtime.connection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The other instances of a cluster, up or not, as a record of what they were told, in order. */
class RecordingOthers implements OtherInstances {

    final List<String> told = new CopyOnWriteArrayList<>();
    final List<String> notifications = new CopyOnWriteArrayList<>();
    volatile boolean up = true;

    /** What they were told: "multicast filter", "notify id", "close id code reason". */
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
}
