package io.yoctopus.runtime.format;

import io.yoctopus.runtime.json.Decimals;
import io.yoctopus.runtime.json.ErrorText;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

/**
 * A request format, compiled once from a Java type: checks the structure of request data (types,
 * presence, allowed values, number ranges, dates) and renders itself in the wire protocol's notation.
 * Bean Validation constraints are checked per field by {@link FormatCheck}.
 */
public sealed interface Format {

    /** Adds to {@code check} every structural error of {@code value}, named by {@code path}. */
    void check(JsonValue value, String path, FormatCheck check);

    /** The format in the wire protocol's notation, e.g. {@code "string"} or {@code {"name":"string"}}. */
    JsonValue render(JsonCodec json);

    /** A JSON string, rendered under its wire name (string, email, hostname, date or custom). */
    record Text(String wireName) implements Format {
        @Override
        public void check(JsonValue value, String path, FormatCheck check) {
            check.expect(value.getValueType() == ValueType.STRING, path, "must be a string");
        }

        @Override
        public JsonValue render(JsonCodec json) {
            return json.string(wireName);
        }
    }

    /** A JSON string that a {@code java.time} type parses. */
    record Date(Predicate<String> parses) implements Format {
        @Override
        public void check(JsonValue value, String path, FormatCheck check) {
            check.expect(value instanceof JsonString text && parses.test(text.getString()), path,
                    "must be an ISO 8601 date");
        }

        @Override
        public JsonValue render(JsonCodec json) {
            return json.string("date");
        }
    }

    /**
     * A JSON number; the JDK's numeric types also bound it to their range.
     *
     * @param min the least value, or null for none (then also no max)
     * @param outOfRange what a value past min or max is told, written once and short: the range of a double
     *        written out has 309 digits a side
     */
    record Number(boolean integral, BigDecimal min, BigDecimal max, String outOfRange) implements Format {
        @Override
        public void check(JsonValue value, String path, FormatCheck check) {
            if (!(value instanceof JsonNumber number)) {
                check.fail(path, "must be a number");
                return;
            }
            BigDecimal decimal = number.bigDecimalValue();
            if (integral && !Decimals.isIntegral(decimal)) {
                check.fail(path, "must be an integer");
            } else if ((min != null && decimal.compareTo(min) < 0) || (max != null && decimal.compareTo(max) > 0)) {
                check.fail(path, outOfRange);
            }
        }

        @Override
        public JsonValue render(JsonCodec json) {
            return json.string("number");
        }
    }

    /** A JSON boolean. */
    record Bool() implements Format {
        @Override
        public void check(JsonValue value, String path, FormatCheck check) {
            check.expect(value == JsonValue.TRUE || value == JsonValue.FALSE, path, "must be a boolean");
        }

        @Override
        public JsonValue render(JsonCodec json) {
            return json.string("bool");
        }
    }

    /** A JSON string that is one of a fixed list: an enum or {@code @OneOf}. */
    record Union(List<String> values) implements Format {
        @Override
        public void check(JsonValue value, String path, FormatCheck check) {
            check.expect(value instanceof JsonString text && values.contains(text.getString()), path,
                    "must be one of " + String.join(", ", values));
        }

        @Override
        public JsonValue render(JsonCodec json) {
            JsonArrayBuilder array = json.arrayBuilder();
            values.forEach(array::add);
            return array.build();
        }
    }

    /** A JSON array whose elements all have one format. */
    record Array(Format element) implements Format {
        @Override
        public void check(JsonValue value, String path, FormatCheck check) {
            if (value.getValueType() != ValueType.ARRAY) {
                check.fail(path, "must be an array");
                return;
            }
            List<JsonValue> items = value.asJsonArray();
            for (int i = 0; i < items.size(); i++) {
                check.value(items.get(i), element, path + "[" + i + "]");
            }
        }

        @Override
        public JsonValue render(JsonCodec json) {
            return json.string("array");
        }
    }

    /** A JSON object used as a map whose values all have one format. */
    record Dictionary(Format value) implements Format {
        @Override
        public void check(JsonValue json, String path, FormatCheck check) {
            if (json.getValueType() != ValueType.OBJECT) {
                check.fail(path, "must be an object");
                return;
            }
            json.asJsonObject().forEach((key, item) ->
                    check.value(item, value, FormatCheck.join(path, ErrorText.echo(key))));
        }

        @Override
        public JsonValue render(JsonCodec json) {
            return json.string("object");
        }
    }

    /** Any JSON value, unchecked: the element of a {@code List<Object>} or a {@code JsonObject}. */
    record Any() implements Format {
        @Override
        public void check(JsonValue value, String path, FormatCheck check) {
            // everything is accepted
        }

        @Override
        public JsonValue render(JsonCodec json) {
            return json.string("any");
        }
    }

    /** A JSON object bound to a record: every field checked, constraints included. */
    record Record(Class<?> type, List<Field> fields) implements Format {
        @Override
        public void check(JsonValue value, String path, FormatCheck check) {
            if (value.getValueType() != ValueType.OBJECT) {
                check.fail(path, "must be an object");
                return;
            }
            JsonObject object = value.asJsonObject();
            for (Field field : fields) {
                String fieldPath = FormatCheck.join(path, field.name());
                JsonValue item = object.get(field.name());
                if (item == null || item.getValueType() == ValueType.NULL) {
                    check.expect(field.optional(), fieldPath, "is required");
                } else {
                    check.field(this, field, item, fieldPath);
                }
            }
        }

        @Override
        public JsonValue render(JsonCodec json) {
            JsonObjectBuilder object = json.objectBuilder();
            for (Field field : fields) {
                object.add(field.optional() ? field.name() + "?" : field.name(),
                        field.renderAs() == null ? field.format().render(json) : json.string(field.renderAs()));
            }
            return object.build();
        }
    }

    /**
     * One record component.
     *
     * @param renderAs the wire name when a constraint names the type (email, hostname, date, custom), else null
     * @param constrained whether Bean Validation constraints apply to it
     * @param javaType the component's generic type, to bind it alone for validation
     */
    record Field(String name, Format format, boolean optional, String renderAs, boolean constrained, Type javaType) {
    }
}
