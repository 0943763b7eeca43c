package io.yoctopus.api.events;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Notifier;
import java.util.List;

/**
 * A request changed one or more settings of its connection; fired once per such request, after all its
 * changes were applied and their {@link SettingChanged} events fired.
 *
 * @param settings the connection's settings after the changes, read-only
 */
public record ConnectionChanged(String connectionId, List<SettingChanged> changes, ConnectionSettings settings,
        Notifier notifier) {
}
