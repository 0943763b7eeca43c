package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How {@link Fragments} joins fragmented messages and holds the size limits, counted in UTF-8 bytes for text. */
class FragmentsTest {

    private static final int MAX = 10;

    private final Fragments fragments = new Fragments(MAX, MAX);

    @Test
    void anUnfragmentedTextMessageIsPassedOnAsItIs() throws Fragments.TooBig {
        String message = "0123456789";
        assertSame(message, fragments.text(message, true));
    }

    @Test
    void textFragmentsAreJoinedWhenTheLastArrives() throws Fragments.TooBig {
        assertNull(fragments.text("ab", false));
        assertNull(fragments.text("", false));
        assertNull(fragments.text("cd", false));
        assertEquals("abcde", fragments.text("e", true));
        assertEquals("next", fragments.text("next", true), "the next message starts afresh");
    }

    @Test
    void theTextLimitCountsUtf8Bytes() throws Fragments.TooBig {
        assertEquals("€€€", fragments.text("€€€", true), "9 bytes");
        Fragments.TooBig tooBig = assertThrows(Fragments.TooBig.class, () -> fragments.text("€€€€", true));
        assertEquals("a text message may have at most 10 bytes", tooBig.getMessage());
        assertEquals(12, Fragments.utf8Length("😀😀a€"), "4 + 4 + 1 + 3");
        assertEquals("😀😀a€".getBytes(StandardCharsets.UTF_8).length, Fragments.utf8Length("😀😀a€"));
        assertEquals("ñ".getBytes(StandardCharsets.UTF_8).length, Fragments.utf8Length("ñ"));
    }

    @Test
    void aSurrogatePairSplitAcrossFragmentsCountsFourBytes() throws Fragments.TooBig {
        assertNull(fragments.text("123456", false));
        assertNull(fragments.text("\uD83D", false));
        assertEquals("123456😀", fragments.text("\uDE00", true), "6 + 4 bytes: the limit");
        assertNull(fragments.text("1234567", false));
        assertNull(fragments.text("\uD83D", false));
        assertThrows(Fragments.TooBig.class, () -> fragments.text("\uDE00", true), "7 + 4 bytes");
    }

    @Test
    void fragmentsThatTogetherPassTheLimitAreRefusedBeforeTheLastArrives() throws Fragments.TooBig {
        assertNull(fragments.text("012345", false));
        assertThrows(Fragments.TooBig.class, () -> fragments.text("€€", false), "6 + 6 bytes");
        // on a real connection the bridge closes it here and ignores the rest of the refused message
        assertEquals("fresh", fragments.text("fresh", true), "what was buffered is dropped");
        assertNull(fragments.text("01234", false));
        assertEquals("0123456789", fragments.text("56789", true), "exactly the limit");
    }

    @Test
    void binaryFragmentsAreJoinedAndLimited() throws Fragments.TooBig {
        assertArrayEquals(new byte[] {1, 2, 3}, fragments.binary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true));
        assertNull(fragments.binary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), false));
        assertNull(fragments.binary(ByteBuffer.allocate(0), false));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                fragments.binary(ByteBuffer.wrap(new byte[] {5, 6, 7, 8, 9, 10}), true));

        assertNull(fragments.binary(ByteBuffer.allocate(6), false));
        Fragments.TooBig tooBig = assertThrows(Fragments.TooBig.class,
                () -> fragments.binary(ByteBuffer.allocate(5), false));
        assertEquals("a binary message may have at most 10 bytes", tooBig.getMessage());
        assertThrows(Fragments.TooBig.class, () -> fragments.binary(ByteBuffer.allocate(11), true));
        assertArrayEquals(new byte[] {7}, fragments.binary(ByteBuffer.wrap(new byte[] {7}), true), "afresh after");
    }

    @Test
    void aBinaryFragmentIsReadFromItsPositionToItsLimit() throws Fragments.TooBig {
        ByteBuffer part = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 0});
        part.position(1).limit(4);
        assertNull(fragments.binary(part, false));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, fragments.binary(ByteBuffer.wrap(new byte[] {4}), true));
    }

    @Test
    void utf8LengthsAtTheEdgesOfEachWidth() {
        assertEquals(1, Fragments.utf8Length("\u007f"));
        assertEquals(2, Fragments.utf8Length("\u0080"));
        assertEquals(2, Fragments.utf8Length("\u07ff"));
        assertEquals(3, Fragments.utf8Length("\u0800"));
        assertEquals(3, Fragments.utf8Length("\uffff"));
    }

    @Test
    void manyBinaryFragmentsGrowTheBufferAsTheyCome() throws Fragments.TooBig {
        Fragments large = new Fragments(MAX, 100_000);
        byte[] expected = new byte[3_000];
        for (int i = 0; i < 30; i++) {
            byte[] part = new byte[100];
            java.util.Arrays.fill(part, (byte) i);
            System.arraycopy(part, 0, expected, i * 100, 100);
            assertNull(large.binary(ByteBuffer.wrap(part), false));
        }
        assertArrayEquals(expected, large.binary(ByteBuffer.allocate(0), true));
        assertNull(large.binary(ByteBuffer.allocate(10), false));
        assertEquals(5_010, large.binary(ByteBuffer.allocate(5_000), true).length, "a fragment larger than the buffer");
    }

    @Test
    void binaryFragmentsMayFillTheLimitExactly() throws Fragments.TooBig {
        Fragments large = new Fragments(MAX, 1_000);
        assertNull(large.binary(ByteBuffer.allocate(300), false));
        assertNull(large.binary(ByteBuffer.allocate(300), false));
        assertEquals(1_000, large.binary(ByteBuffer.allocate(400), true).length);
        assertNull(large.binary(ByteBuffer.allocate(999), false));
        assertThrows(Fragments.TooBig.class, () -> large.binary(ByteBuffer.allocate(2), true));
    }
}
