package io.yoctopus.runtime.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.runtime.catalogue.DeploymentProblems;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The range of every numeric type, at both ends: its least and greatest values pass and bind to exactly
 * themselves, one past either end is refused with the range in words.
 */
class NumberRangeTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        JSON.close();
        VALIDATION.close();
    }

    private static List<String> errors(Class<?> type, String data) {
        DeploymentProblems problems = new DeploymentProblems();
        Format format = FormatCompiler.compile(type, "Test.handler(X) parameter 'data'", problems);
        assertEquals(List.of(), problems.list());
        return FormatCheck.errors(format, JSON.parse(data), JSON, VALIDATION.getValidator());
    }

    /** {@code min} and {@code max} pass and bind to {@code minValue}, {@code maxValue}; one past either end fails. */
    private static void bounded(Class<?> type, long min, long max, Object minValue, Object maxValue) {
        String refused = "data: must be between " + min + " and " + max;
        BigInteger below = BigInteger.valueOf(min).subtract(BigInteger.ONE);
        BigInteger above = BigInteger.valueOf(max).add(BigInteger.ONE);
        assertEquals(List.of(refused), errors(type, below.toString()), type + " below its least value");
        assertEquals(List.of(), errors(type, Long.toString(min)), type + " at its least value");
        assertEquals(List.of(), errors(type, Long.toString(max)), type + " at its greatest value");
        assertEquals(List.of(refused), errors(type, above.toString()), type + " above its greatest value");
        assertEquals(minValue, JSON.bind(JSON.parse(Long.toString(min)), type));
        assertEquals(maxValue, JSON.bind(JSON.parse(Long.toString(max)), type));
    }

    @Test
    void bytes() {
        bounded(byte.class, -128, 127, (byte) -128, (byte) 127);
        bounded(Byte.class, -128, 127, (byte) -128, (byte) 127);
        assertEquals(List.of("data: must be between -128 and 127"), errors(byte.class, "-129.0"));
    }

    @Test
    void shorts() {
        bounded(short.class, Short.MIN_VALUE, Short.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE);
        bounded(Short.class, Short.MIN_VALUE, Short.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Test
    void ints() {
        bounded(int.class, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);
        bounded(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertEquals(List.of("data: must be between -2147483648 and 2147483647"), errors(int.class, "-3e9"));
    }

    @Test
    void longs() {
        bounded(long.class, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
        bounded(Long.class, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** {@code max} and its negation pass; {@code past} and its negation fail with the range of {@code name}. */
    private static void decimal(Class<?> type, String max, String past, String name) {
        String refused = "data: must be a finite number within the range of " + name;
        assertEquals(List.of(), errors(type, "-" + max), type + " at its least value");
        assertEquals(List.of(), errors(type, max), type + " at its greatest value");
        assertEquals(List.of(refused), errors(type, "-" + past), type + " below its least value");
        assertEquals(List.of(refused), errors(type, past), type + " above its greatest value");
    }

    @Test
    void floatsAndDoublesAtBothEnds() {
        decimal(float.class, "3.4028234663852886e38", "3.41e38", "float");
        decimal(Float.class, "3.4028234663852886e38", "3.41e38", "float");
        decimal(double.class, "1.7976931348623157e308", "1.7976931348623158e308", "double");
        decimal(Double.class, "1.7976931348623157e308", "1.7976931348623158e308", "double");
        assertEquals(List.of(), errors(double.class, "1.5"), "a double need not be integral");
    }

    @Test
    void unboundedTypesTakeAnyNumberAndBigIntegerOnlyIntegers() {
        for (Class<?> type : List.of(BigDecimal.class, Number.class, BigInteger.class)) {
            assertEquals(List.of(), errors(type, "-1e400"), type.getName());
            assertEquals(List.of(), errors(type, "1e400"), type.getName());
        }
        assertEquals(List.of(), errors(BigDecimal.class, "0.5"));
        assertEquals(List.of("data: must be an integer"), errors(BigInteger.class, "0.5"));
        assertEquals(List.of("data: must be a number"), errors(BigDecimal.class, "\"1\""));
    }
}
