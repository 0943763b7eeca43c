package io.yoctopus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** Unit test (surefire) of {@link OnlyOn}: which servers run a test, and the reason the others give. */
class OnlyOnConditionTest {

    @OnlyOn(value = {Server.PAYARA, Server.LIBERTY}, because = "a reason")
    static final class Annotated {
    }

    private static final OnlyOn ONLY = Annotated.class.getAnnotation(OnlyOn.class);

    @Test
    void runsOnTheNamedServers() {
        ConditionEvaluationResult payara = OnlyOnCondition.evaluate(ONLY, Server.PAYARA);
        assertFalse(payara.isDisabled());
        assertEquals("runs on payara, liberty, this is payara", payara.getReason().orElseThrow());
        assertFalse(OnlyOnCondition.evaluate(ONLY, Server.LIBERTY).isDisabled());
    }

    @Test
    void isSkippedElsewhereWithItsReason() {
        ConditionEvaluationResult wildfly = OnlyOnCondition.evaluate(ONLY, Server.WILDFLY);
        assertTrue(wildfly.isDisabled());
        assertEquals("runs only on payara, liberty (this is wildfly): a reason", wildfly.getReason().orElseThrow());
    }
}
