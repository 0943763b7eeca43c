package io.yoctopus.runtime.catalogue;

import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The wire protocol's setting types, each named in declarations by a Java type. */
public enum SettingType {
    STRING("string", "a"), NUMBER("number", "a"), BOOL("bool", "a"), ARRAY("array", "an"), OBJECT("object", "an");

    private static final Set<Class<?>> NUMBER_TYPES = Set.of(Number.class, Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, BigDecimal.class, BigInteger.class);

    private final String wireName;
    private final String article;

    SettingType(String wireName, String article) {
        this.wireName = wireName;
        this.article = article;
    }

    /** The type's name in the wire protocol's notation. */
    public String wireName() {
        return wireName;
    }

    /** The wire name after its indefinite article, for messages: "a bool", "an array". */
    public String withArticle() {
        return article + " " + wireName;
    }

    /** The setting type a declared Java type stands for, empty when it stands for none. */
    public static Optional<SettingType> of(Class<?> declared) {
        if (declared == String.class) {
            return Optional.of(STRING);
        }
        if (declared == Boolean.class || declared == boolean.class) {
            return Optional.of(BOOL);
        }
        if (NUMBER_TYPES.contains(declared) || (declared.isPrimitive() && declared != void.class)) {
            return Optional.of(NUMBER);
        }
        if (declared == List.class) {
            return Optional.of(ARRAY);
        }
        if (declared == Map.class) {
            return Optional.of(OBJECT);
        }
        return Optional.empty();
    }

    /** Whether a (non-null) JSON value is of this type. */
    public boolean accepts(JsonValue value) {
        return switch (this) {
            case STRING -> value.getValueType() == JsonValue.ValueType.STRING;
            case NUMBER -> value.getValueType() == JsonValue.ValueType.NUMBER;
            case BOOL -> value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE;
            case ARRAY -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case OBJECT -> value.getValueType() == JsonValue.ValueType.OBJECT;
        };
    }
}
