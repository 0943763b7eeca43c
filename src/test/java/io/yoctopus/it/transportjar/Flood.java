package io.yoctopus.it.transportjar;

/** The request format of {@code probe:flood create}: push {@code count} notifications of {@code size} characters to {@code target}. */
public record Flood(String target, int count, int size) {
}
