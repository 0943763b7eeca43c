package io.yoctopus.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduled executor whose time the test keeps: scheduled tasks wait until the test runs them, so that a
 * deadline or a timer tick happens exactly when the test says, never by the wall clock. Tasks to run now
 * ({@code execute}, {@code submit}) run at once on the caller's thread. Once shut down it refuses new tasks, as
 * a real one does.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final List<Task<?>> tasks = new CopyOnWriteArrayList<>();
    private final AtomicInteger executed = new AtomicInteger();
    private volatile boolean shutdown;

    /** A scheduled task: one-shot, or repeated until cancelled. */
    public final class Task<V> implements ScheduledFuture<V> {
        private final Callable<V> work;
        private final long delayNanos;
        private final long periodNanos;
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile V result;
        private volatile int runs;

        Task(Callable<V> work, long delayNanos, long periodNanos) {
            this.work = work;
            this.delayNanos = delayNanos;
            this.periodNanos = periodNanos;
        }

        /** Runs it now, as the timer would at its time. */
        public void run() {
            if (cancelled || done) {
                throw new AssertionError("the task was cancelled or has run already");
            }
            try {
                result = work.call();
            } catch (Exception failure) {
                throw new AssertionError(failure);
            }
            runs++;
            done = periodNanos == 0;
        }

        /** The delay it was scheduled with (the first delay of a repeated task). */
        public long delay(TimeUnit unit) {
            return unit.convert(delayNanos, TimeUnit.NANOSECONDS);
        }

        /** The period of a repeated task, 0 for a one-shot one. */
        public long period(TimeUnit unit) {
            return unit.convert(periodNanos, TimeUnit.NANOSECONDS);
        }

        public int runs() {
            return runs;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return delay(unit);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(delayNanos, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() {
            if (!done) {
                throw new AssertionError("a manual task is not waited for");
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) {
            return get();
        }
    }

    /** The tasks scheduled and neither cancelled nor done, oldest first. */
    public List<Task<?>> pending() {
        List<Task<?>> pending = new ArrayList<>();
        for (Task<?> task : tasks) {
            if (!task.isDone()) {
                pending.add(task);
            }
        }
        return pending;
    }

    /** Every task ever scheduled, oldest first. */
    public List<Task<?>> scheduled() {
        return List.copyOf(tasks);
    }

    /** The one pending task; fails unless there is exactly one. */
    public Task<?> onlyPending() {
        List<Task<?>> pending = pending();
        if (pending.size() != 1) {
            throw new AssertionError("expected one pending task, found " + pending.size());
        }
        return pending.get(0);
    }

    /** The one task ever scheduled; fails unless there is exactly one. */
    public Task<?> onlyScheduled() {
        if (tasks.size() != 1) {
            throw new AssertionError("expected one scheduled task, found " + tasks.size());
        }
        return tasks.get(0);
    }

    /** How many tasks ran at once through {@code execute} (and so {@code submit}, {@code invokeAll}, ...). */
    public int executed() {
        return executed.get();
    }

    private <V> Task<V> add(Callable<V> work, long delay, long period, TimeUnit unit) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        Task<V> task = new Task<>(work, unit.toNanos(delay), unit.toNanos(period));
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(Executors.callable(command), delay, 0, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, delay, 0, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(Executors.callable(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(Executors.callable(command), initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        executed.incrementAndGet();
        command.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
