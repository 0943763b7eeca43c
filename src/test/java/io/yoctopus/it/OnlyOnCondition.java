package io.yoctopus.it;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips an {@link OnlyOn} test on the other servers, with its reason. */
final class OnlyOnCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<OnlyOn> only = context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, OnlyOn.class));
        return only.map(annotation -> evaluate(annotation, Server.current()))
                .orElse(ConditionEvaluationResult.enabled("no @OnlyOn"));
    }

    static ConditionEvaluationResult evaluate(OnlyOn only, Server current) {
        List<Server> servers = Arrays.asList(only.value());
        String names = servers.stream().map(Server::id).collect(Collectors.joining(", "));
        if (servers.contains(current)) {
            return ConditionEvaluationResult.enabled("runs on " + names + ", this is " + current.id());
        }
        return ConditionEvaluationResult.disabled("runs only on " + names + " (this is " + current.id() + "): "
                + only.because());
    }
}
