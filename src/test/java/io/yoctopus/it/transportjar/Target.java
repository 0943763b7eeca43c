package io.yoctopus.it.transportjar;

/** The request format of {@code probe:closed read}: a connection id. */
public record Target(String target) {
}
