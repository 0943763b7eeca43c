package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.RequirementCheck;
import io.yoctopus.api.Requires;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Turns {@link Requires} declarations into {@link RequirementModel}s against every plugin's settings. */
public final class RequirementResolver {

    private final DeploymentProblems problems;
    private final JsonCodec json;
    private final Map<String, Map<String, SettingType>> settings = new HashMap<>();
    private final Map<String, String> switchedOff;

    /**
     * @param switchedOff the plugins switched off at deployment, each with the reason, so that a requirement
     *                    naming one of their settings says so
     */
    public RequirementResolver(DeploymentProblems problems, JsonCodec json, Map<String, String> switchedOff) {
        this.problems = problems;
        this.json = json;
        this.switchedOff = Map.copyOf(switchedOff);
    }

    void knowSettings(List<PluginModel> plugins) {
        plugins.forEach(plugin -> settings.put(plugin.name(), plugin.settings()));
    }

    Optional<RequirementModel> resolve(Requires requires, String where) {
        boolean bySetting = !requires.setting().isEmpty();
        boolean byCheck = requires.check() != RequirementCheck.class;
        if (bySetting == byCheck) {
            problems.add(where + ": @Requires needs either setting (with equals) or check, not "
                    + (bySetting ? "both" : "neither"));
            return Optional.empty();
        }
        if (byCheck) {
            return Optional.of(new RequirementModel.Custom(requires.check()));
        }
        String qualified = requires.setting();
        // the plugin before the first dot, the key after it; without a dot, no plugin and all of it the key
        int dot = qualified.indexOf('.');
        String plugin = qualified.substring(0, Math.max(dot, 0));
        String key = qualified.substring(dot + 1);
        SettingType type = settings.getOrDefault(plugin, Map.of()).get(key);
        if (type == null) {
            problems.add(where + ": @Requires names setting '" + qualified + "'" + whyUnknown(plugin, key));
            return Optional.empty();
        }
        return expectedValue(type, requires.equals(), where + ": @Requires(setting = \"" + qualified + "\")")
                .map(expected -> new RequirementModel.SettingEquals(plugin, key, expected));
    }

    /** Why {@code plugin.key} names no setting, in the words a deployer can act on, as the end of the sentence. */
    private String whyUnknown(String plugin, String key) {
        if (plugin.isEmpty()) {
            return ", which names no plugin (write it as plugin.setting)";
        }
        if (switchedOff.containsKey(plugin)) {
            return " of plugin '" + plugin + "', which is switched off (" + switchedOff.get(plugin) + ")";
        }
        Map<String, SettingType> declared = settings.get(plugin);
        if (declared == null) {
            return ", but no plugin '" + plugin + "' is installed";
        }
        return ", but plugin '" + plugin + "' declares no setting '" + key + "' ("
                + (declared.isEmpty() ? "it declares none" : "it declares " + String.join(", ", new TreeSet<>(declared.keySet())))
                + ")";
    }

    private Optional<JsonValue> expectedValue(SettingType type, String text, String where) {
        try {
            JsonValue value = switch (type) {
                case STRING -> json.string(text);
                case BOOL -> switch (text) {
                    case "true" -> JsonValue.TRUE;
                    case "false" -> JsonValue.FALSE;
                    default -> null;
                };
                case NUMBER -> json.toJsonValue(new BigDecimal(text));
                case ARRAY, OBJECT -> json.parse(text);
            };
            if (value != null && type.accepts(value)) {
                return Optional.of(value);
            }
        } catch (NumberFormatException | JsonException notThatType) {
            // reported below
        }
        problems.add(where + ": equals = \"" + text + "\" is not " + type.withArticle());
        return Optional.empty();
    }
}
