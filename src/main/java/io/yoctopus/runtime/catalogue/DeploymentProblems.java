package io.yoctopus.runtime.catalogue;

import jakarta.enterprise.inject.spi.DefinitionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found in the plugins' declarations so that one failed deployment reports them
 * all, each naming the class and member at fault.
 */
public final class DeploymentProblems {

    private final List<String> problems = new ArrayList<>();

    public void add(String problem) {
        problems.add(problem);
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws one exception listing every problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw asException();
        }
    }

    public DefinitionException asException() {
        StringBuilder message = new StringBuilder("Yoctopus found ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append(" in the plugin declarations:");
        for (String problem : problems) {
            message.append("\n  - ").append(problem);
        }
        return new DefinitionException(message.toString());
    }
}
