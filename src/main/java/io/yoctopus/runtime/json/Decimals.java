package io.yoctopus.runtime.json;

import java.math.BigDecimal;

/** What the runtime asks of the BigDecimal of a JSON number, safe for any scale a client can send. */
public final class Decimals {

    private Decimals() {
    }

    /**
     * Whether the number is an integer ({@code 2.00} is). A scale of 0 or below is an integer already, and
     * stripping the zeros of such a number could take its scale past its range ({@code 100e2147483647} throws).
     */
    public static boolean isIntegral(BigDecimal number) {
        return number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0;
    }
}
