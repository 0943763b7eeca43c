package io.yoctopus.it.extjar;

/** The request format of the asynchronous {@code ext} endpoints: {@code {value: string, delayMillis: number}}. */
public record Later(String value, long delayMillis) {
}
