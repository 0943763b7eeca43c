package io.yoctopus.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An executor for unit tests that keeps the tasks it is given until the test runs them, on the test's thread, in the
 * order they came ({@link #runNext}, {@link #runAll}); or refuses them once {@link #stop()}ped, as a worker pool
 * that has stopped. Thread-safe: tasks may be handed over from any thread (an event loop, say).
 */
public final class HeldTasks implements Executor {

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private volatile boolean stopped;

    @Override
    public void execute(Runnable task) {
        if (stopped) {
            throw new RejectedExecutionException("stopped");
        }
        tasks.add(task);
    }

    /** From now on, refuses every task. */
    public void stop() {
        stopped = true;
    }

    /** How many tasks wait to be run. */
    public int waiting() {
        return tasks.size();
    }

    /** Runs the tasks waiting now, and those they hand over, until none is left. */
    public void runAll() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
    }

    /** Waits up to {@link RecordingSink#WAIT} for the next task and runs it; fails naming {@code what} if none came. */
    public void runNext(String what) throws InterruptedException {
        Runnable task = tasks.poll(RecordingSink.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(task, "nothing handed over: " + what);
        task.run();
    }
}
