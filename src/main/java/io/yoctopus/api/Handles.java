package io.yoctopus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a plugin method as the handler of one endpoint and method, addressed by clients as
 * {@code "meta": {"endpoint": "<plugin>:<endpoint>", "method": "<method>"}}.
 *
 * <h2>Parameters</h2>
 * Each parameter is resolved by its type, once per request; any order:
 * <ul>
 *   <li>the request data, at most one parameter: a record (its components give the request format, see
 *       below), {@code String}, a number, {@code boolean}, an enum, a {@code List} or a {@code Map}.
 *       The data is validated against the format before the call; every failure is reported to the
 *       client at once, each with its field path. A {@link jakarta.json.JsonValue} parameter receives
 *       the data unvalidated (the endpoint then declares no format);</li>
 *   <li>{@link Request}: the whole request (id, endpoint, method, data);</li>
 *   <li>{@link ConnectionSettings}: read any plugin's settings, write this plugin's;</li>
 *   <li>{@link Notifier}: push notifications to this connection;</li>
 *   <li>{@code @}{@link ConnectionId} {@code String}: the connection's id;</li>
 *   <li>{@link PluginLog}: a logger tagged with this plugin and connection.</li>
 * </ul>
 * Anything else reaches the plugin by CDI injection into the bean.
 *
 * <h2>Request formats</h2>
 * A record's components map to the format types of the wire protocol: {@code String} → string,
 * numeric types → number (integral types also reject fractions and out-of-range values),
 * {@code boolean} → bool, {@code List}/{@code Set}/arrays → array, {@code Map}/{@code JsonObject} →
 * object, nested records → nested objects, enums and {@link OneOf} → one of the listed values,
 * {@code @Email} → email, {@link Hostname} → hostname, {@link IsoDate} and {@code java.time} types →
 * date. Every other Bean Validation constraint is a custom validator. All components are required
 * unless their type is {@code Optional}. Unknown fields are ignored.
 *
 * <h2>Return value</h2>
 * The response data: any value JSON-B can serialize, {@code void} or {@code null} for {@code {}}, a
 * {@link Reply} to change settings with the response, or a {@code CompletionStage} of any of these.
 * Throw {@link RequestRejected} to answer with an error; any other exception answers
 * {@code "internal error"} and is logged with its stack trace.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Handles {

    /** The endpoint name, unique with {@link #method()} within the plugin. */
    String endpoint();

    /** The method, typically {@code read}, {@code create}, {@code update} or {@code delete}. */
    String method();
}
