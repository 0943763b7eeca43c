package io.yoctopus.runtime.connection;

/** The WebSocket close codes (RFC 6455, section 7.4.1) the framework closes connections with. */
public final class CloseCodes {

    /** The purpose of the connection is fulfilled. */
    public static final int NORMAL = 1000;

    /** The server is going away, or has given up on a client that stopped answering. */
    public static final int GOING_AWAY = 1001;

    /** No close frame came: the connection broke (never sent in a close frame). */
    public static final int CLOSED_ABNORMALLY = 1006;

    /** A text message was not UTF-8. */
    public static final int INVALID_DATA = 1007;

    /** The client broke the server's policy: it does not read its messages. */
    public static final int VIOLATED_POLICY = 1008;

    /** A message was larger than the server takes. */
    public static final int TOO_BIG = 1009;

    /** The server is full: try again later. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }
}
