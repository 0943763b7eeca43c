package io.yoctopus.api;

import java.util.Map;
import java.util.Optional;

/**
 * The settings store of one connection, as seen by one plugin's handler.
 *
 * <p>Values are plain Java: {@code String}, {@code Boolean}, {@code java.math.BigDecimal} for numbers,
 * {@code List<Object>} and {@code Map<String, Object>}. Writes are staged and applied together when the
 * handler completes successfully: a request changes all of its settings or none.
 */
public interface ConnectionSettings {

    /** The value of another (or this) plugin's setting, empty when unset. */
    Optional<Object> get(String plugin, String key);

    /**
     * The value of a setting converted to {@code type}: {@code String}, {@code Boolean}, any numeric
     * wrapper, {@code BigDecimal}, {@code List} or {@code Map}.
     *
     * @throws IllegalArgumentException when the value is of another type
     */
    <T> Optional<T> get(String plugin, String key, Class<T> type);

    /**
     * Stages a write of this plugin's setting; {@code null} clears it. Later reads in the same request
     * see the staged value.
     *
     * @throws RequestRejected when the key is not a declared setting or the value is of the wrong type
     */
    void set(String key, Object value);

    /** Every setting of the connection as {@code {plugin: {key: value}}}, including staged writes. */
    Map<String, Map<String, Object>> export();
}
