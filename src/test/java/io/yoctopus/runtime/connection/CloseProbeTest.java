package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The ping that confirms a client has read up to a close: each one a writable heap buffer of its own (Open
 * Liberty cannot send a read-only one), with the probe's payload.
 */
class CloseProbeTest {

    @Test
    void eachProbeIsAWritableHeapCopyOfThePayload() {
        ByteBuffer probe = Outbox.closeProbe();
        assertFalse(probe.isReadOnly());
        assertTrue(probe.hasArray());
        assertEquals(0, probe.position());
        assertEquals(Outbox.CLOSE_PROBE, probe);
        assertEquals("yoctopus:close".length(), probe.remaining());
    }

    @Test
    void probesShareNothing() {
        ByteBuffer first = Outbox.closeProbe();
        first.get(new byte[first.remaining()]);   // a container consumed it
        ByteBuffer second = Outbox.closeProbe();
        assertNotSame(first, second);
        assertEquals(Outbox.CLOSE_PROBE, second);
        assertEquals(Outbox.CLOSE_PROBE.remaining(), Outbox.CLOSE_PROBE.duplicate().remaining(), "the original is untouched");
    }
}
