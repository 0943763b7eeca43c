package io.yoctopus.runtime.adapters.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Private fields read and cleared by name, in a class or its superclasses; what is not there reads as null. */
class FieldsTest {

    static class Base {
        private Object inherited = "from the base";
    }

    static final class Derived extends Base {
        private Object own = "own";
        private int primitive = 7;
        private static final Object SHARED = new Object();
    }

    private final Fields fields = new Fields();

    @Test
    void aFieldIsReadFromTheClassOrASuperclass() {
        Derived target = new Derived();
        assertEquals("own", fields.read(target, "own"));
        assertEquals("from the base", fields.read(target, "inherited"));
        assertEquals(7, fields.read(target, "primitive"));
    }

    @Test
    void whatIsNotThereReadsAsNullAndStaysSo() {
        Derived target = new Derived();
        assertNull(fields.read(target, "missing"));
        assertNull(fields.read(target, "missing"), "a miss is remembered as a miss");
        assertNull(fields.read(null, "own"));
    }

    @Test
    void theSameNameIsLookedUpPerClass() {
        assertEquals("own", fields.read(new Derived(), "own"));
        assertNull(fields.read(new Base(), "own"), "Base has no such field");
        assertEquals("from the base", fields.read(new Base(), "inherited"));
    }

    @Test
    void aFieldOfTheJdkThatItsModuleClosesReadsAsNull() {
        assertNull(fields.read("text", "value"));
        assertFalse(fields.clear("text", "value"));
    }

    @Test
    void clearingSetsAFieldToNull() {
        Derived target = new Derived();
        assertTrue(fields.clear(target, "own"));
        assertNull(target.own);
        assertTrue(fields.clear(target, "inherited"));
        assertNull(fields.read(target, "inherited"));
    }

    @Test
    void whatCannotBeClearedIsLeft() {
        Derived target = new Derived();
        assertFalse(fields.clear(target, "missing"));
        assertFalse(fields.clear(null, "own"));
        assertFalse(fields.clear(target, "primitive"), "a number cannot be null");
        assertEquals(7, target.primitive);
        Object shared = Derived.SHARED;
        assertFalse(fields.clear(target, "SHARED"), "a static final field cannot be written");
        assertEquals(shared, Derived.SHARED);
    }
}
