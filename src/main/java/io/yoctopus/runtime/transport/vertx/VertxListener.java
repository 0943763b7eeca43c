package io.yoctopus.runtime.transport.vertx;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.KeyStoreOptions;
import io.yoctopus.runtime.connection.CloseCodes;
import io.yoctopus.runtime.transport.PortListener;
import io.yoctopus.runtime.transport.VertxSettings;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Vert.x transport: a Vert.x 4 HTTP server on a port of its own, inside the application, that accepts WebSocket
 * handshakes on the framework's path and makes each connection a {@link VertxSocket}. Loaded by name only when it is
 * enabled (see {@code VertxLauncher}); plain class, not a bean.
 *
 * <p><b>Threads.</b> One verticle instance per event loop, each with its own server on the shared port (Vert.x
 * spreads the connections over them), so that the configured number of event loops all serve. The event loops are
 * Vert.x's own threads, not the server's managed ones: Vert.x 4 requires its own thread class from a thread factory,
 * so a {@code ManagedThreadFactory} can be plugged in only through Vert.x internals, and wrapping each task with the
 * server's {@code ContextService} would cost a context capture per task, the very cost this transport avoids. Nothing
 * on an event loop needs the server's context: only non-blocking handlers run there, and everything that may need
 * JNDI, transactions or JPA runs on the worker pool, whose threads the server's {@code ManagedThreadFactory} makes.
 * The event loops' context class loader is the application's (Vert.x takes the one of the thread that deploys).
 *
 * <p><b>Nothing left behind.</b> {@link #stop()} closes what is still open with 1001, closes Vert.x and waits for its
 * threads to end; Netty keeps a thread-local map on every thread that calls into it, so the start and stop remove
 * theirs ({@link FastThreadLocal#removeAll()}), and every other thread hands its work to the event loops instead of
 * calling Netty ({@link VertxSocket}).
 */
public final class VertxListener implements PortListener {

    private static final Logger LOG = Logger.getLogger(VertxListener.class.getName());

    /** The reason of the close frames that stopping sends. */
    static final String SHUTTING_DOWN = "server shutting down";

    /** How long stopping waits for the close frames of the connections still open to leave. */
    static final long CLOSE_GRACE_MILLIS = 2_000;

    /** How long starting or closing Vert.x may take before the application gives up on it. */
    static final long START_STOP_SECONDS = 30;

    private final Setup setup;
    private final Set<VertxSocket> open = ConcurrentHashMap.newKeySet();
    private volatile int port;
    private Vertx vertx;

    public VertxListener(Setup setup) {
        this.setup = setup;
    }

    @Override
    public void start() throws Exception {
        VertxSettings settings = setup.settings();
        try {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.eventLoops())
                    // Vert.x's own worker pools stay unused: blocking handlers run on the framework's workers
                    .setWorkerPoolSize(1).setInternalBlockingPoolSize(1)
                    // nothing is served from files: no file cache directory in the server's working directory
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false)));
            HttpServerOptions options = serverOptions(settings, setup.maxFrameBytes());
            await(vertx.deployVerticle(() -> new Server(options), new DeploymentOptions()
                    .setInstances(settings.eventLoops())));
        } catch (Exception | Error failure) {
            stop();
            throw failure;
        } finally {
            FastThreadLocal.removeAll();
        }
    }

    /**
     * The HTTP server's options. A frame larger than the framework's largest message is refused by Netty as soon as
     * its header is read, before its payload is buffered (closed with 1009, {@link VertxSocket}); messages are joined
     * by the framework, within the text and binary limits.
     */
    static HttpServerOptions serverOptions(VertxSettings settings, int maxFrameBytes) {
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                .setMaxWebSocketFrameSize(maxFrameBytes).setMaxWebSocketMessageSize(maxFrameBytes)
                // as the container transport and Node's ws: no deflate state per connection, and no inflater that
                // fails twice on a bad frame (the second failure kept Vert.x from ever reporting the close)
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
        settings.keyStore().ifPresent(path -> options.setSsl(true).setKeyCertOptions(new KeyStoreOptions()
                .setType(settings.keyStoreType()).setPath(path).setPassword(settings.keyStorePassword())));
        return options;
    }

    /** One event loop's server: every instance listens on the same port, and Vert.x balances connections over them. */
    private final class Server extends AbstractVerticle {
        private final HttpServerOptions options;

        Server(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer(options).webSocketHandler(VertxListener.this::accept)
                    .requestHandler(VertxListener.this::notWebSocket).listen()
                    .onSuccess(server -> {
                        port = server.actualPort();
                        started.complete();
                    })
                    .onFailure(started::fail);
        }
    }

    /** A handshake: refused with 404 off the path, 403 when the handshake policy says no; else a connection. */
    private void accept(ServerWebSocket socket) {
        if (!setup.path().equals(socket.path())) {
            socket.reject(404);
            return;
        }
        if (!setup.admits().test(socket.headers().get("Origin"))) {
            socket.reject(403);
            return;
        }
        VertxSocket connection = new VertxSocket(socket, Vertx.currentContext(), port, setup, open::remove);
        open.add(connection);
        connection.open();
    }

    /** A plain HTTP request: 426 on the path (only WebSocket is served there), 404 elsewhere. */
    private void notWebSocket(HttpServerRequest request) {
        request.response().setStatusCode(setup.path().equals(request.path()) ? 426 : 404).end();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void stop() {
        if (vertx == null) {
            return;
        }
        try {
            List<Future<Void>> closes = open.stream()
                    .map(connection -> connection.closeNow(CloseCodes.GOING_AWAY, SHUTTING_DOWN)).toList();
            try {
                Future.join(closes).toCompletionStage().toCompletableFuture()
                        .get(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException late) {
                LOG.fine(() -> "stopping with connections whose close frames did not leave in time");
            }
            await(vertx.close());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception failure) {
            LOG.log(Level.WARNING, "the Vert.x transport did not stop cleanly", failure);
        } finally {
            vertx = null;
            FastThreadLocal.removeAll();
        }
    }

    /** The connections open now. */
    int openConnections() {
        return open.size();
    }

    private static void await(Future<?> future) throws Exception {
        try {
            future.toCompletionStage().toCompletableFuture().get(START_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
    }
}
