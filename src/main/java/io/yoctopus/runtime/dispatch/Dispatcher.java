package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.Reply;
import io.yoctopus.api.Request;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.catalogue.Route;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.format.FormatCheck;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The path of a request frame from text in to response out: parse, route, validate and bind the data,
 * check requirements, call the handler, apply its settings, answer. Every failure becomes an error
 * response on the same connection; nothing escapes to the container. Synchronous handlers complete on
 * the calling thread without any hand-off.
 */
public final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Supplier<Catalogue> catalogue;
    private final JsonCodec json;
    private final Validator validator;
    private final Messages messages;
    private final Requirements requirements;

    public Dispatcher(Supplier<Catalogue> catalogue, JsonCodec json, Validator validator) {
        this.catalogue = catalogue;
        this.json = json;
        this.validator = validator;
        this.messages = new Messages(json);
        this.requirements = new Requirements();
    }

    public Messages messages() {
        return messages;
    }

    /** Handles one text frame; the future completes once the response is queued, and never exceptionally. */
    public CompletableFuture<Void> handle(Connection connection, String frame) {
        Request request = read(connection, frame);
        if (request == null) {
            return DONE;
        }
        Map<String, Route> methods = catalogue.get().methods(request.endpoint());
        Route route = methods.get(request.method());
        if (route == null) {
            reject(connection, request, methods.isEmpty()
                    ? "unknown endpoint '" + request.endpoint() + "'"
                    : "endpoint '" + request.endpoint() + "' has no method '" + request.method() + "' (it has: "
                            + String.join(", ", methods.keySet().stream().sorted().toList()) + ")");
            return DONE;
        }
        Invocation invocation = new Invocation(connection, request, route, json, messages);
        try {
            Object data = bind(route, request);
            if (route.checks().isEmpty()) {
                List<String> unmet = requirements.unmet(route, invocation);
                return unmet.isEmpty() ? call(connection, request, route, invocation, data) : rejected(connection, request, unmet);
            }
            return requirements.unmetAsync(route, invocation).thenCompose(unmet -> unmet.isEmpty()
                    ? call(connection, request, route, invocation, data)
                    : rejected(connection, request, unmet));
        } catch (Throwable failure) {
            fail(connection, request, route, failure);
            return DONE;
        }
    }

    private Request read(Connection connection, String frame) {
        JsonValue message;
        try {
            message = json.parse(frame);
        } catch (JsonException malformed) {
            connection.send(messages.error(null, null, null, List.of("malformed JSON: " + malformed.getMessage())));
            return null;
        }
        if (!(message instanceof JsonObject object)) {
            connection.send(messages.error(null, null, null, List.of("a request must be a JSON object with meta and data")));
            return null;
        }
        if (!(object.get("meta") instanceof JsonObject meta)) {
            connection.send(messages.error(null, null, null, List.of("meta is missing or not an object")));
            return null;
        }
        JsonValue id = meta.get("id");
        String endpoint = meta.get("endpoint") instanceof JsonString text ? text.getString() : null;
        String method = meta.get("method") instanceof JsonString text ? text.getString() : null;
        List<String> errors = new ArrayList<>(2);
        if (endpoint == null) {
            errors.add("meta.endpoint is missing or not a string");
        }
        if (method == null) {
            errors.add("meta.method is missing or not a string");
        }
        if (!errors.isEmpty()) {
            connection.send(messages.error(id, endpoint, method, errors));
            return null;
        }
        return new Request(id == null ? JsonValue.NULL : id, endpoint, method, object.getOrDefault("data", JsonValue.NULL));
    }

    private Object bind(Route route, Request request) {
        if (route.handler().format() == null) {
            return null;
        }
        List<String> errors = FormatCheck.errors(route.handler().format(), request.data(), json, validator);
        if (!errors.isEmpty()) {
            throw new RequestRejected(errors);
        }
        try {
            return json.bind(request.data(), route.handler().dataType());
        } catch (JsonbException unreadable) {
            throw new RequestRejected("data: cannot be read as " + route.handler().dataType().getTypeName());
        }
    }

    private CompletableFuture<Void> call(Connection connection, Request request, Route route, Invocation invocation, Object data) {
        Object result;
        try {
            result = route.invoke(invocation.arguments(data));
        } catch (Throwable failure) {
            fail(connection, request, route, failure);
            return DONE;
        }
        if (!(result instanceof CompletionStage<?> stage)) {
            finish(connection, request, route, invocation, result);
            return DONE;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                fail(connection, request, route, failure);
            } else {
                finish(connection, request, route, invocation, value);
            }
            done.complete(null);
        });
        return done;
    }

    private void finish(Connection connection, Request request, Route route, Invocation invocation, Object result) {
        try {
            Object response = result;
            if (result instanceof Reply reply) {
                invocation.stageAll(reply.settings());
                response = reply.response();
            }
            String data = response == null ? "{}" : json.write(response);
            invocation.commit();
            connection.send(messages.response(request.id(), request.endpoint(), request.method(), data));
        } catch (Throwable failure) {
            fail(connection, request, route, failure);
        }
    }

    private CompletableFuture<Void> rejected(Connection connection, Request request, List<String> errors) {
        connection.send(messages.error(request.id(), request.endpoint(), request.method(), errors));
        return DONE;
    }

    private void reject(Connection connection, Request request, String error) {
        rejected(connection, request, List.of(error));
    }

    private void fail(Connection connection, Request request, Route route, Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        List<String> errors = Failures.clientMessages(cause);
        if (errors == null) {
            LOG.log(Level.SEVERE, "handler " + route.handler().describe() + " failed on request " + request.id()
                    + " of connection " + connection.id(), cause);
            errors = List.of("internal error");
        }
        rejected(connection, request, errors);
    }
}
