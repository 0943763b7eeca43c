package io.yoctopus.runtime.connection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Every open connection by id. Thread-safe; a connection leaves when its last request has completed. */
@ApplicationScoped
public class ConnectionRegistry {

    private final ConcurrentMap<String, Connection> open = new ConcurrentHashMap<>();

    public void add(Connection connection) {
        open.put(connection.id(), connection);
    }

    /** Removes the connection once every request it sent has completed. */
    public void remove(Connection connection) {
        connection.drained().whenComplete((done, failure) -> open.remove(connection.id(), connection));
    }

    public Optional<Connection> find(String id) {
        return Optional.ofNullable(open.get(id));
    }

    public Set<String> ids() {
        return Set.copyOf(open.keySet());
    }
}
