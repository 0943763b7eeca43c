/**
 * Lifecycle events: CDI events any bean observes, the Jakarta form of the Node version's server
 * listeners.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class AuditLog {
 *     void opened(@Observes ConnectionOpened event) { ... }
 *     void loggedIn(@Observes @SettingOf(plugin = "auth", setting = "authenticated") SettingChanged change) { ... }
 *     void stamp(@Observes @Priority(10) ResponsePrepared event) { event.replaceResponse(...); }
 * }
 * }</pre>
 *
 * <p>Synchronous observers run on the thread of the connection's request pipeline, in {@code @Priority}
 * order (lower first); {@link io.yoctopus.api.events.RequestReceived} and
 * {@link io.yoctopus.api.events.ResponsePrepared} observers may replace the data, each seeing what the
 * previous one left. Observers with {@code @ObservesAsync} run later on another thread; use them where
 * order does not matter. An exception thrown by a synchronous observer of a request event answers that
 * request with an error; one thrown by an observer of a connection event is logged.
 */
package io.yoctopus.api.events;
