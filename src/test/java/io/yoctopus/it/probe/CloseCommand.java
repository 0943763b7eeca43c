package io.yoctopus.it.probe;

/** {@code probe:close} {@code create}: close connection {@code id} with a close code and reason. */
public record CloseCommand(String id, int code, String reason) {
}
