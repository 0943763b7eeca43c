package io.yoctopus.it.transportjar;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the stack traces the WebSocket container logs about its sessions: on Payara, Tyrus's endpoint wrapper
 * logs every exception of a read handler there (a frame past its buffer, say). The framework's adapter drops the
 * one for an oversize frame, which the framework answers with 1009; a handler on the same logger sees only what
 * gets through. On other servers nothing logs there and the count stays 0.
 */
@ApplicationScoped
public class ContainerLogWatch {

    static final String TYRUS_ENDPOINT_WRAPPER = "org.glassfish.tyrus.core.TyrusEndpointWrapper";

    private final AtomicInteger stackTraces = new AtomicInteger();
    private final Logger logger = Logger.getLogger(TYRUS_ENDPOINT_WRAPPER);
    private final Handler counter = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getThrown() != null) {
                stackTraces.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @PostConstruct
    void watch() {
        logger.addHandler(counter);
    }

    /** Made at start, so that it watches from the first connection on. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        stackTraces.get();
    }

    @PreDestroy
    void stop() {
        logger.removeHandler(counter);
    }

    int stackTraces() {
        return stackTraces.get();
    }
}
