package io.yoctopus.runtime.transport;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * Takes the idle-timeout timer of Tyrus sessions off the container's managed scheduled executor.
 *
 * <p><b>Why.</b> Tyrus (the WebSocket implementation of Payara and GlassFish) restarts a session's idle
 * timer for every frame received and every message sent: it cancels the previous task and schedules a
 * new one on the session's {@code ScheduledExecutorService}, whatever {@code maxIdleTimeout} is (with no
 * timeout it schedules a no-op with delay 0, which still wakes a thread). That executor is the
 * container's {@code java:comp/DefaultManagedScheduledExecutorService}; each {@code schedule} on it
 * captures thread context, and Payara's {@code ContextSetupProviderImpl.saveContext} runs
 * {@code ServiceLoader.load(ThreadContextProvider.class, ...)} every time, which scans every jar of the
 * server's class path. That scan was about 80% of the CPU of a round trip on a bare endpoint. Neither
 * Tyrus nor Payara has a setting that avoids it: Tyrus looks the managed executor up by that JNDI name
 * when its container is built, and the service-loader call is unconditional (the concurrency resource's
 * context-info settings do not skip it).
 *
 * <p><b>What.</b> When a session opens, {@link #adopt} replaces the session's private executor with a
 * small per-session view of one shared, plain {@link ScheduledThreadPoolExecutor} whose single thread
 * comes from the server's {@link ManagedThreadFactory} (context is captured once, when that thread is
 * made). The view drops a restart whose delay is 0 while the session has no idle timeout, because the
 * task would find the timeout off and do nothing; every other task (a real timeout, the heartbeat) is
 * scheduled as before, so idle timeouts and heartbeats keep working. Cancelled timers leave the queue at
 * once (remove-on-cancel), so per-frame restarts do not pile up.
 *
 * <p><b>Where.</b> Only sessions that are Tyrus's are touched, detected at run time by class name: on
 * Undertow (WildFly) or Open Liberty {@link #adopt} returns without loading a Tyrus class, and no thread is
 * ever made. If Tyrus's field cannot be found (another Tyrus version), it logs once and stays inert.
 *
 * <p><b>Lifecycle.</b> An application-scoped bean: the shared executor is made on the first Tyrus
 * session and shut down when the application stops; sessions still open then fall back to the executor
 * Tyrus gave them. Set the MicroProfile Config key {@value #ENABLED} to
 * {@code false} to leave Tyrus as it is (for comparisons).
 */
@ApplicationScoped
public class TyrusScheduler {

    /** MicroProfile Config key: {@code false} turns the remedy off. Default {@code true}. */
    public static final String ENABLED = "yoctopus.tyrus.plainScheduler";

    /** The name prefix of the shared executor's thread. */
    public static final String THREAD_NAME = "yoctopus-tyrus-timers-";

    private static final Logger LOG = Logger.getLogger(TyrusScheduler.class.getName());
    private static final String TYRUS_PACKAGE = "org.glassfish.tyrus.";
    private static final String IDLE_TIMEOUT_TASK = "$IdleTimeoutCommand";

    @Resource
    ManagedThreadFactory threadFactory;

    private boolean enabled;
    private Field serviceField;
    private ScheduledThreadPoolExecutor shared;
    private volatile Class<?> idleTimeoutTask;

    @PostConstruct
    void configure() {
        enabled = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader())
                .getOptionalValue(ENABLED, Boolean.class).orElse(true);
    }

    @PreDestroy
    synchronized void stop() {
        enabled = false;
        if (shared != null) {
            shared.shutdownNow();
        }
    }

    /**
     * Gives a Tyrus session the plain scheduler; does nothing for any other session or when the remedy is
     * off.
     */
    public void adopt(Session session) {
        if (!enabled || !session.getClass().getName().startsWith(TYRUS_PACKAGE)) {
            return;
        }
        try {
            if (session instanceof TyrusSession tyrus) {
                adopt(tyrus);
            }
        } catch (LinkageError invisible) {
            LOG.log(Level.FINE, "Tyrus classes are not visible to the application", invisible);
        }
    }

    private void adopt(TyrusSession session) {
        Resources resources = resources();
        if (resources == null) {
            return;
        }
        try {
            ScheduledExecutorService original = (ScheduledExecutorService) resources.field().get(session);
            if (original instanceof TyrusSessionTimers) {
                return;
            }
            resources.field().set(session,
                    new TyrusSessionTimers(session, resources.executor(), original, this::isIdleTimeoutTask));
        } catch (IllegalAccessException | ClassCastException | IllegalArgumentException failure) {
            LOG.log(Level.WARNING, "cannot replace the scheduler of a Tyrus session; leaving Tyrus as it is", failure);
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
     * How many timers the shared executor has run so far (idle timeouts that fired, Tyrus heartbeats): 0 when
     * the remedy is off or no Tyrus session has opened. For monitoring, and for the test that proves an idle
     * timeout fired here rather than on the managed executor.
     */
    public synchronized long timersRun() {
        return shared == null ? 0 : shared.getCompletedTaskCount();
    }

    /** Tyrus's field and the shared executor, both made on first use; null when this Tyrus has no such field. */
    private synchronized Resources resources() {
        if (!enabled) {
            return null;
        }
        if (serviceField == null) {
            try {
                Field found = TyrusSession.class.getDeclaredField("service");
                if (found.getType() != ScheduledExecutorService.class) {
                    throw new NoSuchFieldException("TyrusSession.service is a " + found.getType());
                }
                found.setAccessible(true);
                serviceField = found;
            } catch (NoSuchFieldException | RuntimeException notThisTyrus) {
                enabled = false;
                LOG.log(Level.INFO, "this Tyrus has no scheduler field to replace; leaving Tyrus as it is", notThisTyrus);
                return null;
            }
        }
        if (shared == null) {
            AtomicInteger count = new AtomicInteger();
            shared = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = threadFactory.newThread(task);
                thread.setName(THREAD_NAME + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            shared.setRemoveOnCancelPolicy(true);
            shared.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        return new Resources(serviceField, shared);
    }

    /** Whether a task is Tyrus's idle-timeout command: by name the first time, by identity after. */
    private boolean isIdleTimeoutTask(Class<?> type) {
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

    private record Resources(Field field, ScheduledThreadPoolExecutor executor) {
    }
}
