package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Setting values (as stored: BigDecimal for numbers) converted to the type a handler reads them as. */
class ConversionsTest {

    @Test
    void numbersBecomeTheTypeAsked() {
        BigDecimal fortyTwo = new BigDecimal("42.0");
        assertEquals(42, Conversions.convert(fortyTwo, Integer.class, "p.n"));
        assertEquals(42L, Conversions.convert(fortyTwo, Long.class, "p.n"));
        assertEquals(42.0, Conversions.convert(fortyTwo, Double.class, "p.n"));
        assertEquals(BigInteger.valueOf(42), Conversions.convert(fortyTwo, BigInteger.class, "p.n"));
        assertEquals(BigInteger.TEN.pow(400), Conversions.convert(new BigDecimal("1e400"), BigInteger.class, "p.n"));
        assertEquals(fortyTwo, Conversions.convert(fortyTwo, BigDecimal.class, "p.n"));
        assertEquals(42.5f, Conversions.convert(new BigDecimal("42.5"), Float.class, "p.n"));
        assertEquals((short) 42, Conversions.convert(fortyTwo, Short.class, "p.n"));
        assertEquals("setting p.n is a number that is no Short (Overflow)", assertThrows(IllegalArgumentException.class,
                () -> Conversions.convert(new BigDecimal("40000"), Short.class, "p.n")).getMessage());
    }

    @Test
    void aValueOfAnotherKindIsAClearError() {
        assertEquals("setting p.n is an object, not Integer", assertThrows(IllegalArgumentException.class,
                () -> Conversions.convert(Map.of(), Integer.class, "p.n")).getMessage());
        assertEquals("setting p.n is a Boolean, not Integer", assertThrows(IllegalArgumentException.class,
                () -> Conversions.convert(true, Integer.class, "p.n")).getMessage());
        assertEquals("setting p.n is a BigDecimal, not String", assertThrows(IllegalArgumentException.class,
                () -> Conversions.convert(BigDecimal.ONE, String.class, "p.n")).getMessage());
    }

    @Test
    void aNumberOutsideTheTypeIsAClearError() {
        assertEquals("setting p.n is a number that is no Integer (Overflow)", assertThrows(IllegalArgumentException.class,
                () -> Conversions.convert(new BigDecimal("3000000000"), Integer.class, "p.n")).getMessage());
        assertEquals("setting p.n is a number that is no BigInteger (not an integer)",
                assertThrows(IllegalArgumentException.class,
                        () -> Conversions.convert(new BigDecimal("1.5"), BigInteger.class, "p.n")).getMessage());
        assertEquals("setting p.n is an array, not String", assertThrows(IllegalArgumentException.class,
                () -> Conversions.convert(List.of(), String.class, "p.n")).getMessage());
    }

    /** Expanded, these take a billion digits and minutes of CPU: refused before that. */
    @Test
    void anExponentFarOutIsRefusedBeforeExpanding() {
        assertEquals("setting p.n is a number that is no BigInteger (more than 10000 digits)",
                assertThrows(IllegalArgumentException.class,
                        () -> Conversions.convert(new BigDecimal("1e999999999"), BigInteger.class, "p.n")).getMessage());
        assertEquals("setting p.n is a number that is no BigInteger (not an integer)",
                assertThrows(IllegalArgumentException.class,
                        () -> Conversions.convert(new BigDecimal("1e-999999999"), BigInteger.class, "p.n")).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Conversions.convert(new BigDecimal("1e999999999"), Long.class, "p.n"));
        // stripping this one's zeros would take its scale past Integer.MIN_VALUE
        assertEquals("setting p.n is a number that is no BigInteger (more than 10000 digits)",
                assertThrows(IllegalArgumentException.class,
                        () -> Conversions.convert(new BigDecimal("100e2147483647"), BigInteger.class, "p.n")).getMessage());
        assertEquals(BigInteger.TEN.pow(9999), Conversions.convert(new BigDecimal("1e9999"), BigInteger.class, "p.n"));
    }
}
