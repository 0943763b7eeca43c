package io.yoctopus.runtime.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The Vert.x transport's MicroProfile Config keys (README, "The Vert.x transport"), read once at start.
 *
 * @param enabled whether the transport starts at all ({@code yoctopus.transport.vertx.enabled}, off by default)
 * @param host the address to listen on
 * @param port its own port, beside the server's; 0 for any free one
 * @param eventLoops the threads that read and write every connection's frames
 * @param workerThreads the threads that run handlers that may block
 * @param keyStore the TLS key store (wss only); empty for plain ws
 */
public record VertxSettings(boolean enabled, String host, int port, int eventLoops, int workerThreads,
        Optional<String> keyStore, String keyStorePassword, String keyStoreType) {

    public static final String PREFIX = "yoctopus.transport.vertx.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String HOST = PREFIX + "host";
    public static final String PORT = PREFIX + "port";
    public static final String EVENT_LOOPS = PREFIX + "event-loops";
    public static final String WORKER_THREADS = PREFIX + "worker-threads";
    public static final String KEY_STORE = PREFIX + "tls.key-store";
    public static final String KEY_STORE_PASSWORD = PREFIX + "tls.key-store-password";
    public static final String KEY_STORE_TYPE = PREFIX + "tls.key-store-type";

    public static final int DEFAULT_PORT = 8081;
    public static final int DEFAULT_WORKER_THREADS = 16;

    /**
     * The settings in {@code config}, each checked: a value out of range fails the deployment with every problem
     * named, rather than a transport that half starts.
     *
     * @param processors the default number of event loops: one per processor
     */
    public static VertxSettings from(Config config, int processors) {
        boolean enabled = config.getOptionalValue(ENABLED, Boolean.class).orElse(false);
        String host = config.getOptionalValue(HOST, String.class).orElse("0.0.0.0");
        int port = config.getOptionalValue(PORT, Integer.class).orElse(DEFAULT_PORT);
        int eventLoops = config.getOptionalValue(EVENT_LOOPS, Integer.class).orElse(processors);
        int workers = config.getOptionalValue(WORKER_THREADS, Integer.class).orElse(DEFAULT_WORKER_THREADS);
        List<String> problems = new ArrayList<>();
        if (port < 0 || port > 65_535) {
            problems.add(PORT + " must be between 0 and 65535, not " + port);
        }
        if (eventLoops < 1) {
            problems.add(EVENT_LOOPS + " must be at least 1, not " + eventLoops);
        }
        if (workers < 1) {
            problems.add(WORKER_THREADS + " must be at least 1, not " + workers);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the Vert.x transport is configured wrongly: " + String.join("; ", problems));
        }
        return new VertxSettings(enabled, host, port, eventLoops, workers,
                config.getOptionalValue(KEY_STORE, String.class),
                config.getOptionalValue(KEY_STORE_PASSWORD, String.class).orElse(""),
                config.getOptionalValue(KEY_STORE_TYPE, String.class).orElse("PKCS12"));
    }

    /** Whether it serves wss. */
    public boolean secure() {
        return keyStore.isPresent();
    }
}
