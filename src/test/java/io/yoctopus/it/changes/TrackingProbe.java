package io.yoctopus.it.changes;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.plugins.changetracker.ChangeListener;
import io.yoctopus.plugins.changetracker.ChangeTracker;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The test plugin {@code ctest}: writes that roll back, writes outside a transaction, notes, introspection. */
@Plugin("ctest")
@ApplicationScoped
public class TrackingProbe {

    public record Text(String text) {
    }

    public record NoteText(long id, String text) {
    }

    public record OutsideNote(long id, String text) {
    }

    public record Title(String title) {
    }

    public record Subscriber(String connectionId) {
    }

    @Inject
    NoteStore store;

    @Inject
    ChangeTracker changeTracker;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Handles(endpoint = "note", method = "create")
    public Map<String, Object> createNote(Text request) {
        return Map.of("id", store.create(request.text(), "top secret " + request.text()).getId());
    }

    @Handles(endpoint = "note", method = "update")
    public Map<String, Object> updateNote(NoteText request) {
        store.update(request.id(), request.text());
        return Map.of("id", request.id());
    }

    /** The JPA callback of a change made without a transaction, as a non-JTA entity manager would call it. */
    @Handles(endpoint = "outside", method = "create")
    public Map<String, Object> outside(OutsideNote request) {
        boolean inTransaction = transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
        new ChangeListener().created(new Note(request.id(), request.text()));
        return Map.of("inTransaction", inTransaction);
    }

    @Handles(endpoint = "rollback", method = "create")
    public Map<String, Object> rollback(Title request) {
        long id = store.createPostAndRollBack(request.title());
        return Map.of("id", id, "exists", store.postExists(id));
    }

    @Handles(endpoint = "whoami", method = "read")
    public Map<String, Object> whoami(@ConnectionId String connectionId) {
        return Map.of("connectionId", connectionId);
    }

    @Handles(endpoint = "subscriptions", method = "read")
    public List<String> subscriptions(Subscriber request) {
        return changeTracker.subscriptions(request.connectionId()).stream()
                .map(target -> target.model() + target.instanceId().map(id -> "#" + id).orElse(""))
                .sorted()
                .toList();
    }

    @Handles(endpoint = "database", method = "read")
    public Map<String, Object> database() throws SQLException {
        return Map.of("product", store.databaseProduct());
    }
}
