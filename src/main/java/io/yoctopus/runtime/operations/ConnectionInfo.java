package io.yoctopus.runtime.operations;

import java.beans.ConstructorProperties;

/** One open connection as {@link ConnectionsMXBean} shows it (a JMX composite value: each getter is an item). */
public final class ConnectionInfo {

    private final String id;
    private final String remoteAddress;
    private final String openedAt;
    private final long ageSeconds;
    private final String settings;

    /**
     * @param remoteAddress the client's address; empty when the container does not tell it
     * @param openedAt when it opened, ISO 8601 in UTC
     * @param settings its settings store as JSON text, {@code {plugin: {key: value}}}
     */
    @ConstructorProperties({"id", "remoteAddress", "openedAt", "ageSeconds", "settings"})
    public ConnectionInfo(String id, String remoteAddress, String openedAt, long ageSeconds, String settings) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.openedAt = openedAt;
        this.ageSeconds = ageSeconds;
        this.settings = settings;
    }

    public String getId() {
        return id;
    }

    public String getRemoteAddress() {
        return remoteAddress;
    }

    public String getOpenedAt() {
        return openedAt;
    }

    public long getAgeSeconds() {
        return ageSeconds;
    }

    public String getSettings() {
        return settings;
    }
}
