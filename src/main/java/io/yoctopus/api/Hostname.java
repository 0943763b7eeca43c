package io.yoctopus.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A string that must be a host name as RFC 1123 defines it: dot-separated labels of letters, digits and
 * inner hyphens, each at most 63 characters, at most 253 in all. The wire protocol's {@code hostname}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Constraint(validatedBy = Hostname.Validator.class)
public @interface Hostname {

    String message() default "must be a valid hostname";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the RFC 1123 syntax; {@code null} is left to the required check. */
    class Validator implements ConstraintValidator<Hostname, String> {
        private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.isEmpty() || value.length() > 253) {
                return false;
            }
            String host = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
            for (String label : host.split("\\.", -1)) {
                if (!LABEL.matcher(label).matches()) {
                    return false;
                }
            }
            return true;
        }
    }
}
