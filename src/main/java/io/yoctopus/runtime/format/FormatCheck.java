package io.yoctopus.runtime.format;

import io.yoctopus.runtime.json.ErrorText;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One validation of request data against a {@link Format}: collects every error with its field path, so
 * that the client learns everything wrong with a request at once. Bean Validation constraints of a
 * field run only when the field's structure is right, on that field alone.
 */
public final class FormatCheck {

    private final JsonCodec json;
    private final Validator validator;
    /** The first errors, at most {@link ErrorText#MAX_ERRORS}. */
    private final Set<String> errors = new LinkedHashSet<>();
    /** Every failure found, those past the limit too. */
    private int failures;

    public FormatCheck(JsonCodec json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * The errors of {@code data}, in document order; empty when it conforms. At most
     * {@link ErrorText#MAX_ERRORS}, the last of them counting the rest: the checking goes on (to tell how
     * many), the writing of messages stops.
     */
    public static List<String> errors(Format format, JsonValue data, JsonCodec json, Validator validator) {
        FormatCheck check = new FormatCheck(json, validator);
        check.value(data, format, "");
        return ErrorText.limit(new ArrayList<>(check.errors), check.failures - check.errors.size());
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void value(JsonValue value, Format format, String path) {
        format.check(value, path, this);
    }

    void field(Format.Record owner, Format.Field field, JsonValue value, String path) {
        int before = failures;
        field.format().check(value, path, this);
        if (field.constrained() && failures == before) {
            Object bound = json.bind(value, field.javaType());
            for (ConstraintViolation<?> violation : validator.validateValue(owner.type(), field.name(), bound)) {
                fail(path + elementOf(violation), violation.getMessage());
            }
        }
    }

    /** For a constraint on a container's elements ({@code List<@Email String>}): which element, as {@code [1]}. */
    private static String elementOf(ConstraintViolation<?> violation) {
        StringBuilder element = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getIndex() != null) {
                element.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                element.append('.').append(ErrorText.echo(String.valueOf(node.getKey())));
            }
        }
        return element.toString();
    }

    void expect(boolean condition, String path, String message) {
        if (!condition) {
            fail(path, message);
        }
    }

    void fail(String path, String message) {
        if (failures++ < ErrorText.MAX_ERRORS) {
            errors.add((path.isEmpty() ? "data" : path) + ": " + message);
        }
    }
}
