package io.yoctopus.it.probe;

import jakarta.json.JsonObject;

/** {@code probe:notify} {@code create}: push {@code type} with {@code data} to connection {@code id}. */
public record NotifyCommand(String id, String type, JsonObject data) {
}
