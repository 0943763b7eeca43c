package io.yoctopus.api;

import jakarta.json.JsonValue;

/**
 * A request as the client sent it.
 *
 * @param id the client's correlation id, echoed in the response ({@code JsonValue.NULL} when absent)
 * @param endpoint the endpoint as addressed: {@code plugin:endpoint} or an alias
 * @param method the method
 * @param data the request data ({@code JsonValue.NULL} when absent)
 */
public record Request(JsonValue id, String endpoint, String method, JsonValue data) {
}
