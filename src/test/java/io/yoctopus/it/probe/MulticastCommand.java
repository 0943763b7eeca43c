package io.yoctopus.it.probe;

import jakarta.json.JsonObject;

/** {@code probe:multicast} {@code create}: push {@code type} with {@code data} to the connections matching {@code filter}. */
public record MulticastCommand(JsonObject filter, String type, JsonObject data) {
}
