package io.yoctopus.plugins.changetracker;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * The JPA entity listener of change tracking. An entity opts in with
 * {@code @EntityListeners(ChangeListener.class)}; after each insert, update and delete the listener fires
 * an {@link EntityChanged} CDI event, which the change tracker announces to subscribers once the
 * transaction has committed. The entity must belong to the application's persistence unit
 * ({@value TrackedModels#PERSISTENCE_UNIT}).
 */
public class ChangeListener {

    @Inject
    Event<EntityChanged> events;

    @Inject
    TrackedModels models;

    @PostPersist
    public void created(Object entity) {
        fire(EntityChanged.Operation.CREATE, entity);
    }

    @PostUpdate
    public void updated(Object entity) {
        fire(EntityChanged.Operation.UPDATE, entity);
    }

    @PostRemove
    public void deleted(Object entity) {
        fire(EntityChanged.Operation.DELETE, entity);
    }

    private void fire(EntityChanged.Operation operation, Object entity) {
        TrackedModels tracked = models();
        tracked.of(entity.getClass()).ifPresent(model ->
                events().fire(new EntityChanged(operation, model.name(), tracked.id(entity), entity)));
    }

    // JPA providers inject entity listeners in a Jakarta EE container; a listener made without CDI looks up
    private TrackedModels models() {
        if (models == null) {
            models = CDI.current().select(TrackedModels.class).get();
        }
        return models;
    }

    private Event<EntityChanged> events() {
        if (events == null) {
            events = CDI.current().getBeanManager().getEvent().select(EntityChanged.class);
        }
        return events;
    }
}
