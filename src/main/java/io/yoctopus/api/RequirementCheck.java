package io.yoctopus.api;

import java.util.concurrent.CompletionStage;

/**
 * A custom endpoint requirement, named by {@link Requires#check()}. Implementations are CDI beans
 * (typically {@code @ApplicationScoped}) and may complete asynchronously, e.g. after asking a remote
 * permission service. A check that completes exceptionally counts as not met.
 */
@FunctionalInterface
public interface RequirementCheck {

    /**
     * Decides whether the connection may call the endpoint.
     *
     * @param settings the connection's settings, read-only here
     * @param connectionId the connection's id
     * @return {@code true} to allow the call
     */
    CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId);
}
