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

    @Test
    void unfragmentedMessagesMayHaveExactlyTheLimit() throws Exception {
        assertEquals("€€€a", fragments.text("€€€a", true), "4 chars, 10 bytes");
        assertEquals(10, fragments.binary(ByteBuffer.allocate(10), true).length);
        assertEquals("0123456789", fragments.utf8(ascii("0123456789"), true));
        assertEquals("€€€a", fragments.utf8(utf8("€€€a"), true));
        Fragments.TooBig tooBig = assertThrows(Fragments.TooBig.class,
                () -> fragments.utf8(ascii("0123456789x"), true));
        assertEquals("a text message may have at most 10 bytes", tooBig.getMessage());
    }

    @Test
    void utf8TextIsDecodedWhetherAsciiOrNot() throws Exception {
        assertEquals("", fragments.utf8(ascii(""), true));
        assertEquals("café", fragments.utf8(utf8("café"), true));
        assertEquals("é", fragments.utf8(utf8("é"), true), "no byte of it is ASCII");
        assertEquals("\u0000a", fragments.utf8(utf8("\u0000a"), true));
    }

    @Test
    void utf8TextIsReadFromItsPositionToItsLimit() throws Exception {
        ByteBuffer slice = ascii("xxabcyy");
        slice.position(2).limit(5);
        assertEquals("abc", fragments.utf8(slice, true));
        ByteBuffer accented = utf8("xxébyy");
        accented.position(2).limit(5);
        assertEquals("éb", fragments.utf8(accented, true));
    }

    @Test
    void utf8TextFromOutsideTheHeapIsDecodedAsWell() throws Exception {
        assertEquals("abc", fragments.utf8(direct("abc"), true));
        assertEquals("€", fragments.utf8(direct("€"), true));
    }

    @Test
    void utf8FragmentsAreJoinedAcrossASplitCharacterAndLimitedInBytes() throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertNull(fragments.utf8(ascii("ab"), false));
        assertNull(fragments.utf8(ByteBuffer.wrap(euro, 0, 1), false));
        assertEquals("ab€", fragments.utf8(ByteBuffer.wrap(euro, 1, 2), true));
        assertNull(fragments.utf8(utf8("€€€"), false));
        Fragments.TooBig tooBig = assertThrows(Fragments.TooBig.class, () -> fragments.utf8(ascii("ab"), true));
        assertEquals("a text message may have at most 10 bytes", tooBig.getMessage());
        assertEquals("fresh", fragments.utf8(ascii("fresh"), true), "what was buffered is dropped");
    }

    @Test
    void textThatIsNotUtf8IsRefusedWholeOrFragmented() throws Exception {
        Fragments.NotUtf8 notUtf8 = assertThrows(Fragments.NotUtf8.class,
                () -> fragments.utf8(ByteBuffer.wrap(new byte[] {'a', (byte) 0xc3, '(' }), true));
        assertEquals("a text message must be valid UTF-8", notUtf8.getMessage());
        byte[] surrogate = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThrows(Fragments.NotUtf8.class, () -> fragments.utf8(direct(surrogate), true), "an encoded surrogate");
        assertNull(fragments.utf8(ascii("a"), false));
        assertThrows(Fragments.NotUtf8.class, () -> fragments.utf8(ByteBuffer.wrap(new byte[] {(byte) 0xe2}), true),
                "a character cut short by the end of the message");
        assertEquals("ok", fragments.utf8(ascii("ok"), true), "the next message starts afresh");
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes outside the heap, as Netty hands them over: no array behind them. */
    private static ByteBuffer direct(String text) {
        return direct(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }
}
