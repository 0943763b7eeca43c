package io.yoctopus.it.probe;

/** A request naming a connection: {@code {connection: string}}. */
public record Target(String connection) {
}
