package io.yoctopus.plugins.changetracker;

import java.util.Locale;

/**
 * A tracked entity was created, updated or deleted: the CDI event {@link ChangeListener} fires from the
 * entity's {@code @PostPersist}, {@code @PostUpdate} and {@code @PostRemove} callbacks. Observe it like any
 * event; observe it with {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to see only committed
 * changes (outside a transaction such an observer is called at once).
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
