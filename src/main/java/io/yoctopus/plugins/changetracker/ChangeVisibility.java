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
 *         return !(change.entity() instanceof Post post) || !post.isDraft()
 *                 || settings.get("auth", "userId", String.class).map(post.getAuthor()::equals).orElse(false);
 *     }
 * }
 * }</pre>
 *
 * <p>Every such bean is asked; a subscriber receives the change only if all answer {@code true}. It runs
 * after the commit, on the committing thread, once per subscriber: keep it fast, and read only what the
 * entity has loaded. A policy that throws vetoes (and the failure is logged).
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
