package io.yoctopus.runtime.transport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Joins one connection's message fragments into whole messages, within the size limits, and measures the
 * unfragmented ones; for transports that hand over raw text bytes, also checks that text is UTF-8.
 *
 * <p><b>Why here and not in the container.</b> Tyrus (Payara's WebSocket implementation) joins fragments
 * for whole-message handlers itself, and when they overflow its buffer it closes the session and then
 * calls the endpoint's {@code @OnError} on a fresh endpoint instance that it keeps, with the closed
 * session and the partial message, until the server stops: about the message limit of heap for every
 * client that sends an oversize fragmented message. With partial handlers Tyrus buffers nothing, and an
 * oversize message ends in an ordinary close.
 *
 * <p>Not thread-safe: the transport delivers one connection's frames one at a time.
 */
final class Fragments {

    /** A message past its limit: the reason to close with (1009). Thrown on a client's error only. */
    static final class TooBig extends Exception {

        TooBig(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A text message that is not UTF-8: the reason to close with (1007). Thrown on a client's error only. */
    static final class NotUtf8 extends Exception {

        NotUtf8() {
            super("a text message must be valid UTF-8", null, false, false);
        }
    }

    private final int maxTextBytes;
    private StringBuilder text;   // the fragments so far of a text message, null between messages
    private long textBytes;
    private final Joiner binary;
    private final Joiner utf8;

    Fragments(int maxTextBytes, int maxBinaryBytes) {
        this.maxTextBytes = maxTextBytes;
        this.binary = new Joiner(maxBinaryBytes, "binary");
        this.utf8 = new Joiner(maxTextBytes, "text");
    }

    /** The whole text message once {@code last} arrives, else null. */
    String text(String part, boolean last) throws TooBig {
        if (text == null && last) {
            if (tooBig(part)) {
                throw textTooBig();
            }
            return part;   // the common case: one frame, no copy
        }
        textBytes += utf8Length(part);
        if (textBytes > maxTextBytes) {
            text = null;
            throw textTooBig();
        }
        if (text == null) {
            text = new StringBuilder((int) Math.min(maxTextBytes, part.length() * 2L));   // chars ≤ UTF-8 bytes
        }
        text.append(part);
        if (!last) {
            return null;
        }
        String whole = text.toString();
        text = null;
        textBytes = 0;
        return whole;
    }

    /**
     * The whole text message, decoded, once {@code last} arrives, else null: for transports that hand over a text
     * message's bytes as they came (Vert.x), which the framework then checks as the container does (RFC 6455: a
     * text message that is not UTF-8 fails the connection). Counted in bytes as they arrive, like {@link #text}.
     */
    String utf8(ByteBuffer part, boolean last) throws TooBig, NotUtf8 {
        if (utf8.idle() && last) {
            if (part.remaining() > maxTextBytes) {
                throw utf8.tooBig();
            }
            return decode(part);   // the common case: one frame, decoded in place
        }
        byte[] whole = utf8.add(part, last);
        return whole == null ? null : decode(ByteBuffer.wrap(whole));
    }

    /** The whole binary message once {@code last} arrives, else null. */
    byte[] binary(ByteBuffer part, boolean last) throws TooBig {
        if (binary.idle() && last) {
            if (part.remaining() > binary.max) {
                throw binary.tooBig();
            }
            byte[] whole = new byte[part.remaining()];
            part.get(whole);
            return whole;
        }
        return binary.add(part, last);
    }

    /**
     * Strict UTF-8: malformed input, overlong forms and encoded surrogates are refused, where {@code new String}
     * would put replacement characters. Text that is all ASCII (JSON mostly is) takes the short way.
     */
    static String decode(ByteBuffer bytes) throws NotUtf8 {
        if (bytes.hasArray()) {
            byte[] array = bytes.array();
            int from = bytes.arrayOffset() + bytes.position();
            int to = from + bytes.remaining();
            int i = from;
            while (i < to && array[i] >= 0) {
                i++;
            }
            if (i == to) {
                return new String(array, from, to - from, StandardCharsets.ISO_8859_1);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException malformed) {
            throw new NotUtf8();
        }
    }

    /** The fragments of one kind of byte message so far, within its limit. */
    private static final class Joiner {
        private final int max;
        private final String kind;
        private byte[] bytes;   // null between messages
        private int size;

        Joiner(int max, String kind) {
            this.max = max;
            this.kind = kind;
        }

        boolean idle() {
            return bytes == null;
        }

        TooBig tooBig() {
            bytes = null;
            size = 0;
            return new TooBig("a " + kind + " message may have at most " + max + " bytes");
        }

        /** The whole message once {@code last} arrives, else null. */
        byte[] add(ByteBuffer part, boolean last) throws TooBig {
            int length = part.remaining();
            if (length > max - size) {
                throw tooBig();
            }
            if (bytes == null || bytes.length < size + length) {
                int capacity = (int) Math.min(max, Math.max(2L * (size + length), 256));
                bytes = bytes == null ? new byte[capacity] : Arrays.copyOf(bytes, capacity);
            }
            part.get(bytes, size, length);
            size += length;
            if (!last) {
                return null;
            }
            byte[] whole = bytes.length == size ? bytes : Arrays.copyOf(bytes, size);
            bytes = null;
            size = 0;
            return whole;
        }
    }

    /** Counts exactly only when the character count leaves it open (UTF-8 takes one to three bytes a char). */
    private boolean tooBig(String part) {
        int chars = part.length();
        return chars > maxTextBytes || (chars * 3L > maxTextBytes && utf8Length(part) > maxTextBytes);
    }

    private TooBig textTooBig() {
        textBytes = 0;
        return new TooBig("a text message may have at most " + maxTextBytes + " bytes");
    }

    /** The UTF-8 length of well-formed text: a surrogate pair, two chars, takes four bytes. */
    static long utf8Length(CharSequence chars) {
        long bytes = 0;
        for (int i = 0, n = chars.length(); i < n; i++) {
            char c = chars.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
