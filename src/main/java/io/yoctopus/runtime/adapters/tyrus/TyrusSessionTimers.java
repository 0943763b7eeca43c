package io.yoctopus.runtime.adapters.tyrus;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * One session's view of the shared executor: what Tyrus's {@code service} field holds. Skips the no-op idle
 * restarts, counts the timers that run, and falls back to the session's original executor once the shared one
 * is shut down.
 */
final class TyrusSessionTimers implements ScheduledExecutorService {

    private final TyrusSession session;
    private final ScheduledExecutorService shared;
    private final ScheduledExecutorService original;
    private final Predicate<Class<?>> isIdleTimeoutTask;
    private final Runnable countRun;

    TyrusSessionTimers(TyrusSession session, ScheduledExecutorService shared, ScheduledExecutorService original,
            Predicate<Class<?>> isIdleTimeoutTask, Runnable countRun) {
        this.session = session;
        this.shared = shared;
        this.original = original;
        this.isIdleTimeoutTask = isIdleTimeoutTask;
        this.countRun = countRun;
    }

    /** The task, counted when it runs. */
    private Runnable counted(Runnable task) {
        return () -> {
            countRun.run();
            task.run();
        };
    }

    private ScheduledExecutorService target() {
        return shared.isShutdown() ? original : shared;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        if (delay <= 0 && session.getMaxIdleTimeout() <= 0 && isIdleTimeoutTask.test(task.getClass())) {
            return Skipped.INSTANCE;   // the restart of a timer that is off: the task would do nothing
        }
        return target().schedule(counted(task), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        return target().schedule(task, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return target().scheduleAtFixedRate(counted(task), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return target().scheduleWithFixedDelay(counted(task), initialDelay, delay, unit);
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
