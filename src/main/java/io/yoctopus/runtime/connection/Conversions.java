package io.yoctopus.runtime.connection;

import io.yoctopus.runtime.json.Decimals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Converts plain setting values (String, Boolean, BigDecimal, List, Map) to the type a reader asks for. */
public final class Conversions {

    private static final int MAX_INTEGER_DIGITS = 10_000;

    private Conversions() {
    }

    public static <T> T convert(Object value, Class<T> type, String name) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof BigDecimal number) {
            Object converted;
            try {
                converted = number(number, type);
            } catch (ArithmeticException outOfRange) {
                throw new IllegalArgumentException("setting " + name + " is a number that is no " + type.getSimpleName()
                        + " (" + outOfRange.getMessage() + ")", outOfRange);
            }
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
            return bigInteger(number);
        }
        return null;
    }

    /**
     * Checked before expanding: {@code toBigIntegerExact} of {@code 1e999999999} (or of {@code 1e-999999999})
     * computes with a billion digits, for minutes. Precision minus scale is the count of integer digits, with
     * or without trailing zeros.
     */
    private static BigInteger bigInteger(BigDecimal number) {
        if (!Decimals.isIntegral(number)) {
            throw new ArithmeticException("not an integer");
        }
        if ((long) number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
            throw new ArithmeticException("more than " + MAX_INTEGER_DIGITS + " digits");
        }
        return number.toBigIntegerExact();
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
