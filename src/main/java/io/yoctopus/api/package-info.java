/**
 * The Yoctopus plugin API: everything a plugin author imports, and nothing else.
 *
 * <p>A plugin is an {@code @ApplicationScoped} CDI bean annotated {@link io.yoctopus.api.Plugin}. Its
 * endpoints are methods annotated {@link io.yoctopus.api.Handles}; request formats are records;
 * connection-scoped settings are declared with {@link io.yoctopus.api.Setting}; access rules with
 * {@link io.yoctopus.api.Requires}. Shared resources reach plugins by CDI injection.
 *
 * <p>Lifecycle and concurrency: a connection's requests run one at a time, in arrival order, each on the
 * container thread that read its frame (or, after an asynchronous handler, on the thread that completed
 * it); the next request of the same connection starts only after the previous response is sent.
 * Different connections run concurrently, so plugin beans must be thread-safe.
 */
package io.yoctopus.api;
