package io.yoctopus.runtime.transport;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p><b>Lifecycle.</b> A servlet context listener: it receives the managed thread factory when the
 * application starts and shuts the shared executor down when the application stops; sessions still open
 * then fall back to the executor Tyrus gave them. Set the MicroProfile Config key {@value #ENABLED} to
 * {@code false} to leave Tyrus as it is (for comparisons).
 */
@WebListener
public final class TyrusScheduler implements ServletContextListener {

    /** MicroProfile Config key: {@code false} turns the remedy off. Default {@code true}. */
    public static final String ENABLED = "yoctopus.tyrus.plainScheduler";

    /** The name prefix of the shared executor's thread. */
    public static final String THREAD_NAME = "yoctopus-tyrus-timers-";

    private static final Logger LOG = Logger.getLogger(TyrusScheduler.class.getName());
    private static final String TYRUS_PACKAGE = "org.glassfish.tyrus.";
    private static final String IDLE_TIMEOUT_TASK = "$IdleTimeoutCommand";
    private static volatile Class<?> idleTimeoutTask;

    private static volatile ManagedThreadFactory threads;
    private static volatile boolean enabled;
    private static volatile ScheduledThreadPoolExecutor shared;
    private static volatile Field serviceField;
    private static boolean unavailable;

    @Resource
    ManagedThreadFactory threadFactory;

    /**
     * Gives a Tyrus session the plain scheduler; does nothing for any other session, when the remedy is
     * off, or before the application has started.
     */
    public static void adopt(Session session) {
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

    private static void adopt(TyrusSession session) {
        Field field = serviceField();
        ScheduledThreadPoolExecutor executor = shared();
        if (field == null || executor == null) {
            return;
        }
        try {
            ScheduledExecutorService original = (ScheduledExecutorService) field.get(session);
            if (original instanceof SessionTimers) {
                return;
            }
            field.set(session, new SessionTimers(session, executor, original));
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

    private static Field serviceField() {
        Field field = serviceField;
        if (field != null) {
            return field;
        }
        synchronized (TyrusScheduler.class) {
            if (serviceField == null && !unavailable) {
                try {
                    Field found = TyrusSession.class.getDeclaredField("service");
                    if (found.getType() != ScheduledExecutorService.class) {
                        throw new NoSuchFieldException("TyrusSession.service is a " + found.getType());
                    }
                    found.setAccessible(true);
                    serviceField = found;
                } catch (NoSuchFieldException | RuntimeException notThisTyrus) {
                    unavailable = true;
                    LOG.log(Level.INFO, "this Tyrus has no scheduler field to replace; leaving Tyrus as it is",
                            notThisTyrus);
                }
            }
            return serviceField;
        }
    }

    private static ScheduledThreadPoolExecutor shared() {
        ScheduledThreadPoolExecutor executor = shared;
        if (executor != null || threads == null) {
            return executor;
        }
        synchronized (TyrusScheduler.class) {
            if (shared == null && threads != null) {
                ManagedThreadFactory factory = threads;
                AtomicInteger count = new AtomicInteger();
                ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, task -> {
                    Thread thread = factory.newThread(task);
                    thread.setName(THREAD_NAME + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
                created.setRemoveOnCancelPolicy(true);
                created.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                shared = created;
            }
            return shared;
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        enabled = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader())
                .getOptionalValue(ENABLED, Boolean.class).orElse(true);
        threads = threadFactory;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        enabled = false;
        threads = null;
        synchronized (TyrusScheduler.class) {
            if (shared != null) {
                shared.shutdownNow();
                shared = null;
            }
        }
    }

    /**
     * One session's view of the shared executor: what Tyrus's {@code service} field holds. Skips the
     * no-op idle restarts; falls back to the session's original executor once the shared one is shut
     * down.
     */
    private static final class SessionTimers implements ScheduledExecutorService {

        private final TyrusSession session;
        private final ScheduledThreadPoolExecutor shared;
        private final ScheduledExecutorService original;

        SessionTimers(TyrusSession session, ScheduledThreadPoolExecutor shared, ScheduledExecutorService original) {
            this.session = session;
            this.shared = shared;
            this.original = original;
        }

        private ScheduledExecutorService target() {
            return shared.isShutdown() ? original : shared;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            if (delay <= 0 && session.getMaxIdleTimeout() <= 0 && isIdleTimeoutTask(task.getClass())) {
                return Skipped.INSTANCE;   // the restart of a timer that is off: the task would do nothing
            }
            return target().schedule(task, delay, unit);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
            return target().schedule(task, delay, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
            return target().scheduleAtFixedRate(task, initialDelay, period, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
            return target().scheduleWithFixedDelay(task, initialDelay, delay, unit);
        }

        @Override
        public void execute(Runnable task) {
            target().execute(task);
        }

        @Override
        public Future<?> submit(Runnable task) {
            return target().submit(task);
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            return target().submit(task, result);
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            return target().submit(task);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
            return target().invokeAll(tasks);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException {
            return target().invokeAll(tasks, timeout, unit);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
            return target().invokeAny(tasks);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return target().invokeAny(tasks, timeout, unit);
        }

        /** The shared executor belongs to the application, not to one session: a session cannot stop it. */
        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }

    /** Whether a task is Tyrus's idle-timeout command: by name the first time, by identity after. */
    private static boolean isIdleTimeoutTask(Class<?> type) {
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

    /** The future of a skipped no-op: already done, nothing to cancel. */
    private static final class Skipped implements ScheduledFuture<Object> {

        static final Skipped INSTANCE = new Skipped();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
