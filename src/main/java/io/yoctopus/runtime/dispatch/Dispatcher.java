package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Multicast;
import io.yoctopus.api.Reply;
import io.yoctopus.api.Request;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import io.yoctopus.api.events.ResponseSent;
import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.catalogue.ParameterKind;
import io.yoctopus.runtime.catalogue.Route;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionNotifier;
import io.yoctopus.runtime.connection.ReadOnlySettings;
import io.yoctopus.runtime.format.FormatCheck;
import io.yoctopus.runtime.json.ErrorText;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.Messages;
import io.yoctopus.runtime.logging.TaggedRecord;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.metrics.Metrics.Unrouted;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Validator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The path of a request frame from text in to response out: parse, route, let observers see the
 * request, validate and bind the data, check requirements, call the handler, let observers see the
 * response, apply its settings, answer. Every failure becomes an error response on the same connection;
 * nothing escapes to the container. Synchronous handlers complete on the calling thread without any
 * hand-off, unless the connection has a worker ({@link Connection#worker()}: its frames are read on a thread that
 * must never block) and the handler may block ({@link Route#blocking()}): then everything after routing runs
 * there, and the request completes when the worker is done with it.
 *
 * <p>Each answer is counted ({@link Metrics}): a routed request in its route's figures, with the time from the
 * frame's dispatch to its answer, a frame answered before any route by why.
 */
public final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** What a binary frame is, as a request: no id, endpoint, method or JSON data. */
    private static final Request BINARY_FRAME = new Request(JsonValue.NULL, null, null, JsonValue.NULL);
    private static final List<String> RATE_LIMITED = List.of("rate limit exceeded: slow down");

    private final Supplier<Catalogue> catalogue;
    private final JsonCodec json;
    private final Validator validator;
    private final RequestEvents events;
    /*
     * The observes* answers of the events, fixed for the application: asked once here, because the
     * events are a CDI bean reached through its client proxy, which every request would otherwise pay
     * for three times.
     */
    private final boolean observesReceived;
    private final boolean observesPrepared;
    private final boolean observesSent;
    private final Multicast multicast;
    private final Messages messages;
    private final Requirements requirements = new Requirements();
    private final Metrics metrics;

    /**
     * @param catalogue the catalogue in force, asked once per request
     * @param events where the request lifecycle is reported; its {@code observes*} answers are read once, here
     * @param multicast what handlers get for a {@link Multicast} parameter
     */
    public Dispatcher(Supplier<Catalogue> catalogue, JsonCodec json, Validator validator, RequestEvents events,
            Multicast multicast) {
        this(catalogue, json, validator, events, multicast, new Metrics());
    }

    /** @param metrics where the frames answered before any route are counted */
    public Dispatcher(Supplier<Catalogue> catalogue, JsonCodec json, Validator validator, RequestEvents events,
            Multicast multicast, Metrics metrics) {
        this.metrics = metrics;
        this.catalogue = catalogue;
        this.json = json;
        this.validator = validator;
        this.events = events;
        this.observesReceived = events.observesReceived();
        this.observesPrepared = events.observesPrepared();
        this.observesSent = events.observesSent();
        this.multicast = multicast;
        this.messages = new Messages(json);
    }

    public Messages messages() {
        return messages;
    }

    /**
     * Handles one text frame; the future completes once the response is queued, and never exceptionally.
     * Every frame counts against the rate limit, one that is no request too: the frame is read first only
     * so that a refused request is answered with its id.
     */
    public CompletableFuture<Void> handle(Connection connection, String frame) {
        long start = System.nanoTime();
        Incoming incoming = read(frame);
        Request request = incoming.request();
        if (!connection.admitRequest()) {
            metrics.unrouted(Unrouted.RATE_LIMITED);
            connection.send(messages.error(request.id(), request.endpoint(), request.method(), RATE_LIMITED));
            return DONE;
        }
        if (incoming.errors() != null) {
            metrics.unrouted(Unrouted.MALFORMED);
            connection.send(messages.error(request.id(), request.endpoint(), request.method(), incoming.errors()));
            return DONE;
        }
        Map<String, Route> methods = catalogue.get().methods(request.endpoint());
        Route route = methods.get(request.method());
        if (route == null) {
            metrics.unrouted(methods.isEmpty() ? Unrouted.UNKNOWN_ENDPOINT : Unrouted.UNKNOWN_METHOD);
            String error = methods.isEmpty()
                    ? "unknown endpoint '" + ErrorText.echo(request.endpoint()) + "'"
                    : "endpoint '" + ErrorText.echo(request.endpoint()) + "' has no method '"
                            + ErrorText.echo(request.method()) + "' (it has: "
                            + String.join(", ", methods.keySet().stream().sorted().toList()) + ")";
            answer(connection, request, false, messages.error(request.id(), request.endpoint(), request.method(),
                    List.of(error)), () -> new ReadOnlySettings(connection.settings(), json));
            return DONE;
        }
        Invocation invocation = new Invocation(connection, request, route, json, messages, multicast, start);
        Executor worker = connection.worker();
        if (worker != null && route.blocking()) {
            return handOff(worker, invocation, () -> serve(invocation));
        }
        return serve(invocation);
    }

    /** A routed request from its observers on: bind, check, call, answer. Never completes exceptionally. */
    private CompletableFuture<Void> serve(Invocation invocation) {
        try {
            if (observesReceived) {
                Request request = invocation.request();
                RequestReceived received = new RequestReceived(request, invocation.connectionId(),
                        invocation.readOnly(), invocation.notifier());
                events.received(received);
                invocation.replaceData(received.data());
            }
            return callIfAllowed(invocation, bind(invocation));
        } catch (Throwable failure) {
            fail(invocation, failure);
            return DONE;
        }
    }

    /**
     * Runs the rest of a request on the connection's worker; the future completes once the worker has answered
     * it (the connection's next request waits for that, so order is kept across the hand-off). A worker that no
     * longer takes tasks (the application is stopping) answers the request with an internal error at once.
     */
    private CompletableFuture<Void> handOff(Executor worker, Invocation invocation,
            Supplier<CompletableFuture<Void>> rest) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            worker.execute(() -> rest.get().whenComplete((ignored, never) -> done.complete(null)));
        } catch (RejectedExecutionException stopping) {
            fail(invocation, stopping);
            return DONE;
        }
        return done;
    }

    /**
     * Handles one binary frame with the application's binary handler; the client gets an error when there
     * is none or a requirement fails. Completes once the handler has, and never exceptionally.
     */
    public CompletableFuture<Void> handleBinary(Connection connection, byte[] bytes) {
        long start = System.nanoTime();
        if (!connection.admitRequest()) {
            metrics.unrouted(Unrouted.RATE_LIMITED);
            connection.send(messages.error(null, null, null, RATE_LIMITED));
            return DONE;
        }
        Route route = catalogue.get().binary().orElse(null);
        if (route == null) {
            metrics.unrouted(Unrouted.BINARY_NOT_ACCEPTED);
            connection.send(messages.error(null, null, null, List.of("binary frames are not accepted")));
            return DONE;
        }
        Invocation invocation = new Invocation(connection, BINARY_FRAME, route, json, messages, multicast, start);
        Object argument = route.handler().javaMethod().getParameterTypes()[route.handler().parameters()
                .indexOf(ParameterKind.BINARY)] == byte[].class ? bytes : ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        Executor worker = connection.worker();
        if (worker != null && route.blocking()) {
            return handOff(worker, invocation, () -> serveBinary(invocation, argument));
        }
        return serveBinary(invocation, argument);
    }

    private CompletableFuture<Void> serveBinary(Invocation invocation, Object argument) {
        try {
            return callIfAllowed(invocation, argument);
        } catch (Throwable failure) {
            fail(invocation, failure);
            return DONE;
        }
    }

    /**
     * Answers at once a text frame the connection may not queue (past a pending-requests quota) with
     * {@code error}, echoing the request's id, endpoint and method when they can be read.
     */
    public void refuse(Connection connection, String frame, String error) {
        metrics.unrouted(Unrouted.PENDING_QUOTA);
        Request request = read(frame).request();
        connection.send(messages.error(request.id(), request.endpoint(), request.method(), List.of(error)));
    }

    /** Answers at once a binary frame the connection may not queue with {@code error}. */
    public void refuseBinary(Connection connection, String error) {
        metrics.unrouted(Unrouted.PENDING_QUOTA);
        connection.send(messages.error(null, null, null, List.of(error)));
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : null;
    }

    /**
     * A text frame as read: a request, or the errors that make it none together with whatever of its meta
     * could be read (its id, endpoint and method, else null).
     */
    private record Incoming(Request request, List<String> errors) {

        static Incoming unreadable(JsonValue id, String endpoint, String method, List<String> errors) {
            return new Incoming(new Request(id, endpoint, method, JsonValue.NULL), errors);
        }
    }

    private Incoming read(String frame) {
        JsonValue message;
        try {
            message = json.parse(frame);
        } catch (JsonException malformed) {
            return Incoming.unreadable(null, null, null, List.of("malformed JSON: " + malformed.getMessage()));
        }
        if (!(message instanceof JsonObject object)) {
            return Incoming.unreadable(null, null, null, List.of("a request must be a JSON object with meta and data"));
        }
        if (!(object.get("meta") instanceof JsonObject meta)) {
            return Incoming.unreadable(null, null, null, List.of("meta is missing or not an object"));
        }
        JsonValue id = meta.get("id");
        String endpoint = text(meta.get("endpoint"));
        String method = text(meta.get("method"));
        List<String> errors = new ArrayList<>(2);
        if (endpoint == null) {
            errors.add("meta.endpoint is missing or not a string");
        }
        if (method == null) {
            errors.add("meta.method is missing or not a string");
        }
        if (!errors.isEmpty()) {
            return Incoming.unreadable(id, endpoint, method, errors);
        }
        return new Incoming(new Request(id == null ? JsonValue.NULL : id, endpoint, method,
                object.getOrDefault("data", JsonValue.NULL)), null);
    }

    private Object bind(Invocation invocation) {
        Route route = invocation.route();
        JsonValue data = invocation.request().data();
        if (route.handler().format() == null) {
            return null;
        }
        List<String> errors = FormatCheck.errors(route.handler().format(), data, json, validator);
        if (!errors.isEmpty()) {
            throw new RequestRejected(errors);
        }
        try {
            return json.bind(data, route.handler().dataType());
        } catch (JsonbException unreadable) {
            throw new RequestRejected("data: cannot be read as " + route.handler().dataType().getTypeName());
        }
    }

    /** Calls the handler when every requirement holds; custom checks may make this asynchronous. */
    private CompletableFuture<Void> callIfAllowed(Invocation invocation, Object data) {
        Route route = invocation.route();
        if (route.checks().isEmpty()) {
            List<String> unmet = requirements.unmet(route, invocation);
            return unmet.isEmpty() ? call(invocation, data) : rejected(invocation, unmet);
        }
        return requirements.unmetAsync(route, invocation)
                .thenCompose(unmet -> unmet.isEmpty() ? call(invocation, data) : rejected(invocation, unmet));
    }

    private CompletableFuture<Void> call(Invocation invocation, Object data) {
        Object result;
        try {
            result = invocation.route().invoke(invocation.arguments(data));
        } catch (Throwable failure) {
            fail(invocation, failure);
            return DONE;
        }
        if (!(result instanceof CompletionStage<?> stage)) {
            finish(invocation, result);
            return DONE;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                fail(invocation, failure);
            } else {
                finish(invocation, value);
            }
            done.complete(null);
        });
        return done;
    }

    private void finish(Invocation invocation, Object result) {
        Request request = invocation.request();
        try {
            Object response = result;
            if (result instanceof Reply reply) {
                invocation.stageAll(reply.settings());
                response = reply.response();
            }
            if (request == BINARY_FRAME) {
                invocation.commit(events);
                answered(invocation, true);
                return;
            }
            if (observesPrepared) {
                ResponsePrepared prepared = new ResponsePrepared(request, invocation.connectionId(),
                        invocation.readOnly(), invocation.notifier(), response);
                events.prepared(prepared);
                response = prepared.response();
            }
            String data = response == null ? "{}" : json.write(response);
            invocation.commit(events);
            answer(invocation.connection(), request, true,
                    messages.response(request.id(), request.endpoint(), request.method(), data), invocation::readOnly);
            answered(invocation, true);
        } catch (Throwable failure) {
            fail(invocation, failure);
        }
    }

    private CompletableFuture<Void> rejected(Invocation invocation, List<String> errors) {
        Request request = invocation.request();
        answer(invocation.connection(), request, false,
                messages.error(request.id(), request.endpoint(), request.method(), errors), invocation::readOnly);
        answered(invocation, false);
        return DONE;
    }

    /** Counts a routed request as answered, with the time since its frame was dispatched. */
    private static void answered(Invocation invocation, boolean ok) {
        invocation.route().stats().answered(ok, System.nanoTime() - invocation.startNanos());
    }

    private void answer(Connection connection, Request request, boolean ok, String message,
            Supplier<ConnectionSettings> settings) {
        connection.send(message);
        if (observesSent) {
            events.sent(new ResponseSent(request, connection.id(), settings.get(),
                    new ConnectionNotifier(connection, messages), ok, message));
        }
    }

    private void fail(Invocation invocation, Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        List<String> errors = Failures.clientMessages(cause);
        if (errors == null) {
            String what = "handler " + invocation.route().handler().describe() + " failed on request "
                    + invocation.request().id();
            TaggedRecord record = new TaggedRecord(Level.SEVERE, what, invocation.route().plugin().name(),
                    invocation.connectionId(), cause);
            record.setLoggerName(LOG.getName());
            LOG.log(record);
            events.failed(new YoctopusError(YoctopusError.Kind.ENDPOINT, Optional.of(invocation.connectionId()), what, cause));
            errors = List.of("internal error");
        }
        rejected(invocation, errors);
    }
}
