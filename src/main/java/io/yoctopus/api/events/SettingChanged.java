package io.yoctopus.api.events;

import java.util.Optional;

/**
 * A setting of a connection changed value. Fired with the qualifier {@link SettingOf} naming the plugin
 * and setting, so an observer can select one:
 * {@code @Observes @SettingOf(plugin = "auth", setting = "authenticated") SettingChanged change}; an
 * observer without the qualifier sees every change.
 *
 * @param oldValue empty when it was unset
 * @param newValue empty when it was cleared
 */
public record SettingChanged(String connectionId, String plugin, String setting, Optional<Object> oldValue,
        Optional<Object> newValue) {
}
