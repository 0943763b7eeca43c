package io.yoctopus.runtime.operations;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One figure as operators read it: a name, what it means, its unit, its tags, and a way to read its current value.
 * The same readings are registered with MicroProfile Metrics where the server has it and listed by the JMX
 * {@code Metrics} MXBean everywhere.
 *
 * @param name dotted, e.g. {@code yoctopus.requests} (Prometheus shows {@code yoctopus_requests})
 * @param unit {@code none} or {@code seconds}, MicroProfile Metrics' unit names
 * @param tags in a fixed order
 */
public record Reading(String name, String description, String unit, Map<String, String> tags, Supplier<Number> value) {

    /** The unit of counts. */
    public static final String NONE = "none";
    /** The unit of durations. */
    public static final String SECONDS = "seconds";

    /** {@code name{tag=value,...}}, or the name alone without tags: unique among the readings. */
    public String key() {
        if (tags.isEmpty()) {
            return name;
        }
        return tags.entrySet().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(",", name + "{", "}"));
    }
}
