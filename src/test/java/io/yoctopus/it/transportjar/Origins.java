package io.yoctopus.it.transportjar;

import java.util.List;

/** The request format of {@code probe:origins update}: the new allowed origins. */
public record Origins(List<String> origins) {
}
