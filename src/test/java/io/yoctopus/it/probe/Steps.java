package io.yoctopus.it.probe;

import java.util.List;

/** The request format of {@code probe:transform}: {@code {steps: array}}. */
public record Steps(List<String> steps) {
}
