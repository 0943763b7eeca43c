package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.testing.RecordingThreads;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The worker pool of the Vert.x transport: its threads come from the given factory, and stopping ends them. */
class WorkerPoolTest {

    @Test
    void tasksRunOnNamedDaemonThreadsOfTheFactory() throws Exception {
        RecordingThreads factory = new RecordingThreads();
        WorkerPool pool = new WorkerPool(2, factory);
        BlockingQueue<Thread> ran = new LinkedBlockingQueue<>();
        CountDownLatch both = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                ran.add(Thread.currentThread());
                both.countDown();
                awaitQuietly(release);
            });
        }
        // two tasks run at once: the pool has two threads, not one
        assertTrue(both.await(10, TimeUnit.SECONDS));
        release.countDown();
        Thread first = ran.take();
        Thread second = ran.take();
        assertTrue(factory.made().contains(first) && factory.made().contains(second));
        assertEquals(List.of("yoctopus-worker-1", "yoctopus-worker-2"),
                factory.made().stream().map(Thread::getName).sorted().toList());
        assertTrue(first.isDaemon() && second.isDaemon());
        pool.stop();
        assertTrue(pool.stopped());
    }

    @Test
    void stoppingLetsATaskInProgressFinishAndRefusesNewOnes() throws Exception {
        WorkerPool pool = new WorkerPool(1, new RecordingThreads());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            sleepQuietly(200);
            finished.countDown();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertFalse(pool.stopped());
        pool.stop();
        assertEquals(0, finished.getCount(), "the task in progress finished before stop() returned");
        assertTrue(pool.stopped());
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }

    /** A task that outlasts the grace period is interrupted, and stop() returns after the grace, not after it. */
    @Test
    void aTaskPastTheGraceIsInterrupted() throws Exception {
        long grace = 200;
        WorkerPool pool = new WorkerPool(1, new RecordingThreads(), grace);
        CountDownLatch interrupted = sleepUntilInterrupted(pool);
        long start = System.nanoTime();
        pool.stop();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis >= grace - 20, "waited the grace: " + tookMillis + " ms");
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
    }

    /** Interrupted while it waits, stop() ends the tasks at once and keeps the interrupt for its caller. */
    @Test
    void anInterruptedStopEndsTheTasksAndKeepsTheInterrupt() throws Exception {
        WorkerPool pool = new WorkerPool(1, new RecordingThreads());
        CountDownLatch interrupted = sleepUntilInterrupted(pool);
        Thread.currentThread().interrupt();
        pool.stop();
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
    }

    /** Runs a task that sleeps until it is interrupted; returns once it runs, with the latch its interrupt opens. */
    private static CountDownLatch sleepUntilInterrupted(WorkerPool pool) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            } catch (InterruptedException expected) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        return interrupted;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
