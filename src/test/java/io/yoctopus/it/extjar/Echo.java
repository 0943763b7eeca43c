package io.yoctopus.it.extjar;

/** The request format of {@code ext:echo}: {@code {text: string}}. */
public record Echo(String text) {
}
