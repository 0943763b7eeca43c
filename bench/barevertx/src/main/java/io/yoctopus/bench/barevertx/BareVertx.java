package io.yoctopus.bench.barevertx;

import io.vertx.core.AbstractVerticle;
import io.yoctopus.bench.bare.Greeting;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * {@code greeter:hello} answered by Vert.x alone ({@link Greeting}, as the bare {@code @ServerEndpoint} answers it): what the framework's
 * Vert.x transport would cost with no framework above it. The server options are the transport's
 * ({@code VertxListener.serverOptions}: no compression, the same frame limit), and there is one event loop per
 * available processor, as the transport's default.
 *
 * <p>Usage: {@code BareVertx PORT}; prints {@code listening on PORT} once it accepts connections.
 */
public final class BareVertx extends AbstractVerticle {

    /** The framework's default largest text message (README, configuration: yoctopus.max-text-message-size). */
    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final int port;

    private BareVertx(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new BareVertx(port), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("listening on " + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        HttpServerOptions options = new HttpServerOptions().setPort(port)
                .setMaxWebSocketFrameSize(MAX_FRAME_BYTES).setMaxWebSocketMessageSize(MAX_FRAME_BYTES)
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
        vertx.createHttpServer(options).webSocketHandler(this::accept).listen()
                .<Void>mapEmpty().onComplete(started);
    }

    private void accept(ServerWebSocket socket) {
        if (!"/ws".equals(socket.path())) {
            socket.reject(404);
            return;
        }
        socket.textMessageHandler(text -> socket.writeTextMessage(Greeting.answer(text)));
    }
}
