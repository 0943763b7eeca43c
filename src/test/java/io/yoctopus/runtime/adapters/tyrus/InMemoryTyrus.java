package io.yoctopus.runtime.adapters.tyrus;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import org.glassfish.tyrus.core.ExecutorServiceProvider;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus's own engine, without a server: a handshake made in memory opens a real {@code TyrusSession}, and the
 * frames it writes land in a list. What a servlet container adds around the engine (its upgrade handler, its
 * read buffers) is left out.
 */
final class InMemoryTyrus {

    /** The container Tyrus's sessions take their defaults and their scheduler from. */
    static final class Container extends ExecutorServiceProvider implements WebSocketContainer {
        private final ScheduledExecutorService scheduler;
        private final long defaultMaxIdleMillis;

        Container(ScheduledExecutorService scheduler, long defaultMaxIdleMillis) {
            this.scheduler = scheduler;
            this.defaultMaxIdleMillis = defaultMaxIdleMillis;
        }

        @Override
        public ExecutorService getExecutorService() {
            return scheduler;
        }

        @Override
        public ScheduledExecutorService getScheduledExecutorService() {
            return scheduler;
        }

        @Override
        public long getDefaultAsyncSendTimeout() {
            return 0;
        }

        @Override
        public void setAsyncSendTimeout(long timeout) {
        }

        @Override
        public Session connectToServer(Object endpoint, URI path) {
            throw new UnsupportedOperationException("a server container");
        }

        @Override
        public Session connectToServer(Class<?> endpoint, URI path) {
            throw new UnsupportedOperationException("a server container");
        }

        @Override
        public Session connectToServer(Endpoint endpoint, ClientEndpointConfig config, URI path) {
            throw new UnsupportedOperationException("a server container");
        }

        @Override
        public Session connectToServer(Class<? extends Endpoint> endpoint, ClientEndpointConfig config, URI path) {
            throw new UnsupportedOperationException("a server container");
        }

        @Override
        public long getDefaultMaxSessionIdleTimeout() {
            return defaultMaxIdleMillis;
        }

        @Override
        public void setDefaultMaxSessionIdleTimeout(long timeout) {
        }

        @Override
        public int getDefaultMaxBinaryMessageBufferSize() {
            return 65_536;
        }

        @Override
        public void setDefaultMaxBinaryMessageBufferSize(int max) {
        }

        @Override
        public int getDefaultMaxTextMessageBufferSize() {
            return 65_536;
        }

        @Override
        public void setDefaultMaxTextMessageBufferSize(int max) {
        }

        @Override
        public Set<Extension> getInstalledExtensions() {
            return Set.of();
        }
    }

    /** Where the engine writes a connection's frames. */
    static class FrameWriter extends Writer {
        final List<ByteBuffer> frames = new CopyOnWriteArrayList<>();

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completion) {
            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining()).put(buffer.duplicate()).flip();
            frames.add(copy);
            completion.completed(buffer);
        }

        @Override
        public void close() {
        }
    }

    /** The application's endpoint: keeps the sessions Tyrus opens, and tells of their closes. Public: Tyrus calls it. */
    public static final class Opener extends Endpoint {
        private final List<Session> opened;
        private volatile BiConsumer<Session, CloseReason> onClose = (session, reason) -> { };

        Opener(List<Session> opened) {
            this.opened = opened;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            opened.add(session);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            onClose.accept(session, reason);
        }
    }

    private final TyrusWebSocketEngine engine;
    private final List<Session> opened = new CopyOnWriteArrayList<>();
    private final Opener endpoint = new Opener(opened);

    /** An engine whose sessions have no idle timeout unless set. */
    InMemoryTyrus(ScheduledExecutorService scheduler) throws DeploymentException {
        this(scheduler, 0);
    }

    /** An engine whose sessions start with this idle timeout (0: none), as the container configures it. */
    InMemoryTyrus(ScheduledExecutorService scheduler, long defaultMaxIdleMillis) throws DeploymentException {
        engine = TyrusWebSocketEngine.builder(new Container(scheduler, defaultMaxIdleMillis)).build();
        engine.register(ServerEndpointConfig.Builder.create(Opener.class, "/ws")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(endpoint);
                    }
                }).build(), "");
    }

    /** What the endpoint does when Tyrus reports a session closed, before Tyrus sends its own close frame. */
    void onClose(BiConsumer<Session, CloseReason> action) {
        endpoint.onClose = action;
    }

    TyrusWebSocketEngine engine() {
        return engine;
    }

    /** Tyrus's server container as a servlet container makes it: here only its engine is asked for. */
    ServerContainer serverContainer() {
        return (ServerContainer) Proxy.newProxyInstance(
                InMemoryTyrus.class.getClassLoader(), new Class<?>[] {ServerContainer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getWebSocketEngine")) {
                        return engine;
                    }
                    throw new AssertionError("not asked here: " + method);
                });
    }

    /** A connection Tyrus opened: its session, the connection's read side, and where its frames went. */
    record Opened(Session session, Connection connection, FrameWriter writer, List<CloseReason> closes) {

        /** A frame from the client, masked as clients must: handed to Tyrus's read handler. */
        void receive(int opcode, byte[] payload) {
            connection.getReadHandler().handle(clientFrame(opcode, payload));
        }
    }

    /** A handshake from {@code remoteAddress}, its frames written to {@code writer}. */
    Opened open(String remoteAddress, FrameWriter writer) {
        RequestContext request = RequestContext.Builder.create().requestURI(URI.create("/ws"))
                .remoteAddr(remoteAddress).tyrusProperties(Map.of()).build();
        request.getHeaders().put("Host", List.of("localhost"));
        request.getHeaders().put("Upgrade", List.of("websocket"));
        request.getHeaders().put("Connection", List.of("Upgrade"));
        request.getHeaders().put("Sec-WebSocket-Key", List.of("dGhlIHNhbXBsZSBub25jZQ=="));
        request.getHeaders().put("Sec-WebSocket-Version", List.of("13"));
        WebSocketEngine.UpgradeInfo upgrade = engine.upgrade(request, new Response());
        if (upgrade.getStatus() != WebSocketEngine.UpgradeStatus.SUCCESS) {
            throw new AssertionError("the handshake failed: " + upgrade.getStatus());
        }
        int before = opened.size();
        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        Connection connection = upgrade.createConnection(writer, closes::add);
        if (opened.size() != before + 1) {
            throw new AssertionError("no session opened");
        }
        return new Opened(opened.get(before), connection, writer, closes);
    }

    Opened open(String remoteAddress) {
        return open(remoteAddress, new FrameWriter());
    }

    /** A client's frame: final, with the opcode, masked with a fixed key. */
    static ByteBuffer clientFrame(int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65_536) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = {1, 2, 3, 4};
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        return frame.flip();
    }

    /** The close code of a close frame the server wrote, -1 for any other frame. */
    static int closeCode(ByteBuffer frame) {
        return (frame.get(0) & 0x0F) == 0x8 && (frame.get(1) & 0x7F) >= 2 ? frame.getShort(2) & 0xFFFF : -1;
    }

    /** The handshake's response: nothing to send, there is no socket. */
    private static final class Response extends UpgradeResponse {
        private int status;
        private String reason;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public void setReasonPhrase(String reason) {
            this.reason = reason;
        }

        @Override
        public String getReasonPhrase() {
            return reason;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }
}
