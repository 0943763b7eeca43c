package io.yoctopus.api.events;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Selects the {@link SettingChanged} events of one plugin's setting. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface SettingOf {

    String plugin();

    String setting();

    /** The qualifier as a value, for firing. */
    final class Literal extends AnnotationLiteral<SettingOf> implements SettingOf {
        private static final long serialVersionUID = 1L;

        private final String plugin;
        private final String setting;

        public Literal(String plugin, String setting) {
            this.plugin = plugin;
            this.setting = setting;
        }

        @Override
        public String plugin() {
            return plugin;
        }

        @Override
        public String setting() {
            return setting;
        }
    }
}
