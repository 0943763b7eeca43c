package io.yoctopus.runtime.format;

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
    private final Set<String> errors = new LinkedHashSet<>();

    public FormatCheck(JsonCodec json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The errors of {@code data}, in document order; empty when it conforms. */
    public static List<String> errors(Format format, JsonValue data, JsonCodec json, Validator validator) {
        FormatCheck check = new FormatCheck(json, validator);
        check.value(data, format, "");
        return new ArrayList<>(check.errors);
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void value(JsonValue value, Format format, String path) {
        format.check(value, path, this);
    }

    void field(Format.Record owner, Format.Field field, JsonValue value, String path) {
        int before = errors.size();
        field.format().check(value, path, this);
        if (field.constrained() && errors.size() == before) {
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
                element.append('.').append(node.getKey());
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
        errors.add((path.isEmpty() ? "data" : path) + ": " + message);
    }
}
