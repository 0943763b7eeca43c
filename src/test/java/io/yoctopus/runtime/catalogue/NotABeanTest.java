package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Why a class is no managed bean, in CDI's order of conditions, and the deployment problem that names it. */
class NotABeanTest {

    public static class Plain {
    }

    public static class Injected {
        @Inject
        public Injected(String value) {
        }
    }

    public static class Private {
        private Private() {
        }
    }

    public static class NeedsArgument {
        public NeedsArgument(String value) {
        }
    }

    public abstract static class Abstract {
    }

    public interface Interface {
    }

    public enum Enum { ONE }

    @Retention(RetentionPolicy.RUNTIME)
    public @interface Annotation {
    }

    public class Inner {
    }

    @Test
    void aClassWithAConstructorWithoutParametersOrAnInjectConstructorIsABean() {
        assertEquals(Optional.empty(), NotABean.violation(Plain.class));
        assertEquals(Optional.empty(), NotABean.violation(Injected.class));
        assertEquals(Optional.empty(), NotABean.violation(Private.class));
    }

    @Test
    void eachConditionIsNamed() {
        class Local {
        }
        Object anonymous = new Object() {
        };
        assertEquals(Optional.of("it is an annotation"), NotABean.violation(Annotation.class));
        assertEquals(Optional.of("it is an interface"), NotABean.violation(Interface.class));
        assertEquals(Optional.of("it is an enum"), NotABean.violation(Enum.class));
        assertEquals(Optional.of("it is abstract"), NotABean.violation(Abstract.class));
        assertEquals(Optional.of("it is a local class"), NotABean.violation(Local.class));
        assertEquals(Optional.of("it is a local class"), NotABean.violation(anonymous.getClass()));
        assertEquals(Optional.of("it is an inner class (declare it static)"), NotABean.violation(Inner.class));
        assertEquals(Optional.of("it has neither a constructor without parameters nor one annotated @Inject"),
                NotABean.violation(NeedsArgument.class));
    }

    @Test
    void theProblemNamesThePluginItsClassAndTheReason() {
        assertEquals("plugin 'needy' (" + NeedsArgument.class.getName() + ") is not a CDI bean: it has neither a "
                        + "constructor without parameters nor one annotated @Inject; a plugin made in code for "
                        + "Plugins.install is annotated @Vetoed as well",
                NotABean.problem("needy", NeedsArgument.class));
    }

    @Test
    void aClassThatCouldBeABeanWasVetoed() {
        assertEquals("plugin 'plain' (" + Plain.class.getName() + ") is not a CDI bean: it was vetoed (by another "
                        + "portable extension, or its bean archive excludes it); a plugin made in code for "
                        + "Plugins.install is annotated @Vetoed as well",
                NotABean.problem("plain", Plain.class));
    }
}
