package io.yoctopus.it.transportjar;

import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.api.events.YoctopusError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Remembers what the transport reported, for {@link Probe}: every {@link ConnectionClosed} event (close
 * code and reason by connection id) and every {@link YoctopusError} by kind. Closed events are also logged,
 * and appended to the file named by the system property {@value #CLOSED_LOG}, so that a test can see the
 * events of a server that is shutting down.
 */
@ApplicationScoped
public class ProbeLedger {

    /** The system property naming a file to which each closed event is appended as a line, if set. */
    public static final String CLOSED_LOG = "probe.closed-log";

    private static final Logger LOG = Logger.getLogger(ProbeLedger.class.getName());

    private final Map<String, String> closed = new ConcurrentHashMap<>();
    private final Map<YoctopusError.Kind, Integer> errors = new EnumMap<>(YoctopusError.Kind.class);
    private final List<String> errorMessages = new ArrayList<>();
    private final List<String> transportMessages = new ArrayList<>();
    private int withoutConnection;

    void closed(@Observes ConnectionClosed event) {
        String line = "probe: connection " + event.connectionId() + " closed " + event.closeCode() + " " + event.reason();
        closed.put(event.connectionId(), event.closeCode() + " " + event.reason());
        LOG.info(line);
        String file = System.getProperty(CLOSED_LOG);
        if (file != null) { // the server's log is gone while it shuts down: a file is not
            synchronized (this) {
                try {
                    Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    synchronized void failed(@Observes YoctopusError error) {
        errors.merge(error.kind(), 1, Integer::sum);
        List<String> messages = error.kind() == YoctopusError.Kind.TRANSPORT ? transportMessages : errorMessages;
        if (messages.size() < 20) {
            messages.add(error.kind() + ": " + error.message() + ": " + error.cause());
        }
        if (error.connectionId().isEmpty()) {
            withoutConnection++;
        }
    }

    /** {@code "<code> <reason>"} of a closed connection, or null. */
    String closeOf(String connectionId) {
        return closed.get(connectionId);
    }

    synchronized Map<String, Object> errors() {
        Map<String, Object> result = new LinkedHashMap<>();
        for (YoctopusError.Kind kind : YoctopusError.Kind.values()) {
            result.put(kind.name(), errors.getOrDefault(kind, 0));
        }
        result.put("messages", List.copyOf(errorMessages));
        result.put("transport", List.copyOf(transportMessages));
        // the container reported an error on a session after it had closed it (see Fragments)
        result.put("withoutConnection", withoutConnection);
        return result;
    }
}
