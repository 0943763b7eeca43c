package io.yoctopus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a handler ({@link Handles} or {@link HandlesBinary}) never blocks its thread: it computes its
 * answer from its arguments and memory, and waits for nothing (no database, no file, no remote call, no lock held
 * by slow code, no {@code Thread.sleep}). A handler that returns a {@code CompletionStage} counts as non-blocking
 * too: it must return the stage at once and complete it elsewhere.
 *
 * <p><b>What it changes.</b> On the Vert.x transport (README, "The Vert.x transport"), frames are read by a few
 * event-loop threads, each serving many connections: a non-blocking handler runs right there, with no hand-off,
 * while every other handler runs on the transport's worker threads (made by the server's
 * {@code ManagedThreadFactory}, so JPA, transactions and JNDI work there as on a container thread), so that a
 * slow handler never stalls other connections. On the container's own WebSocket transport the annotation
 * changes nothing: every handler runs on the container thread that read its frame.
 *
 * <p>Either way a connection's requests run one at a time, in arrival order: the next request of a connection
 * starts only after the previous response is queued, on whatever thread the previous one finished.
 *
 * <p>On an event loop, the same promise covers what runs with the handler: its {@link Requires} checks and the
 * observers of the request events ({@code RequestReceived}, {@code ResponsePrepared}, {@code ResponseSent}).
 * A handler that blocks anyway stalls every connection of its event loop, and the transport's blocked-thread
 * checker logs a warning with the stack of the stalled thread after two seconds.
 *
 * <pre>{@code
 * @Handles(endpoint = "hello", method = "read")
 * @NonBlocking
 * public Map<String, String> hello(Hello request) {
 *     return Map.of("message", "Hello, " + request.name() + "!");
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonBlocking {
}
