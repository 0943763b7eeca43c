package io.yoctopus.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Idle WebSocket clients that do nothing but answer pings, all on one NIO selector thread: the load generator
 * of the idle-CPU scenario.
 *
 * <p>Why not the JDK's {@link java.net.http.WebSocket}, which answers pings by itself: it costs about 30 µs of
 * client CPU per ping answered (measured on this machine: 8,000 pings/s took 0.24 s of CPU a second), so the
 * 40,000 pings a second that the seed's loop sends to 10,000 connections every 250 ms would need more than the
 * client's one core; the client, not the server, would set the pace, and its handshakes timed out while it fell
 * behind. Here a ping costs a read and a write.
 *
 * <p>The protocol subset is RFC 6455's, just enough for this: the opening handshake (a fixed key; the server's
 * answer is checked for status 101 only), unmasked server frames parsed for their opcode and length, pings
 * answered with a pong carrying the same payload (masked with a zero key, which servers accept), a close frame or
 * the end of the stream counted as the server closing the connection. Text and binary messages are counted and
 * dropped.
 */
final class IdleClients implements AutoCloseable {

    private static final byte PING = 0x9;
    private static final byte PONG = 0xA;
    private static final byte CLOSE = 0x8;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final LoadGen.Idle counts;
    private final byte[] handshake;
    private final InetSocketAddress address;
    private final Selector selector;
    private final List<Client> clients = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicReference<String> openingFailure = new AtomicReference<>();
    private final Thread loop;
    private volatile boolean stopped;

    private volatile int target;
    private volatile int parallel;
    private volatile long handshakeTimeoutNanos;
    /** Loop thread only. */
    private int handshaking;
    /** Loop thread only: when the handshakes' times were last checked. */
    private long lastCheck = System.nanoTime();

    /** One connection: where it stands, what it has read and not yet parsed, what it could not write yet. */
    private static final class Client {
        final SocketChannel channel;
        final long started = System.nanoTime();
        ByteBuffer in = ByteBuffer.allocate(512);
        ByteBuffer pending;
        boolean upgraded;
        boolean closed;

        Client(SocketChannel channel) {
            this.channel = channel;
        }
    }

    IdleClients(URI uri, LoadGen.Idle counts) throws IOException {
        this.counts = counts;
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.address = new InetSocketAddress(uri.getHost(), port);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.handshake = ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "idle-clients");
        loop.setDaemon(true);
        loop.start();
    }

    /**
     * Opens {@code count} connections, at most {@code parallel} handshakes at a time, and waits until all are
     * open; fails when one cannot be opened or its handshake takes longer than {@code handshakeSeconds}. Once.
     */
    void open(int count, int parallel, int handshakeSeconds) throws InterruptedException {
        this.parallel = parallel;
        this.handshakeTimeoutNanos = TimeUnit.SECONDS.toNanos(handshakeSeconds);
        this.target = count;
        selector.wakeup();
        while (open.get() < target && openingFailure.get() == null) {
            Thread.sleep(20);
        }
        if (openingFailure.get() != null) {
            throw new IllegalStateException("could not open " + count + " connections to " + address + ": "
                    + openingFailure.get());
        }
    }

    /** Drops every connection at once (no close handshake), as the other scenarios abort theirs. */
    void abortAll() throws InterruptedException {
        stopped = true;
        selector.wakeup();
        loop.join(10_000);
    }

    @Override
    public void close() throws InterruptedException {
        abortAll();
    }

    private void run() {
        try {
            while (!stopped) {
                startConnections();
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    Client client = (Client) key.attachment();
                    try {
                        handle(key, client);
                    } catch (IOException failure) {
                        lost(client, "error " + failure);
                    }
                }
                selector.selectedKeys().clear();
                checkHandshakeTimes();
            }
        } catch (IOException | RuntimeException failure) {
            openingFailure.compareAndSet(null, failure.toString());
        } finally {
            for (Client client : clients) {
                closeQuietly(client);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }
    }

    private void startConnections() throws IOException {
        while (clients.size() < target && handshaking < parallel && openingFailure.get() == null) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            Client client = new Client(channel);
            clients.add(client);
            handshaking++;
            if (channel.connect(address)) {
                client.pending = ByteBuffer.wrap(handshake);
                channel.register(selector, SelectionKey.OP_WRITE, client);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, client);
            }
        }
    }

    private void handle(SelectionKey key, Client client) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isConnectable()) {
            client.channel.finishConnect();
            client.pending = ByteBuffer.wrap(handshake);
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        if (key.isWritable()) {
            client.channel.write(client.pending);
            if (!client.pending.hasRemaining()) {
                client.pending = null;
                key.interestOps(SelectionKey.OP_READ);
            }
        }
        if (key.isReadable()) {
            read(key, client);
        }
    }

    private void read(SelectionKey key, Client client) throws IOException {
        if (!client.in.hasRemaining()) {
            ByteBuffer larger = ByteBuffer.allocate(client.in.capacity() * 2);
            client.in.flip();
            larger.put(client.in);
            client.in = larger;
        }
        int read = client.channel.read(client.in);
        if (read < 0) {
            lost(client, client.upgraded ? "the server ended the stream" : "the stream ended during the handshake");
            return;
        }
        client.in.flip();
        if (!client.upgraded && !upgrade(client)) {
            client.in.compact();
            return;
        }
        while (!client.closed && frame(key, client)) {
            // one frame handled; there may be more
        }
        if (!client.closed) {
            client.in.compact();
        }
    }

    /** Reads the server's answer to the handshake once it is complete; false while it is not. */
    private boolean upgrade(Client client) {
        ByteBuffer in = client.in;
        int end = indexOf(in, HEADER_END);
        if (end < 0) {
            return false;
        }
        byte[] header = new byte[end];
        in.get(header);
        in.position(in.position() + HEADER_END.length);
        String status = new String(header, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        if (!status.startsWith("HTTP/1.1 101")) {
            openingFailure.compareAndSet(null, "handshake answered with " + status);
            return false;
        }
        client.upgraded = true;
        handshaking--;
        open.incrementAndGet();
        return true;
    }

    /** Handles one complete frame at the buffer's position; false when the buffer holds no complete frame. */
    private boolean frame(SelectionKey key, Client client) throws IOException {
        ByteBuffer in = client.in;
        int start = in.position();
        if (in.remaining() < 2) {
            return false;
        }
        byte first = in.get(start);
        byte second = in.get(start + 1);
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        int header = 2;
        if (length == 126) {
            if (in.remaining() < 4) {
                return false;
            }
            length = in.getShort(start + 2) & 0xFFFF;
            header = 4;
        } else if (length == 127) {
            if (in.remaining() < 10) {
                return false;
            }
            length = in.getLong(start + 2);
            header = 10;
        }
        int maskBytes = masked ? 4 : 0;
        if (in.remaining() < header + maskBytes + length) {
            return false;
        }
        byte[] payload = new byte[(int) length];
        in.position(start + header + maskBytes);
        in.get(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= in.get(start + header + (i & 3));
            }
        }
        boolean fin = (first & 0x80) != 0;
        switch (first & 0x0F) {
            case PING -> {
                counts.pings.increment();
                pong(key, client, payload);
            }
            case PONG -> {
                // unasked pongs need no answer
            }
            case CLOSE -> lost(client, "close " + (payload.length >= 2
                    ? ((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)) + " "
                    + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "without a code"));
            default -> {
                if (fin) {
                    counts.texts.increment();
                }
            }
        }
        return true;
    }

    /** Answers a ping with a pong of the same payload, masked with the zero key (the payload stays as it is). */
    private void pong(SelectionKey key, Client client, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
        frame.put((byte) (0x80 | PONG)).put((byte) (0x80 | payload.length)).putInt(0).put(payload).flip();
        if (client.pending != null) {   // an earlier frame is still waiting for the socket: keep the order
            ByteBuffer both = ByteBuffer.allocate(client.pending.remaining() + frame.remaining());
            client.pending = both.put(client.pending).put(frame).flip();
            return;
        }
        client.channel.write(frame);
        if (frame.hasRemaining()) {
            client.pending = frame;
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    /** While connections are opening (not in the measured windows): fails the opening when a handshake is late. */
    private void checkHandshakeTimes() {
        long now = System.nanoTime();
        if (handshaking == 0 || now - lastCheck < TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        lastCheck = now;
        for (Client client : clients) {
            if (!client.upgraded && !client.closed && now - client.started > handshakeTimeoutNanos) {
                openingFailure.compareAndSet(null, "a handshake took longer than "
                        + TimeUnit.NANOSECONDS.toSeconds(handshakeTimeoutNanos) + " s");
                return;
            }
        }
    }

    private void lost(Client client, String why) {
        if (client.closed) {
            return;
        }
        if (!client.upgraded) {
            openingFailure.compareAndSet(null, why);
        } else {
            counts.closed(why);
        }
        closeQuietly(client);
    }

    private static void closeQuietly(Client client) {
        client.closed = true;
        try {
            client.channel.close();
        } catch (IOException ignored) {
            // closing a connection that failed already
        }
    }

    private static int indexOf(ByteBuffer buffer, byte[] pattern) {
        for (int i = buffer.position(); i <= buffer.limit() - pattern.length; i++) {
            boolean match = true;
            for (int j = 0; j < pattern.length && match; j++) {
                match = buffer.get(i + j) == pattern[j];
            }
            if (match) {
                return i - buffer.position();
            }
        }
        return -1;
    }
}
