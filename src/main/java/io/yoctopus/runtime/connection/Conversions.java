package io.yoctopus.runtime.connection;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Converts plain setting values (String, Boolean, BigDecimal, List, Map) to the type a reader asks for. */
public final class Conversions {

    private Conversions() {
    }

    public static <T> T convert(Object value, Class<T> type, String name) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof BigDecimal number) {
            Object converted = number(number, type);
            if (converted != null) {
                return type.cast(converted);
            }
        }
        throw new IllegalArgumentException("setting " + name + " is " + describe(value) + ", not " + type.getSimpleName());
    }

    private static Object number(BigDecimal number, Class<?> type) {
        if (type == Integer.class) {
            return number.intValueExact();
        }
        if (type == Long.class) {
            return number.longValueExact();
        }
        if (type == Double.class) {
            return number.doubleValue();
        }
        if (type == Float.class) {
            return number.floatValue();
        }
        if (type == Short.class) {
            return number.shortValueExact();
        }
        if (type == BigInteger.class) {
            return number.toBigIntegerExact();
        }
        return null;
    }

    private static String describe(Object value) {
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
