package io.yoctopus.runtime.transport;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Joins one session's message fragments into whole messages, within the size limits, and measures the
 * unfragmented ones.
 *
 * <p><b>Why here and not in the container.</b> Tyrus (Payara's WebSocket implementation) joins fragments
 * for whole-message handlers itself, and when they overflow its buffer it closes the session and then
 * calls the endpoint's {@code @OnError} on a fresh endpoint instance that it keeps, with the closed
 * session and the partial message, until the server stops: about the message limit of heap for every
 * client that sends an oversize fragmented message. With partial handlers Tyrus buffers nothing, and an
 * oversize message ends in an ordinary close.
 *
 * <p>Not thread-safe: the container delivers one session's frames one at a time.
 */
final class Fragments {

    /** A message past its limit: the reason to close with (1009). Thrown on a client's error only. */
    static final class TooBig extends Exception {

        TooBig(String reason) {
            super(reason, null, false, false);
        }
    }

    private final int maxTextBytes;
    private final int maxBinaryBytes;
    private StringBuilder text;   // the fragments so far of a text message, null between messages
    private long textBytes;
    private byte[] binary;        // the fragments so far of a binary message, null between messages
    private int binaryBytes;

    Fragments(int maxTextBytes, int maxBinaryBytes) {
        this.maxTextBytes = maxTextBytes;
        this.maxBinaryBytes = maxBinaryBytes;
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

    /** The whole binary message once {@code last} arrives, else null. */
    byte[] binary(ByteBuffer part, boolean last) throws TooBig {
        int size = part.remaining();
        if (size > maxBinaryBytes - binaryBytes) {
            binary = null;
            binaryBytes = 0;
            throw new TooBig("a binary message may have at most " + maxBinaryBytes + " bytes");
        }
        if (binary == null && last) {
            byte[] whole = new byte[size];
            part.get(whole);
            return whole;
        }
        if (binary == null || binary.length < binaryBytes + size) {
            int capacity = (int) Math.min(maxBinaryBytes, Math.max(2L * (binaryBytes + size), 256));
            binary = binary == null ? new byte[capacity] : Arrays.copyOf(binary, capacity);
        }
        part.get(binary, binaryBytes, size);
        binaryBytes += size;
        if (!last) {
            return null;
        }
        byte[] whole = binary.length == binaryBytes ? binary : Arrays.copyOf(binary, binaryBytes);
        binary = null;
        binaryBytes = 0;
        return whole;
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
