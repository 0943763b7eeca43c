package io.yoctopus.plugins.changetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changes wait for their transaction's commit; a rollback drops them; without a transaction they go at once. */
class AfterCommitTest {

    /**
     * The server's registry at the boundary, for one transaction at a time: its status, its resources and its
     * interposed synchronizations, which {@link #complete} calls as a transaction manager would.
     */
    static final class FakeRegistry implements TransactionSynchronizationRegistry {
        Object key;
        int status = Status.STATUS_NO_TRANSACTION;
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> synchronizations = new ArrayList<>();

        void begin() {
            key = new Object();
            status = Status.STATUS_ACTIVE;
        }

        void complete(int outcome) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            status = outcome;
            synchronizations.forEach(synchronization -> synchronization.afterCompletion(outcome));
            synchronizations.clear();
            resources.clear();
            key = null;
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public Object getTransactionKey() {
            return key;
        }

        @Override
        public void putResource(Object resourceKey, Object value) {
            resources.put(resourceKey, value);
        }

        @Override
        public Object getResource(Object resourceKey) {
            return resources.get(resourceKey);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization synchronization) {
            synchronizations.add(synchronization);
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {
            status = Status.STATUS_MARKED_ROLLBACK;
        }

        @Override
        public boolean getRollbackOnly() {
            return status == Status.STATUS_MARKED_ROLLBACK;
        }
    }

    private final FakeRegistry registry = new FakeRegistry();
    private final List<EntityChanged> announced = new ArrayList<>();
    private final AfterCommit afterCommit = new AfterCommit(registry, announced::add);

    private static EntityChanged change(EntityChanged.Operation operation, long id) {
        return new EntityChanged(operation, "Post", id, new Object());
    }

    @Test
    void outsideATransactionAChangeIsAnnouncedAtOnce() {
        EntityChanged created = change(EntityChanged.Operation.CREATE, 1);
        afterCommit.changed(created);
        assertEquals(List.of(created), announced);
        assertEquals(List.of(), registry.synchronizations, "nothing to wait for");
    }

    @Test
    void withoutJtaEveryChangeIsAnnouncedAtOnce() {
        List<EntityChanged> seen = new ArrayList<>();
        EntityChanged created = change(EntityChanged.Operation.CREATE, 1);
        new AfterCommit(null, seen::add).changed(created);
        assertEquals(List.of(created), seen);
    }

    @Test
    void theChangesOfATransactionAreAnnouncedInOrderOnceItCommits() {
        registry.begin();
        EntityChanged created = change(EntityChanged.Operation.CREATE, 1);
        EntityChanged updated = change(EntityChanged.Operation.UPDATE, 1);
        EntityChanged deleted = change(EntityChanged.Operation.DELETE, 2);
        afterCommit.changed(created);
        afterCommit.changed(updated);
        assertEquals(List.of(), announced, "nothing before the commit");
        assertEquals(1, registry.synchronizations.size(), "one synchronization per transaction");
        afterCommit.changed(deleted);   // as Hibernate's flush during before-completion would
        registry.complete(Status.STATUS_COMMITTED);
        assertEquals(List.of(created, updated, deleted), announced);
    }

    @Test
    void theChangesOfATransactionThatRollsBackAreNeverAnnounced() {
        registry.begin();
        afterCommit.changed(change(EntityChanged.Operation.CREATE, 1));
        registry.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of(), announced);
        EntityChanged later = change(EntityChanged.Operation.CREATE, 2);
        afterCommit.changed(later);
        assertEquals(List.of(later), announced, "the next change, outside a transaction, goes at once");
    }

    @Test
    void eachTransactionAnnouncesOnlyItsOwnChanges() {
        registry.begin();
        EntityChanged first = change(EntityChanged.Operation.CREATE, 1);
        afterCommit.changed(first);
        registry.complete(Status.STATUS_COMMITTED);
        registry.begin();
        EntityChanged second = change(EntityChanged.Operation.UPDATE, 1);
        afterCommit.changed(second);
        registry.complete(Status.STATUS_COMMITTED);
        assertEquals(List.of(first, second), announced, "the first transaction's change is not announced twice");
    }

    @Test
    void aFailingAnnouncementDoesNotStopTheOthers() {
        List<EntityChanged> seen = new ArrayList<>();
        AfterCommit failingFirst = new AfterCommit(registry, change -> {
            if (seen.isEmpty()) {
                seen.add(change);
                throw new IllegalStateException("a closed connection, say");
            }
            seen.add(change);
        });
        registry.begin();
        EntityChanged first = change(EntityChanged.Operation.CREATE, 1);
        EntityChanged second = change(EntityChanged.Operation.CREATE, 2);
        failingFirst.changed(first);
        failingFirst.changed(second);
        registry.complete(Status.STATUS_COMMITTED);
        assertEquals(List.of(first, second), seen);
    }

    @Test
    void outsideATransactionAFailingAnnouncementDoesNotReachTheCodeThatChangedTheData() {
        List<EntityChanged> tried = new ArrayList<>();
        AfterCommit failing = new AfterCommit(registry, change -> {
            tried.add(change);
            throw new IllegalStateException("boom");
        });
        EntityChanged created = change(EntityChanged.Operation.CREATE, 1);
        assertDoesNotThrow(() -> failing.changed(created));
        assertEquals(List.of(created), tried);
    }
}
