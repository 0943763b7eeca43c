package io.yoctopus.plugins.changetracker;

import java.util.Locale;
import java.util.Map;

/**
 * A tracked entity was created, updated or deleted: the CDI event {@link ChangeListener} fires from the
 * entity's {@code @PostPersist}, {@code @PostUpdate} and {@code @PostRemove} callbacks, inside the change's
 * transaction. Observe it like any event. The change tracker holds it until the transaction commits; a
 * {@code TransactionPhase.AFTER_SUCCESS} observer is not reliable for it (Hibernate fires these callbacks while the
 * commit flushes, and such an observer then is never called).
 *
 * <p>In a cluster ({@code README}, "Clustering") a change is announced on every instance, but only the instance
 * where it committed has the entity: the others get the change with a {@code null} entity, the row's key text as its
 * id, and its public fields as subscribers receive them. A {@link ChangeVisibility} policy that must work on every
 * instance decides from {@link #fields()}, which is filled on every instance.
 *
 * @param operation what happened
 * @param model the entity name, e.g. {@code Post}
 * @param id the entity's id; on another instance of a cluster, the row's key as text ({@code "42"})
 * @param entity the entity itself; after the commit it is detached: read only what is loaded. {@code null} on
 *     another instance of a cluster
 * @param fields the public fields, as subscribers receive them: {@code {name: value}}, the values as plain Java
 *     (String, BigDecimal, Boolean, List, Map, null). Filled in the change a visibility policy is asked about;
 *     empty in the event the listener fires, before the fields are read
 */
public record EntityChanged(Operation operation, String model, Object id, Object entity, Map<String, Object> fields) {

    /** A change on this instance, its fields not read yet: what {@link ChangeListener} fires. */
    public EntityChanged(Operation operation, String model, Object id, Object entity) {
        this(operation, model, id, entity, Map.of());
    }

    /** The wire protocol's {@code operation}. */
    public enum Operation {
        CREATE, UPDATE, DELETE;

        /** {@code create}, {@code update} or {@code delete}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
