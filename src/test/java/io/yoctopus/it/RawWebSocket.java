package io.yoctopus.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A deliberately low-level WebSocket client on a plain {@link Socket}, for what well-behaved clients
 * (the JDK's, Tyrus's) will not do: not read at all, not answer pings, send text frames that are not
 * UTF-8, send frames with any opcode, flags or size, and send pongs nobody asked for.
 *
 * <p>The handshake is written by hand. Outgoing frames are masked, as RFC 6455 requires of clients.
 * Incoming frames are read only when the test asks ({@link #readFrame}, {@link #nextText}, {@link #awaitClose}),
 * or all the time by a background reader once {@link #readInBackground()} is called. Pings are answered
 * only when {@link #answerPings(boolean)} says so (off by default).
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** The close "code" reported when the server dropped the TCP connection without a close frame. */
    public static final int NO_CLOSE_FRAME = 1006;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One frame as received. */
    public record Frame(boolean fin, int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame; 1005 when it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** The end of a connection as seen by this client: a close frame's code and reason, or 1006. */
    public record Close(int code, String reason) {
    }

    /** Thrown when the server refuses the handshake. */
    public static final class HandshakeRefused extends IOException {
        private final int status;

        HandshakeRefused(int status, String statusLine) {
            super("handshake refused: " + statusLine);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private volatile boolean answerPings;
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private Thread reader;

    private RawWebSocket(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(in);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    /** Opens a connection to a {@code ws://} URI with extra handshake headers (e.g. Origin). */
    public static RawWebSocket connect(URI uri, Map<String, String> headers) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        try {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    .append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            String statusLine = readLine(in);
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    responseHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            String[] parts = statusLine.split(" ", 3);
            int status = parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
            if (status != 101) {
                throw new HandshakeRefused(status, statusLine);
            }
            if (!"websocket".equalsIgnoreCase(responseHeaders.get("upgrade"))) {
                throw new IOException("not a WebSocket upgrade: " + responseHeaders);
            }
            return new RawWebSocket(socket, in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The HTTP status of a handshake (101 when accepted); the connection is closed at once. */
    public static int handshakeStatus(URI uri, Map<String, String> headers) throws IOException {
        try (RawWebSocket accepted = connect(uri, headers)) {
            return 101;
        } catch (HandshakeRefused refused) {
            return refused.status();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        throw new EOFException("connection closed during the handshake");
    }

    /** Whether pings are answered with pongs (when frames are read). Off by default. */
    public RawWebSocket answerPings(boolean answer) {
        this.answerPings = answer;
        return this;
    }

    // ---------------------------------------------------------------- sending

    public void sendText(String text) throws IOException {
        sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text frame with exactly these bytes, valid UTF-8 or not. */
    public void sendTextBytes(byte[] payload) throws IOException {
        sendFrame(true, TEXT, payload);
    }

    public void sendBinary(byte[] payload) throws IOException {
        sendFrame(true, BINARY, payload);
    }

    /** A pong; unsolicited pongs are allowed (RFC 6455 5.5.3) and serve as a one-way heartbeat. */
    public void sendPong(byte[] payload) throws IOException {
        sendFrame(true, PONG, payload);
    }

    public void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        sendFrame(true, CLOSE, payload);
    }

    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        sendFrame(fin, 0, opcode, payload);
    }

    /** Any frame: {@code rsv} are the three reserved bits (0 to 7), which a server must reject when set. */
    public void sendFrame(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        int length = payload.length;
        byte[] header;
        if (length < 126) {
            header = new byte[] {(byte) 0, (byte) (0x80 | length)};
        } else if (length < 65536) {
            header = new byte[] {(byte) 0, (byte) (0x80 | 126), (byte) (length >> 8), (byte) length};
        } else {
            header = ByteBuffer.allocate(10).put((byte) 0).put((byte) (0x80 | 127)).putLong(length).array();
        }
        header[0] = (byte) ((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0F));
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        synchronized (writeLock) {
            out.write(header);
            out.write(mask);
            out.write(masked);
            out.flush();
        }
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Reads the next frame from the socket, waiting up to {@code timeout}; null on timeout. Answers pings
     * when asked to. Not to be mixed with {@link #readInBackground()}.
     */
    public Frame readFrame(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException quiet) {
            return null;
        }
        if (first == -1) {
            throw new EOFException("the server closed the TCP connection");
        }
        socket.setSoTimeout(10_000);
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
            mask = new byte[4];
            in.readFully(mask);
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("frame too long: " + length);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        Frame frame = new Frame((first & 0x80) != 0, first & 0x0F, payload);
        if (frame.opcode() == PING && answerPings) {
            sendPong(payload);
        }
        if (frame.opcode() == CLOSE) {
            closed.complete(new Close(frame.closeCode(), frame.closeReason()));
        }
        return frame;
    }

    /** The next whole text message (continuations assembled), skipping control frames; fails on close or timeout. */
    public String nextText(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean inText = false;
        while (true) {
            Frame frame = reader == null ? readFrame(remaining(deadline)) : poll(deadline);
            if (frame == null) {
                throw new AssertionError("no text message within " + timeout);
            }
            switch (frame.opcode()) {
                case TEXT -> {
                    message.writeBytes(frame.payload());
                    inText = true;
                }
                case CONTINUATION -> message.writeBytes(frame.payload());
                case CLOSE -> throw new AssertionError("the server closed the connection with " + frame.closeCode()
                        + " '" + frame.closeReason() + "' while a text message was awaited");
                default -> {
                    continue;
                }
            }
            if (inText && frame.fin()) {
                return message.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Reads (and discards) frames until the server's close frame, up to {@code timeout}; 1006 when the
     * server dropped the TCP connection without one.
     */
    public Close awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (reader != null) {
            try {
                return closed.get(Math.max(1, remaining(deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError("the server did not close the connection within " + timeout, e);
            }
        }
        while (!closed.isDone()) {
            Duration left = remaining(deadline);
            if (left.isZero()) {
                throw new AssertionError("the server did not close the connection within " + timeout);
            }
            try {
                readFrame(left);
            } catch (IOException dropped) {
                closed.complete(new Close(NO_CLOSE_FRAME, dropped.toString()));
            }
        }
        return closed.join();
    }

    /**
     * From now on, a daemon thread reads every frame: pings are answered if {@link #answerPings(boolean)}
     * says so, the close is recorded, all frames are queued for {@link #nextText} and {@link #receivedFrames}.
     */
    public RawWebSocket readInBackground() {
        reader = new Thread(() -> {
            try {
                while (!closed.isDone()) {
                    Frame frame = readFrame(Duration.ofSeconds(3600));
                    if (frame != null) {
                        received.add(frame);
                    }
                }
            } catch (IOException | RuntimeException gone) {
                closed.complete(new Close(NO_CLOSE_FRAME, gone.toString()));
            }
        }, "raw-websocket-reader");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** How many frames the background reader has queued and nobody took. */
    public int receivedFrames() {
        return received.size();
    }

    /** Takes the frames the background reader has queued. */
    public java.util.List<Frame> drainReceived() {
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        received.drainTo(frames);
        return frames;
    }

    /** How the connection ended, or null while it has not. */
    public Close closeStatus() {
        return closed.getNow(null);
    }

    /** Whether the server's close frame (or the end of the TCP connection) has been seen. */
    public boolean isClosed() {
        return closed.isDone();
    }

    private Frame poll(long deadline) {
        try {
            while (true) {
                Frame frame = received.poll(Math.min(50, Math.max(1, remaining(deadline).toMillis())), TimeUnit.MILLISECONDS);
                if (frame != null || remaining(deadline).isZero()) {
                    return frame;
                }
                if (closed.isDone() && received.isEmpty()) {
                    Close close = closed.join();
                    return new Frame(true, CLOSE, closePayload(close));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static byte[] closePayload(Close close) {
        byte[] reason = close.reason().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + reason.length).putShort((short) close.code()).put(reason).array();
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Drops the TCP connection with a reset (SO_LINGER 0), as a client's crashed host does: no close handshake, no FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Drops the TCP connection, without a close handshake. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone already
        }
    }
}
