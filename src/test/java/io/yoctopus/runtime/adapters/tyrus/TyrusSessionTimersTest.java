package io.yoctopus.runtime.adapters.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.testing.ManualScheduler;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.core.TyrusSession;
import org.junit.jupiter.api.Test;

/** One Tyrus session's view of the shared executor: skips no-op restarts, counts timers, falls back when it stops. */
class TyrusSessionTimersTest {

    private final ManualScheduler shared = new ManualScheduler();
    private final ManualScheduler original = new ManualScheduler();
    private final AtomicInteger runs = new AtomicInteger();
    private final TyrusSession session;
    private final TyrusSessionTimers view;

    /** Stands for Tyrus's idle-timeout task, recognised by class. */
    static final class IdleTask implements Runnable {
        final AtomicInteger ran = new AtomicInteger();

        @Override
        public void run() {
            ran.incrementAndGet();
        }
    }

    TyrusSessionTimersTest() throws Exception {
        session = (TyrusSession) new InMemoryTyrus(new ManualScheduler()).open("10.0.0.9").session();
        view = new TyrusSessionTimers(session, shared, original, type -> type == IdleTask.class, runs::incrementAndGet);
    }

    @Test
    void aRestartOfAnIdleTimerThatIsOffIsSkipped() throws Exception {
        ScheduledFuture<?> skipped = view.schedule(new IdleTask(), 0, TimeUnit.MILLISECONDS);
        assertEquals(List.of(), shared.scheduled());
        assertTrue(skipped.isDone());
        assertFalse(skipped.isCancelled());
        assertFalse(skipped.cancel(true));
        assertNull(skipped.get());
        assertNull(skipped.get(1, TimeUnit.SECONDS));
        assertEquals(0, skipped.getDelay(TimeUnit.NANOSECONDS));
        assertEquals(-1, skipped.compareTo(shared.schedule(() -> { }, 5, TimeUnit.NANOSECONDS)));
        assertEquals(0, skipped.compareTo(skipped));
        view.schedule(new IdleTask(), -1, TimeUnit.MILLISECONDS);
        assertEquals(1, shared.scheduled().size(), "a negative delay is no delay either");
    }

    @Test
    void anyOtherTimerIsScheduledAndCountedWhenItRuns() {
        IdleTask withDelay = new IdleTask();
        view.schedule(withDelay, 1, TimeUnit.MILLISECONDS);
        IdleTask other = new IdleTask();
        Runnable notIdle = other::run;
        view.schedule(notIdle, 0, TimeUnit.MILLISECONDS);
        session.setMaxIdleTimeout(5_000);
        IdleTask whileTimingOut = new IdleTask();
        view.schedule(whileTimingOut, 0, TimeUnit.MILLISECONDS);
        List<ManualScheduler.Task<?>> tasks = shared.scheduled();
        assertEquals(3, tasks.size());
        ScheduledFuture<?> cancelled = view.schedule(new IdleTask(), 9, TimeUnit.MILLISECONDS);
        assertTrue(cancelled.cancel(false), "the future of the task on the shared executor");
        assertTrue(shared.scheduled().get(3).isCancelled());
        assertEquals(1, tasks.get(0).delay(TimeUnit.MILLISECONDS));
        tasks.forEach(ManualScheduler.Task::run);
        assertEquals(1, withDelay.ran.get());
        assertEquals(1, other.ran.get());
        assertEquals(1, whileTimingOut.ran.get());
        assertEquals(3, runs.get());
    }

    @Test
    void repeatedTimersAreScheduledAsAskedAndCountedAtEachRun() {
        IdleTask rate = new IdleTask();
        IdleTask delay = new IdleTask();
        ScheduledFuture<?> atRate = view.scheduleAtFixedRate(rate, 1, 2, TimeUnit.SECONDS);
        ScheduledFuture<?> withDelay = view.scheduleWithFixedDelay(delay, 3, 4, TimeUnit.SECONDS);
        ManualScheduler.Task<?> first = shared.scheduled().get(0);
        ManualScheduler.Task<?> second = shared.scheduled().get(1);
        assertSame(first, atRate);
        assertSame(second, withDelay);
        assertEquals(1, first.delay(TimeUnit.SECONDS));
        assertEquals(2, first.period(TimeUnit.SECONDS));
        assertEquals(3, second.delay(TimeUnit.SECONDS));
        assertEquals(4, second.period(TimeUnit.SECONDS));
        first.run();
        first.run();
        second.run();
        assertEquals(2, rate.ran.get());
        assertEquals(1, delay.ran.get());
        assertEquals(3, runs.get());
    }

    @Test
    void everythingElseGoesToTheSharedExecutorUncounted() throws Exception {
        Callable<String> call = () -> "called";
        ScheduledFuture<String> scheduled = view.schedule(call, 7, TimeUnit.SECONDS);
        assertEquals(7, shared.onlyPending().delay(TimeUnit.SECONDS));
        shared.onlyPending().run();
        assertEquals("called", scheduled.get());
        IdleTask executed = new IdleTask();
        view.execute(executed);
        assertEquals(1, executed.ran.get());
        assertEquals("called", view.submit(call).get());
        assertEquals("result", view.submit(() -> { }, "result").get());
        assertNull(view.submit(() -> { }).get());
        assertEquals("called", view.invokeAll(List.of(call)).get(0).get());
        assertEquals("called", view.invokeAll(List.of(call), 1, TimeUnit.SECONDS).get(0).get());
        assertEquals("called", view.invokeAny(List.of(call)));
        assertEquals("called", view.invokeAny(List.of(call), 1, TimeUnit.SECONDS));
        assertTrue(shared.executed() >= 7, "all on the shared executor: " + shared.executed());
        assertEquals(0, original.executed());
        assertEquals(0, runs.get(), "only timers are counted");
    }

    @Test
    void onceTheSharedExecutorIsShutDownTheSessionsOwnTakesOver() throws Exception {
        shared.shutdown();
        view.schedule(new IdleTask(), 1, TimeUnit.SECONDS);
        view.schedule(() -> "x", 1, TimeUnit.SECONDS);
        view.scheduleAtFixedRate(new IdleTask(), 1, 1, TimeUnit.SECONDS);
        view.scheduleWithFixedDelay(new IdleTask(), 1, 1, TimeUnit.SECONDS);
        assertEquals(4, original.scheduled().size());
        view.execute(new IdleTask());
        assertEquals("x", view.submit(() -> "x").get());
        assertEquals(2, original.executed());
    }

    @Test
    void aSessionCannotStopTheSharedExecutor() throws Exception {
        view.shutdown();
        assertEquals(List.of(), view.shutdownNow());
        assertFalse(shared.isShutdown());
        assertFalse(view.isShutdown());
        assertFalse(view.isTerminated());
        assertFalse(view.awaitTermination(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void theSkippedFutureIsOne() {
        assertSame(view.schedule(new IdleTask(), 0, TimeUnit.SECONDS), view.schedule(new IdleTask(), 0, TimeUnit.SECONDS));
        Delayed later = shared.schedule(() -> { }, 1, TimeUnit.SECONDS);
        assertTrue(view.schedule(new IdleTask(), 0, TimeUnit.SECONDS).compareTo(later) < 0);
    }
}
