package io.toolgate.workflow;

import java.util.List;

/** A definition that was refused, with every problem found (answered as 422). */
public class InvalidDefinitionException extends RuntimeException {

    private final List<DefinitionProblem> problems;

    public InvalidDefinitionException(List<DefinitionProblem> problems) {
        super(problems.isEmpty() ? "invalid workflow definition" : problems.get(0).message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }
}
