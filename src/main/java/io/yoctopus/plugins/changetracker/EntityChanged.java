package io.yoctopus.plugins.changetracker;

import java.util.Locale;

/**
 * A tracked entity was created, updated or deleted: the CDI event {@link ChangeListener} fires from the
 * entity's {@code @PostPersist}, {@code @PostUpdate} and {@code @PostRemove} callbacks, inside the change's
 * transaction. Observe it like any event. The change tracker holds it until the transaction commits; a
 * {@code TransactionPhase.AFTER_SUCCESS} observer is not reliable for it (Hibernate fires these callbacks while the
 * commit flushes, and such an observer then is never called).
 *
 * @param operation what happened
 * @param model the entity name, e.g. {@code Post}
 * @param id the entity's id
 * @param entity the entity itself; after the commit it is detached: read only what is loaded
 */
public record EntityChanged(Operation operation, String model, Object id, Object entity) {

    /** The wire protocol's {@code operation}. */
    public enum Operation {
        CREATE, UPDATE, DELETE;

        /** {@code create}, {@code update} or {@code delete}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
