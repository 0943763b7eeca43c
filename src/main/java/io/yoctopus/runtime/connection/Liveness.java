package io.yoctopus.runtime.connection;

/**
 * Whether one client is still there, judged by how long it has been silent: any frame, fragment or pong counts
 * as hearing from it. Container threads only mark the client heard (a volatile read per frame, a write when the
 * mark was cleared); the heartbeat thread alone keeps time and decides, once per ping interval.
 *
 * <p>A client heard from since the last check is alive and not pinged; a silent one is pinged at each check
 * until it answers, and given up once it has been silent for the allowed time (by default as long as the
 * configured number of lost pings takes). A frame being handled counts as hearing from the client: the container
 * reads its pongs only after that frame.
 */
public final class Liveness {

    /** What the heartbeat is to do about a connection at one check. */
    public enum Verdict {
        /** Heard from since the last check: nothing to do. */
        ALIVE,
        /** Silent, within the allowed time: ping it. */
        PING,
        /** Silent, pinged as often as allowed, still within the allowed time: wait. */
        WAIT,
        /** Silent for longer than allowed: close it. */
        GIVE_UP
    }

    private static final long NEVER = Long.MIN_VALUE;

    private volatile boolean heard;
    private volatile boolean handling;
    /** Heartbeat thread only. */
    private long lastHeard = NEVER;
    /** Heartbeat thread only: pings sent since the client was last heard from. */
    private int pings;

    /** The client sent something. Reads before writing: mostly the mark is set already. */
    public void heard() {
        if (!heard) {
            heard = true;
        }
    }

    /**
     * A frame of the client is being handled (true) or no longer (false). Its end counts as hearing from the
     * client: pongs that arrived meanwhile are read only after it.
     */
    void handling(boolean inProgress) {
        handling = inProgress;
        if (!inProgress) {
            heard();
        }
    }

    /**
     * One check, by the heartbeat thread.
     *
     * @param now the heartbeat's clock, in nanoseconds
     * @param allowedSilence how long, in nanoseconds, the client may stay silent since it was last heard from
     * @param maxPings how many pings a silent client gets at most: when the server is slow to read and the allowed
     *     silence grows, the client gets more time, not more pings
     */
    public Verdict check(long now, long allowedSilence, int maxPings) {
        if (heard || handling || lastHeard == NEVER) {   // the first check counts the handshake as hearing from it
            heard = false;
            lastHeard = now;
            pings = 0;
            return Verdict.ALIVE;
        }
        if (now - lastHeard >= allowedSilence) {
            return Verdict.GIVE_UP;
        }
        if (pings >= maxPings) {
            return Verdict.WAIT;
        }
        pings++;
        return Verdict.PING;
    }

    /** Pings sent since the client was last heard from (heartbeat thread only: for its log line). */
    public int unansweredPings() {
        return pings;
    }
}
