package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.RequirementCheck;
import jakarta.json.JsonValue;

/** An endpoint requirement as declared, resolved against the declared settings. */
public sealed interface RequirementModel {

    /** How the requirement is named to clients, in errors and in the api listing. */
    String description();

    /** A setting that must have a value. */
    record SettingEquals(String plugin, String key, JsonValue expected) implements RequirementModel {
        @Override
        public String description() {
            return plugin + "." + key + " = " + expected;
        }
    }

    /** A custom check bean. */
    record Custom(Class<? extends RequirementCheck> type) implements RequirementModel {
        @Override
        public String description() {
            return type.getSimpleName();
        }
    }
}
