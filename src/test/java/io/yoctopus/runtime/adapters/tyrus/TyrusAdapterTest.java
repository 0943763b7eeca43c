package io.yoctopus.runtime.adapters.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.yoctopus.runtime.testing.FakeSession;
import io.yoctopus.runtime.testing.ManualScheduler;
import io.yoctopus.runtime.testing.Quietly;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Filter;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.glassfish.tyrus.core.TyrusEndpointWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Tyrus adapter as the transport uses it, on Tyrus's engine in memory: each of its parts reached. */
class TyrusAdapterTest {

    private final ManualScheduler plain = new ManualScheduler();
    private final Fields fields = new Fields();
    private final Logger wrapperLogger = Logger.getLogger(TyrusOverflow.WRAPPER_LOGGER);
    private final Filter original = wrapperLogger.getFilter();
    private final InMemoryTyrus tyrus;

    TyrusAdapterTest() throws Exception {
        tyrus = new InMemoryTyrus(new ManualScheduler());
    }

    @AfterEach
    void restore() {
        wrapperLogger.setFilter(original);
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    private TyrusAdapter adapter() {
        return new TyrusAdapter(plain, config(Map.of()));
    }

    @Test
    void itsNameSaysWhetherTheTimersMoved() {
        assertEquals("Tyrus (timers on the plain scheduler)", adapter().name());
        assertEquals("Tyrus", new TyrusAdapter(plain, config(Map.of("yoctopus.tyrus.plainScheduler", "false"))).name());
    }

    @Test
    void startedItBoundsTheEngineAndAnswersAnOverflowWith1009UntilStopped() {
        TyrusAdapter adapter = adapter();
        adapter.started(tyrus.serverContainer(), 100);
        assertTrue(wrapperLogger.getFilter() != original, "the overflow's stack trace is filtered");
        tyrus.onClose((session, reason) -> adapter.replaceClose(session, reason));
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9");
        Quietly.run(TyrusEndpointWrapper.class,
                () -> opened.connection().getReadHandler().handle(ByteBuffer.allocate(115)));
        assertFalse(opened.session().isOpen(), "past 100 bytes and a frame header");
        assertEquals(1009, InMemoryTyrus.closeCode(opened.writer().frames.get(0)));
        adapter.stop();
        assertSame(original, wrapperLogger.getFilter());
    }

    @Test
    void anOpenedTyrusSessionGetsThePlainTimersAndOthersAreLeft() {
        TyrusAdapter adapter = adapter();
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9");
        adapter.opened(opened.session());
        assertInstanceOf(TyrusSessionTimers.class, fields.read(opened.session(), "service"));
        adapter.opened(new FakeSession("s"));   // not Tyrus's: nothing to do
    }

    @Test
    void onlyTyrusesOverflowCloseIsReplaced() {
        TyrusAdapter adapter = adapter();
        adapter.started(tyrus.serverContainer(), 100);
        assertEquals(Optional.empty(), adapter.replaceClose(new FakeSession("s"),
                new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye")));
        assertEquals(1009, adapter.replaceClose(new FakeSession("s"),
                new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Buffer overflow.")).orElseThrow()
                .getCloseCode().getCode());
        adapter.stop();
    }

    @Test
    void aClosedSessionsBuffersAreReleasedASecondLaterAndCounted() {
        TyrusAdapter adapter = adapter();
        TyrusBuffersTest.ServletWriter writer = new TyrusBuffersTest.ServletWriter();
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9", writer);
        writer.tyrusHttpUpgradeHandler.buf = ByteBuffer.allocate(0);
        adapter.closed(opened.session());
        ManualScheduler.Task<?> release = plain.onlyPending();
        assertEquals(TyrusBuffers.RELEASE_DELAY_MS, release.delay(TimeUnit.MILLISECONDS));
        release.run();
        assertNull(writer.tyrusHttpUpgradeHandler.buf);
        assertEquals(Map.of("tyrus.timersRun", 0L, "tyrus.readBuffersReleased", 1L), adapter.statistics());
    }

    @Test
    void theTimersThatRanAreCounted() {
        TyrusAdapter adapter = adapter();
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9");
        adapter.opened(opened.session());
        opened.session().setMaxIdleTimeout(1_000);
        plain.onlyPending().run();
        assertEquals(1L, adapter.statistics().get("tyrus.timersRun"));
    }
}
