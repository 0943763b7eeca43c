package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.RequestRejected;
import jakarta.enterprise.event.ObserverException;
import jakarta.validation.ConstraintViolationException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Decides what of a handler's failure the client may see. */
final class Failures {

    private Failures() {
    }

    /**
     * The failure inside the wrappers of asynchronous and reflective calls, and of observer methods: the container
     * wraps what a synthetic observer throws (those of plugin jars given to the server as libraries).
     */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof InvocationTargetException || cause instanceof ObserverException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The messages to send for an expected failure, or {@code null} for a bug to log and hide. */
    static List<String> clientMessages(Throwable cause) {
        if (cause instanceof RequestRejected rejected) {
            return rejected.errors();
        }
        if (cause instanceof ConstraintViolationException invalid && !invalid.getConstraintViolations().isEmpty()) {
            return invalid.getConstraintViolations().stream()
                    .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                    .sorted()
                    .toList();
        }
        return null;
    }
}
