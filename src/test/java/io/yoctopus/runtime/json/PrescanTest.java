package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where {@link Prescan} finds the end of the object or array a text opens with. */
class PrescanTest {

    private static int structureEnd(String text) {
        Prescan scan = Prescan.of(text, 64);
        assertNull(scan.problem(), text);
        return scan.structureEnd();
    }

    @Test
    void theEndIsJustAfterTheClosingBracket() {
        assertEquals(2, structureEnd("{}"));
        assertEquals(2, structureEnd("[] x"));
        assertEquals(7, structureEnd("{\"a\":1}{\"b\":2}"));
        assertEquals(9, structureEnd("[[1],[2]]]]"));
        assertEquals(6, structureEnd(" \t\r\n[]"));
    }

    @Test
    void bracketsInStringsAndNumbersInsideDoNotEndIt() {
        assertEquals(10, structureEnd("{\"a\":\"}]\"} "));
        assertEquals(11, structureEnd("[\"\\\"]\",1e5] 1"));
    }

    @Test
    void anyOtherTextHasNoStructureEnd() {
        for (String text : new String[] {"", "   ", "1", "\"[]\"", "true", "x{}", "]", "{", "[[]", "\"a\" []"}) {
            assertEquals(-1, structureEnd(text), text);
        }
    }

    @Test
    void aProblemComesWithoutAnEnd() {
        Prescan deep = Prescan.of("[[[]]]", 2);
        assertEquals("JSON nested deeper than 2 levels", deep.problem());
        assertEquals(-1, deep.structureEnd());
        Prescan longNumber = Prescan.of("[" + "1".repeat(1001) + "]", 64);
        assertEquals("a number longer than 1000 characters", longNumber.problem());
        assertEquals(-1, longNumber.structureEnd());
    }

    @Test
    void whitespaceIsJsonsFour() {
        for (char c : new char[] {' ', '\t', '\n', '\r'}) {
            assertTrue(Prescan.isWhitespace(c), "U+" + Integer.toHexString(c));
        }
        for (char c : new char[] {'\f', '\u000b', '\u00a0', '\u2028', '\ufeff', 'x', '0'}) {
            assertFalse(Prescan.isWhitespace(c), "U+" + Integer.toHexString(c));
        }
    }
}
