package io.yoctopus.runtime.catalogue;

/** What a handler parameter receives; decided once per parameter at deployment. */
public enum ParameterKind {
    /** The request data, validated against the endpoint's format and bound to the parameter's type. */
    DATA,
    /** The request data as an unvalidated {@code JsonValue}. */
    RAW_DATA,
    /** The whole {@link io.yoctopus.api.Request}. */
    REQUEST,
    /** The connection's {@link io.yoctopus.api.ConnectionSettings}. */
    SETTINGS,
    /** A {@link io.yoctopus.api.Notifier} for the connection. */
    NOTIFIER,
    /** The connection id, for a {@code @ConnectionId String}. */
    CONNECTION_ID,
    /** A {@link io.yoctopus.api.PluginLog} tagged with plugin and connection. */
    LOG,
    /** The application's {@link io.yoctopus.api.Multicast}. */
    MULTICAST,
    /** The frame of a binary handler, as {@code byte[]} or {@code ByteBuffer}. */
    BINARY
}
