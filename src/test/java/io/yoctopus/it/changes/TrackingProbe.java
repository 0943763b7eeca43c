package io.yoctopus.it.changes;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.plugins.changetracker.ChangeListener;
import io.yoctopus.plugins.changetracker.ChangeTracker;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The test plugin {@code ctest}: writes that roll back, writes outside a transaction, a delete that holds its
 * lock, notes, introspection.
 */
@Plugin("ctest")
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

    public record Hold(long id, long millis) {
    }

    public record PostId(long id) {
    }

    /** Per post id: counted down once a held delete has locked the post's row. */
    private final Map<Long, CountDownLatch> locked = new ConcurrentHashMap<>();

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

    /** Deletes the post in a transaction that commits {@code millis} after it has locked the row. */
    @Handles(endpoint = "held-delete", method = "create")
    public Map<String, Object> heldDelete(Hold request) throws InterruptedException {
        store.deletePostAndHold(request.id(), request.millis(), lockFor(request.id()));
        return Map.of("deleted", request.id());
    }

    /** Waits (up to 10 s) until a held delete of the post has locked its row. */
    @Handles(endpoint = "held", method = "read")
    public Map<String, Object> held(PostId request) throws InterruptedException {
        return Map.of("locked", lockFor(request.id()).await(10, TimeUnit.SECONDS));
    }

    private CountDownLatch lockFor(long postId) {
        return locked.computeIfAbsent(postId, id -> new CountDownLatch(1));
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
