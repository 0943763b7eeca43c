package io.yoctopus.runtime.adapters.tyrus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.testing.ManualScheduler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.core.TyrusSession;
import org.junit.jupiter.api.Test;

/**
 * Tyrus sessions' idle timers moved off the container's executor, on real sessions of Tyrus's engine in memory:
 * the container's executor is the one {@link InMemoryTyrus} gives them, the plain one the framework's.
 */
class TyrusTimersTest {

    private final ManualScheduler container = new ManualScheduler();
    private final ManualScheduler plain = new ManualScheduler();
    private final Fields fields = new Fields();
    private final InMemoryTyrus tyrus;

    TyrusTimersTest() throws Exception {
        tyrus = new InMemoryTyrus(container);
    }

    private TyrusSession open() {
        return (TyrusSession) tyrus.open("10.0.0.9").session();
    }

    /** A class named as Tyrus names its idle-timeout task, and another of the same simple name. */
    static final class IdleTimeoutCommand {
    }

    static final class Elsewhere {
        static final class IdleTimeoutCommand {
        }
    }

    @Test
    void itIsActiveWhenEnabledAndThisTyrusHasTheField() {
        assertTrue(new TyrusTimers(plain, true).active());
        assertFalse(new TyrusTimers(plain, false).active());
    }

    @Test
    void anAdoptedSessionSchedulesOnThePlainExecutorAndSkipsTheNoOpRestarts() {
        TyrusTimers timers = new TyrusTimers(plain, true);
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9");
        TyrusSession session = (TyrusSession) opened.session();
        int containerTasks = container.scheduled().size();
        timers.adopt(session);
        assertInstanceOf(TyrusSessionTimers.class, fields.read(session, "service"));
        for (int i = 0; i < 10; i++) {
            opened.receive(0x9, new byte[0]);   // pings: each restarts the idle timer
        }
        assertEquals(List.of(), plain.scheduled(), "no idle timeout: every restart is a no-op, skipped");
        assertEquals(containerTasks, container.scheduled().size(), "and none reaches the container's executor");

        session.setMaxIdleTimeout(1_000);
        ManualScheduler.Task<?> idle = plain.onlyPending();
        assertEquals(1_000, idle.delay(TimeUnit.MILLISECONDS));
        assertEquals(0, timers.timersRun());
        idle.run();
        assertFalse(session.isOpen(), "the idle timeout fired, on the plain executor");
        assertEquals(1, timers.timersRun());
        assertEquals(containerTasks, container.scheduled().size());
    }

    @Test
    void theIdleTimerASessionStartedWithMovesToThePlainExecutor() throws Exception {
        ManualScheduler managed = new ManualScheduler();
        TyrusSession session = (TyrusSession) new InMemoryTyrus(managed, 30_000).open("10.0.0.9").session();
        ManualScheduler.Task<?> started = managed.onlyPending();
        assertEquals(30_000, started.delay(TimeUnit.MILLISECONDS), "the container's default idle timeout");
        new TyrusTimers(plain, true).adopt(session);
        assertTrue(started.isCancelled(), "restarted");
        assertEquals(30_000, plain.onlyPending().delay(TimeUnit.MILLISECONDS));
        assertEquals(List.of(), managed.pending());
    }

    @Test
    void aSessionIsAdoptedOnce() {
        TyrusTimers timers = new TyrusTimers(plain, true);
        TyrusSession session = open();
        timers.adopt(session);
        Object view = fields.read(session, "service");
        timers.adopt(session);
        assertSame(view, fields.read(session, "service"));
    }

    @Test
    void turnedOffItLeavesSessionsAlone() {
        TyrusSession session = open();
        Object original = fields.read(session, "service");
        new TyrusTimers(plain, false).adopt(session);
        assertSame(original, fields.read(session, "service"));
        session.setMaxIdleTimeout(1_000);
        assertEquals(List.of(), plain.scheduled());
    }

    @Test
    void aSessionThatClosedWhileOpeningIsAdoptedQuietly() throws Exception {
        TyrusSession session = open();
        session.close();
        assertDoesNotThrow(() -> new TyrusTimers(plain, true).adopt(session));
    }

    @Test
    void theIdleTimeoutTaskIsKnownByNameTheFirstTimeThenByIdentity() {
        TyrusTimers timers = new TyrusTimers(plain, true);
        assertFalse(timers.isIdleTimeoutTask(Runnable.class));
        assertTrue(timers.isIdleTimeoutTask(IdleTimeoutCommand.class));
        assertTrue(timers.isIdleTimeoutTask(IdleTimeoutCommand.class));
        assertFalse(timers.isIdleTimeoutTask(Elsewhere.IdleTimeoutCommand.class), "the known class only, now");
    }
}
