package io.yoctopus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a plugin method as the handler of binary frames; at most one in the application. Without one,
 * binary frames are answered with an error.
 *
 * <p>The method takes the frame as {@code byte[]} or {@code java.nio.ByteBuffer}, and any of the context
 * parameters of {@link Handles} ({@link ConnectionSettings}, {@link Notifier}, {@code @}{@link ConnectionId}
 * {@code String}, {@link PluginLog}, {@link Multicast}). {@link Requires} applies as for endpoints: when a
 * requirement fails, the frame is dropped, the handler is not called and the client gets an error. There
 * is no response: answer with the {@link Notifier}. Settings written through {@link ConnectionSettings} or a
 * returned {@link Reply} are applied as for endpoints.
 *
 * <pre>{@code
 * @HandlesBinary
 * @Requires(setting = "auth.authenticated", equals = "true")
 * public void upload(ByteBuffer bytes, Notifier notifier) {
 *     notifier.notify("binary-processed", Map.of("size", bytes.remaining()));
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HandlesBinary {
}
