package io.yoctopus.plugins.changetracker;

import io.yoctopus.api.ConnectionSettings;

/**
 * An access policy: a CDI bean implementing this interface may keep a change from a subscriber, per
 * connection and per change (row-level visibility, e.g. only its author sees a draft):
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class DraftsForAuthors implements ChangeVisibility {
 *     public boolean visible(EntityChanged change, String connectionId, ConnectionSettings settings) {
 *         // the public fields: there on every instance of a cluster (the entity only where the change committed)
 *         return !"Post".equals(change.model()) || !Boolean.TRUE.equals(change.fields().get("draft"))
 *                 || settings.get("auth", "userId", String.class).map(change.fields().get("author")::equals)
 *                         .orElse(false);
 *     }
 * }
 * }</pre>
 *
 * <p>In a cluster each instance asks the policies about its own subscribers. On the instance where the change
 * committed the change carries the entity; on the others {@link EntityChanged#entity()} is {@code null} and only
 * {@link EntityChanged#fields()}, the public fields, tell what changed: a policy that needs more must make it a
 * public field, or say no when the entity is missing.
 *
 * <p>Every such bean is asked; a subscriber receives the change only if all answer {@code true}. It runs
 * after the commit, on the committing thread (on another instance, on its cluster thread), once per subscriber:
 * keep it fast, and read only what the entity has loaded. A policy that throws vetoes (and the failure is logged).
 */
@FunctionalInterface
public interface ChangeVisibility {

    /**
     * @param change the committed change
     * @param connectionId the subscriber
     * @param settings the subscriber's settings, read-only
     * @return whether this subscriber receives the change
     */
    boolean visible(EntityChanged change, String connectionId, ConnectionSettings settings);
}
