package io.yoctopus.it.opsjar;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Logs;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Subscription;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The framework's log as OperationsIT reads it, whatever the server does with its own log (Payara Micro's under
 * Arquillian goes nowhere a test can read): every message logged under {@code io.yoctopus} from the application's
 * start on, through the same {@code java.util.logging} records the server's log gets.
 */
@Plugin("ops")
@ApplicationScoped
public class OperatorLog {

    @Inject
    Logs logs;

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private volatile Subscription subscription;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        subscription = logs.subscribe(entry -> messages.add(entry.message()));
    }

    @PreDestroy
    void stop() {
        Subscription current = subscription;
        if (current != null) {
            current.close();
        }
    }

    /** Every message logged so far, in order. */
    @Handles(endpoint = "log", method = "read")
    public List<String> log() {
        return List.copyOf(messages);
    }
}
