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
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A string that must be an ISO 8601 date ({@code 2024-02-29}) or date-time
 * ({@code 2024-02-29T12:00:00Z}, with or without offset): the wire protocol's {@code date}. A
 * {@code java.time} component ({@code LocalDate}, {@code OffsetDateTime}, ...) is a date too, in its
 * own ISO form.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Constraint(validatedBy = IsoDate.Validator.class)
public @interface IsoDate {

    String message() default "must be an ISO 8601 date or date-time";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts a date, a local date-time or a date-time with offset; {@code null} is left to the required check. */
    class Validator implements ConstraintValidator<IsoDate, String> {
        private static final DateTimeFormatter[] FORMATS = {
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME
        };

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isIsoDate(value);
        }

        /** Whether {@code value} is an ISO 8601 date, local date-time or offset date-time. */
        public static boolean isIsoDate(String value) {
            for (DateTimeFormatter format : FORMATS) {
                try {
                    format.parse(value);
                    return true;
                } catch (DateTimeParseException notThisOne) {
                    // try the next form
                }
            }
            return false;
        }
    }
}
