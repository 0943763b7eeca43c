package io.yoctopus.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class or method that applies to some servers only, and why: on the others JUnit skips it before
 * Arquillian deploys anything, and reports the reason ({@link OnlyOnCondition}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnlyOnCondition.class)
public @interface OnlyOn {

    /** The servers it runs on. */
    Server[] value();

    /** Why it cannot apply to the other servers. */
    String because();
}
