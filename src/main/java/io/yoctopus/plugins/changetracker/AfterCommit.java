package io.yoctopus.plugins.changetracker;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the changes made in a transaction until it commits, then hands them on in the order they were made;
 * the changes of a transaction that rolls back are dropped. A change made outside a transaction is handed on at
 * once.
 *
 * <p>Why not a CDI {@code AFTER_SUCCESS} observer: Hibernate (WildFly) runs {@code @PostUpdate} and
 * {@code @PostRemove} while the commit's before-completion flushes, and an observer notified then registers a
 * JTA synchronization that the transaction manager never calls, so updates and deletes were never announced
 * there. An interposed synchronization registered through the {@link TransactionSynchronizationRegistry} may be
 * registered during before-completion and is called after the commit on every server.
 */
final class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());

    /** The key of a transaction's pending changes among its resources. */
    private static final Object PENDING = new Object();

    private final TransactionSynchronizationRegistry transactions;
    private final Consumer<EntityChanged> announce;

    /**
     * @param transactions the server's registry; null where there are no JTA transactions (every change is
     *     then handed on at once)
     * @param announce what to do with a change once it has committed
     */
    AfterCommit(TransactionSynchronizationRegistry transactions, Consumer<EntityChanged> announce) {
        this.transactions = transactions;
        this.announce = announce;
    }

    /** A change was made: hand it on now, or once its transaction has committed. */
    @SuppressWarnings("unchecked")
    void changed(EntityChanged change) {
        if (!inTransaction()) {
            announceSafely(change);
            return;
        }
        List<EntityChanged> pending = (List<EntityChanged>) transactions.getResource(PENDING);
        if (pending == null) {
            List<EntityChanged> changes = new ArrayList<>();
            transactions.putResource(PENDING, changes);
            transactions.registerInterposedSynchronization(new Announcement(changes));
            pending = changes;
        }
        pending.add(change);
    }

    private boolean inTransaction() {
        if (transactions == null || transactions.getTransactionKey() == null) {
            return false;
        }
        int status = transactions.getTransactionStatus();
        return status != Status.STATUS_NO_TRANSACTION && status != Status.STATUS_UNKNOWN;
    }

    /** Hands a transaction's changes on once it has committed. */
    private final class Announcement implements Synchronization {

        private final List<EntityChanged> changes;

        Announcement(List<EntityChanged> changes) {
            this.changes = changes;
        }

        @Override
        public void beforeCompletion() {
            // changes may still be added while the commit flushes
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                return;
            }
            changes.forEach(AfterCommit.this::announceSafely);
        }
    }

    /** Announces a change; a failure is logged, never passed to the code that changed the data. */
    private void announceSafely(EntityChanged change) {
        try {
            announce.accept(change);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "change tracking: could not announce " + change.operation() + " of "
                    + change.model() + " " + change.id(), failure);
        }
    }
}
