package io.yoctopus.it.probe;

/** A request format: {@code {text: string}}. */
public record Text(String text) {
}
