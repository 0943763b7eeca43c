package io.yoctopus.runtime.adapters.tyrus;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * Takes the idle-timeout timer of Tyrus sessions off the container's managed scheduled executor.
 *
 * <p><b>Why.</b> Tyrus restarts a session's idle timer for every frame received and every message sent: it
 * cancels the previous task and schedules a new one on the session's {@code ScheduledExecutorService}, whatever
 * {@code maxIdleTimeout} is (with no timeout it schedules a no-op with delay 0, which still wakes a thread). That
 * executor is the container's {@code java:comp/DefaultManagedScheduledExecutorService}; each {@code schedule} on
 * it captures thread context, and Payara's {@code ContextSetupProviderImpl.saveContext} runs
 * {@code ServiceLoader.load(ThreadContextProvider.class, ...)} every time, which scans every jar of the server's
 * class path: about 80% of the CPU of a round trip on a bare endpoint. Neither Tyrus nor Payara has a setting
 * that avoids it.
 *
 * <p><b>What.</b> When a session opens, {@link #adopt} replaces the session's private executor with a per-session
 * view ({@link TyrusSessionTimers}) of the transport's plain timer executor. The view drops a restart whose delay
 * is 0 while the session has no idle timeout (the task would do nothing); every other task (a real timeout, a
 * Tyrus heartbeat) is scheduled as before. If Tyrus's field cannot be found (another Tyrus version), it logs once
 * and stays inert.
 */
final class TyrusTimers {

    /** MicroProfile Config key: {@code false} leaves Tyrus's timers as they are (for comparisons). */
    static final String ENABLED = "yoctopus.tyrus.plainScheduler";

    private static final Logger LOG = Logger.getLogger(TyrusTimers.class.getName());
    private static final String IDLE_TIMEOUT_TASK = "$IdleTimeoutCommand";

    private final ScheduledExecutorService shared;
    private final Field serviceField;
    private final AtomicLong timersRun = new AtomicLong();
    private volatile Class<?> idleTimeoutTask;

    /**
     * @param shared the plain executor the sessions' timers move to
     * @param enabled whether to move them at all
     */
    TyrusTimers(ScheduledExecutorService shared, boolean enabled) {
        this.shared = shared;
        this.serviceField = enabled ? serviceField() : null;
    }

    private static Field serviceField() {
        try {
            Field found = TyrusSession.class.getDeclaredField("service");
            if (found.getType() != ScheduledExecutorService.class) {
                throw new NoSuchFieldException("TyrusSession.service is a " + found.getType());
            }
            found.setAccessible(true);
            return found;
        } catch (NoSuchFieldException | RuntimeException notThisTyrus) {
            LOG.log(Level.INFO, "this Tyrus has no scheduler field to replace; leaving its timers as they are",
                    notThisTyrus);
            return null;
        }
    }

    /** Whether sessions are given the plain executor. */
    boolean active() {
        return serviceField != null;
    }

    /** Gives a session the plain executor; does nothing when the remedy is off. */
    void adopt(TyrusSession session) {
        if (serviceField == null) {
            return;
        }
        try {
            ScheduledExecutorService original = (ScheduledExecutorService) serviceField.get(session);
            if (original instanceof TyrusSessionTimers) {
                return;
            }
            serviceField.set(session, new TyrusSessionTimers(session, shared, original, this::isIdleTimeoutTask,
                    timersRun::incrementAndGet));
        } catch (IllegalAccessException | ClassCastException | IllegalArgumentException failure) {
            LOG.log(Level.WARNING, "cannot replace the scheduler of a Tyrus session; leaving it as it is", failure);
            return;
        }
        try {
            // the timer the session's constructor started is still on the managed executor: restart it on ours
            session.setMaxIdleTimeout(session.getMaxIdleTimeout());
        } catch (IllegalStateException closedAlready) {
            LOG.log(Level.FINE, "the session closed while opening", closedAlready);
        }
    }

    /**
     * How many Tyrus timers (idle timeouts that fired, Tyrus heartbeats) have run on the plain executor: for
     * operators, and for the test that proves an idle timeout fired there rather than on the managed executor.
     */
    long timersRun() {
        return timersRun.get();
    }

    /** Whether a task is Tyrus's idle-timeout command: by name the first time, by identity after. */
    boolean isIdleTimeoutTask(Class<?> type) {
        Class<?> known = idleTimeoutTask;
        if (known != null) {
            return type == known;
        }
        if (type.getName().endsWith(IDLE_TIMEOUT_TASK)) {
            idleTimeoutTask = type;
            return true;
        }
        return false;
    }
}
