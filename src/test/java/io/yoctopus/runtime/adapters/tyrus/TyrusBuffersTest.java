package io.yoctopus.runtime.adapters.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.testing.FakeSession;
import io.yoctopus.runtime.testing.ManualScheduler;
import io.yoctopus.runtime.testing.Quietly;
import jakarta.websocket.CloseReason;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.core.TyrusEndpointWrapper;
import org.glassfish.tyrus.spi.ServerContainer;
import org.junit.jupiter.api.Test;

/**
 * Tyrus's read buffers bounded by the framework's limit and let go after a close, on Tyrus's own engine in memory
 * ({@link InMemoryTyrus}). The servlet container's part of the chain (its writer and upgrade handler, which keep
 * the last chunk read) is stood in for by objects with the same field names.
 */
class TyrusBuffersTest {

    private final ManualScheduler timers = new ManualScheduler();
    private final Fields fields = new Fields();
    private final TyrusBuffers buffers = new TyrusBuffers(fields, timers);
    private final InMemoryTyrus tyrus;

    TyrusBuffersTest() throws Exception {
        tyrus = new InMemoryTyrus(timers);
    }

    /** The servlet container's writer, as Tyrus's servlet module has it: it knows the connection's upgrade handler. */
    static final class ServletWriter extends InMemoryTyrus.FrameWriter {
        final UpgradeHandler tyrusHttpUpgradeHandler = new UpgradeHandler();
    }

    /** The upgrade handler: the last chunk read from the socket, and the engine's connection. */
    static final class UpgradeHandler {
        ByteBuffer buf;
        Object connection;
    }

    @Test
    void theEnginesBufferIsBoundedToOneFrameOfTheLimit() {
        List<CloseReason> reported = new CopyOnWriteArrayList<>();
        tyrus.onClose((session, reason) -> reported.add(reason));
        assertTrue(buffers.bound(tyrus.serverContainer(), 1_000));

        InMemoryTyrus.Opened within = tyrus.open("10.0.0.9");
        ByteBuffer chunk = ByteBuffer.allocate(1_014)
                .put(InMemoryTyrus.clientFrame(0x2, new byte[1_000]))                  // 1,008 bytes
                .put(InMemoryTyrus.clientFrame(0x2, new byte[10]).limit(6)).flip();   // and the start of the next
        within.connection().getReadHandler().handle(chunk);
        assertTrue(within.session().isOpen(), "1,014 bytes read at once: the limit and the largest frame header");

        InMemoryTyrus.Opened past = tyrus.open("10.0.0.9");
        Quietly.run(TyrusEndpointWrapper.class, () -> past.connection().getReadHandler().handle(ByteBuffer.allocate(1_015)));
        assertFalse(past.session().isOpen(), "one byte more: Tyrus refuses the read");
        assertEquals(List.of("1011 Buffer overflow."),
                reported.stream().map(r -> r.getCloseCode().getCode() + " " + r.getReasonPhrase()).toList());
    }

    @Test
    void anythingButTyrusIsLeftAlone() {
        assertFalse(buffers.bound("not a container", 1_000));
        ServerContainer withoutEngine = (ServerContainer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServerContainer.class}, (proxy, method, args) -> null);
        assertFalse(buffers.bound(withoutEngine, 1_000));
    }

    @Test
    void afterACloseBothReadBuffersAreLetGo() {
        ServletWriter writer = new ServletWriter();
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9", writer);
        opened.receive(0x2, new byte[500]);
        Object readHandler = fields.read(opened.connection(), "readHandler");
        assertNotNull(fields.read(readHandler, "buffer"), "Tyrus keeps the buffer of its last frame");
        writer.tyrusHttpUpgradeHandler.connection = opened.connection();
        writer.tyrusHttpUpgradeHandler.buf = ByteBuffer.allocate(508).position(508);

        assertEquals(2, buffers.releaseNow(opened.session()));
        assertNull(fields.read(readHandler, "buffer"));
        assertNull(writer.tyrusHttpUpgradeHandler.buf);
        assertEquals(2, buffers.released());
        assertEquals(0, buffers.releaseNow(opened.session()), "nothing left to let go");
        assertEquals(2, buffers.released());
    }

    @Test
    void aBufferWithUnreadDataIsKept() {
        ServletWriter writer = new ServletWriter();
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9", writer);
        ByteBuffer partial = ByteBuffer.allocate(100).position(40);
        writer.tyrusHttpUpgradeHandler.buf = partial;
        writer.tyrusHttpUpgradeHandler.connection = opened.connection();
        opened.receive(0x2, new byte[10]);
        assertEquals(1, buffers.releaseNow(opened.session()), "the read handler's only");
        assertSame(partial, writer.tyrusHttpUpgradeHandler.buf);
        assertEquals(1, buffers.released());
    }

    @Test
    void aChainThatIsNotTyrusServletsReleasesNothing() {
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9");
        opened.receive(0x2, new byte[10]);
        assertEquals(0, buffers.releaseNow(opened.session()), "a writer without an upgrade handler");
        assertEquals(0, buffers.releaseNow(new FakeSession("s")));
        assertEquals(0, buffers.released());
    }

    @Test
    void theReleaseWaitsASecondForTheReadingThreadToReturn() {
        ServletWriter writer = new ServletWriter();
        InMemoryTyrus.Opened opened = tyrus.open("10.0.0.9", writer);
        writer.tyrusHttpUpgradeHandler.buf = ByteBuffer.allocate(0);
        int before = timers.scheduled().size();
        buffers.release(opened.session());
        ManualScheduler.Task<?> release = timers.scheduled().get(before);
        assertEquals(TyrusBuffers.RELEASE_DELAY_MS, release.delay(TimeUnit.MILLISECONDS));
        assertNotNull(writer.tyrusHttpUpgradeHandler.buf, "not yet");
        release.run();
        assertNull(writer.tyrusHttpUpgradeHandler.buf);
    }

    @Test
    void aStoppingApplicationReleasesNothing() {
        timers.shutdown();
        Quietly.run(TyrusBuffers.class, () -> buffers.release(new FakeSession("s")));
        assertEquals(0, buffers.released());
    }
}
