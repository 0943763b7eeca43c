package io.yoctopus.runtime.adapters.tyrus;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.testing.CapturedLog;
import io.yoctopus.runtime.testing.FakeSession;
import io.yoctopus.runtime.testing.ManualScheduler;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A frame past Tyrus's buffer answered with 1009 and no stack trace, on Tyrus's own engine in memory: what Tyrus
 * logs and how it closes are Tyrus's, not a copy of them.
 */
class TyrusOverflowTest {

    private static final CloseReason TYRUS_CLOSE =
            new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Buffer overflow.");

    private final Logger wrapperLogger = Logger.getLogger(TyrusOverflow.WRAPPER_LOGGER);
    private final Filter original = wrapperLogger.getFilter();
    private final TyrusOverflow overflow = new TyrusOverflow(new Fields());

    @AfterEach
    void restore() {
        overflow.uninstall();
        wrapperLogger.setFilter(original);
    }

    private static LogRecord record(String message, Throwable thrown) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setThrown(thrown);
        return record;
    }

    private static final LogRecord OVERFLOW = record("Unexpected error, closing connection.",
            new IllegalArgumentException("Buffer overflow."));

    private boolean loggable(LogRecord record) {
        Filter filter = wrapperLogger.getFilter();
        return filter == null || filter.isLoggable(record);
    }

    @Test
    void anOverflowIsTyrusesIllegalArgumentWithItsMessage() {
        assertTrue(TyrusOverflow.isOverflow(new IllegalArgumentException("Buffer overflow.")));
        assertFalse(TyrusOverflow.isOverflow(new IllegalArgumentException("Buffer overflow")));
        assertFalse(TyrusOverflow.isOverflow(new IllegalStateException("Buffer overflow.")));
        assertFalse(TyrusOverflow.isOverflow(null));
    }

    @Test
    void installedOnlyTheOverflowsRecordIsDropped() {
        assertTrue(loggable(OVERFLOW));
        overflow.install(1_000);
        assertFalse(loggable(OVERFLOW));
        assertTrue(loggable(record("another failure", new IllegalArgumentException("bad"))));
        assertTrue(loggable(record("no exception", null)));
        overflow.uninstall();
        assertTrue(loggable(OVERFLOW), "uninstalled");
    }

    @Test
    void theFilterTyrusesLoggerHadStillDecidesAndComesBack() {
        Filter previous = record -> !record.getMessage().contains("secret");
        wrapperLogger.setFilter(previous);
        overflow.install(1_000);
        assertFalse(loggable(OVERFLOW));
        assertFalse(loggable(record("a secret", null)));
        assertTrue(loggable(record("anything else", null)));
        overflow.uninstall();
        assertSame(previous, wrapperLogger.getFilter());
    }

    @Test
    void installingAgainKeepsOneFilterAndTakesTheNewLimit() {
        overflow.install(1_000);
        Filter installed = wrapperLogger.getFilter();
        overflow.install(2_000);
        assertSame(installed, wrapperLogger.getFilter());
        assertEquals("a frame may have at most 2000 bytes",
                overflow.replace(new FakeSession("s"), TYRUS_CLOSE).orElseThrow().getReasonPhrase());
    }

    @Test
    void aFilterSomeoneElseSetMeanwhileIsLeftAndAFreshInstallWorks() {
        overflow.install(1_000);
        Filter theirs = record -> true;
        wrapperLogger.setFilter(theirs);
        overflow.uninstall();
        assertSame(theirs, wrapperLogger.getFilter());
        overflow.install(1_000);
        assertFalse(loggable(OVERFLOW), "installed again after the uninstall");
    }

    @Test
    void onlyTyrusesOverflowCloseIsReplaced() {
        FakeSession session = new FakeSession("s");
        assertEquals(Optional.empty(), overflow.replace(session, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                "another problem")));
        assertEquals(Optional.empty(), overflow.replace(session, new CloseReason(CloseReason.CloseCodes.TOO_BIG,
                "Buffer overflow.")));
        assertEquals(Optional.empty(), overflow.replace(session, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE,
                "")));
        overflow.install(1_000);
        CloseReason replaced = overflow.replace(session, TYRUS_CLOSE).orElseThrow();
        assertEquals(1009, replaced.getCloseCode().getCode());
        assertEquals("a frame may have at most 1000 bytes", replaced.getReasonPhrase());
    }

    @Test
    void onTyrusTheClientGets1009AndTheLogNoStackTrace() throws Exception {
        InMemoryTyrus tyrus = new InMemoryTyrus(new ManualScheduler());
        new TyrusBuffers(new Fields(), new ManualScheduler()).bound(tyrus.serverContainer(), 100);
        overflow.install(100);
        List<CloseReason> reported = new CopyOnWriteArrayList<>();
        tyrus.onClose((session, reason) -> reported.add(overflow.replace(session, reason).orElse(reason)));
        try (CapturedLog log = CapturedLog.of(TyrusOverflow.WRAPPER_LOGGER, Level.ALL)) {
            InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9");
            opened.connection().getReadHandler().handle(ByteBuffer.allocate(200));
            assertFalse(opened.session().isOpen());
            assertEquals(1009, InMemoryTyrus.closeCode(opened.writer().frames.get(0)), "the first and only close frame");
            // Tyrus reports the close again for the 1009 frame sent from within its report: 1009 both times
            assertEquals(Set.of("1009 a frame may have at most 100 bytes"),
                    reported.stream().map(r -> r.getCloseCode().getCode() + " " + r.getReasonPhrase()).collect(toSet()));
            assertEquals(List.of(), log.records().stream().filter(r -> TyrusOverflow.isOverflow(r.getThrown())).toList());
        }
    }
}
