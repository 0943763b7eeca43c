package io.yoctopus.it.extjar;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Reply;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A test plugin that reaches the server only inside a separate bean archive in {@code WEB-INF/lib}
 * (see {@code WireProtocolIT#deployment()}): proves that plugins are discovered in library jars, and
 * gives the integration tests a throwing handler, asynchronous handlers, a handler held until released,
 * and endpoints to alias.
 */
@Plugin("ext")
@Setting(name = "last", type = String.class)
public class ExtPlugin {

    /** What {@link #boom()} throws; must never reach the client. */
    public static final String SECRET = "secret internals that must not leak";

    /**
     * A plain executor (not a managed one): the asynchronous handlers complete on its threads, i.e. on a
     * thread that is not the container thread which read the frame.
     */
    static final ExecutorService LATER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "ext-plugin-later");
        thread.setDaemon(true);
        return thread;
    });

    private final ConcurrentMap<String, CompletableFuture<Map<String, Object>>> holds = new ConcurrentHashMap<>();

    @Handles(endpoint = "echo", method = "read")
    public Map<String, Object> echo(Echo request) {
        return Map.of("text", request.text());
    }

    @Handles(endpoint = "ping", method = "read")
    public Map<String, Object> ping() {
        return Map.of("pong", true);
    }

    @Handles(endpoint = "boom", method = "read")
    public Map<String, Object> boom() {
        throw new IllegalStateException(SECRET);
    }

    /** Answers {@code {"value": value}} from another thread after {@code delayMillis}, and remembers the value. */
    @Handles(endpoint = "later", method = "read")
    public CompletionStage<Reply> later(Later request) {
        return CompletableFuture.supplyAsync(() -> {
            pause(request.delayMillis());
            return Reply.of(Map.of("value", request.value())).withSetting("last", request.value());
        }, LATER);
    }

    /** Fails from another thread after {@code delayMillis} with an unexpected exception. */
    @Handles(endpoint = "later-boom", method = "read")
    public CompletionStage<Map<String, Object>> laterBoom(Later request) {
        return CompletableFuture.supplyAsync(() -> {
            pause(request.delayMillis());
            throw new IllegalStateException(SECRET);
        }, LATER);
    }

    /** Rejects from another thread after {@code delayMillis}: the message reaches the client. */
    @Handles(endpoint = "later-reject", method = "read")
    public CompletionStage<Map<String, Object>> laterReject(Later request) {
        return CompletableFuture.supplyAsync(() -> {
            pause(request.delayMillis());
            throw new RequestRejected("rejected later: " + request.value());
        }, LATER);
    }

    /**
     * Answers {@code {"held": text}} only once {@code ext:hold update} with the same text releases it, from any
     * connection: a handler that stays pending exactly as long as a test wants, however slow the machine.
     */
    @Handles(endpoint = "hold", method = "read")
    public CompletionStage<Map<String, Object>> hold(Echo request) {
        return gate(request.text());
    }

    /** Releases the {@code ext:hold read} requests waiting on {@code text}. */
    @Handles(endpoint = "hold", method = "update")
    public Map<String, Object> release(Echo request) {
        gate(request.text()).complete(Map.of("held", request.text()));
        holds.remove(request.text());
        return Map.of("released", request.text());
    }

    private CompletableFuture<Map<String, Object>> gate(String text) {
        return holds.computeIfAbsent(text, key -> new CompletableFuture<>());
    }

    /** Only for connections labelled {@code vip}, decided by an asynchronous custom check. */
    @Handles(endpoint = "vip", method = "read")
    @Requires(check = LabelIsVip.class)
    public Map<String, Object> vip() {
        return Map.of("vip", true);
    }

    /**
     * Pushes {@code alert} {@code {text}} while handling, and {@code late} {@code {text}} from another
     * thread after the response.
     */
    @Handles(endpoint = "notify", method = "read")
    public Map<String, Object> push(Echo request, Notifier notifier) {
        notifier.notify("alert", Map.of("text", request.text()));
        LATER.execute(() -> {
            pause(100);
            notifier.notify("late", Map.of("text", request.text()));
        });
        return Map.of("sent", true);
    }

    /** The delay a test asks for (or the gap before a late push): the scenario, not a wait for a condition. */
    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
