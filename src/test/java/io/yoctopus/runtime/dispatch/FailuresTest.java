package io.yoctopus.runtime.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.yoctopus.api.RequestRejected;
import jakarta.enterprise.event.ObserverException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What of a handler's failure the client may see, and what is found inside the wrappers around it. */
class FailuresTest {

    private final RequestRejected rejected = new RequestRejected(List.of("first", "second"));

    @Test
    void everyWrapperOfAnAsynchronousOrReflectiveCallIsTakenOff() {
        assertSame(rejected, Failures.unwrap(new CompletionException(rejected)));
        assertSame(rejected, Failures.unwrap(new ExecutionException(rejected)));
        assertSame(rejected, Failures.unwrap(new InvocationTargetException(rejected)));
        assertSame(rejected, Failures.unwrap(new CompletionException(
                new ExecutionException(new InvocationTargetException(rejected)))));
    }

    /**
     * Weld wraps whatever a synthetic observer method throws (the observers of plugin jars given to the server as
     * libraries are synthetic) in an ObserverException: a RequestRejected from a RequestReceived observer there is
     * still a rejection.
     */
    @Test
    void theWrapperOfAnObserverIsTakenOff() {
        assertSame(rejected, Failures.unwrap(new ObserverException(rejected)));
        ObserverException empty = new ObserverException("no cause");
        assertSame(empty, Failures.unwrap(empty));
    }

    @Test
    void aWrapperWithoutACauseAndAnyOtherExceptionAreKept() {
        CompletionException empty = new CompletionException("lost its cause", null);
        assertSame(empty, Failures.unwrap(empty));
        IllegalStateException other = new IllegalStateException(rejected);
        assertSame(other, Failures.unwrap(other), "only the wrappers of a call are unwrapped");
        assertSame(rejected, Failures.unwrap(rejected));
    }

    @Test
    void aRejectionIsToldAsItsErrors() {
        assertEquals(List.of("first", "second"), Failures.clientMessages(rejected));
    }

    record Signup(@NotBlank String name, @Positive int age) {
    }

    @Test
    void constraintViolationsAreToldAsPathAndMessageSorted() {
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            ConstraintViolationException invalid = new ConstraintViolationException(
                    validation.getValidator().validate(new Signup(" ", -1)));
            assertEquals(List.of("age: must be greater than 0", "name: must not be blank"),
                    Failures.clientMessages(invalid));
        }
    }

    @Test
    void anythingElseIsABugToHide() {
        assertNull(Failures.clientMessages(new ConstraintViolationException("no violations", Set.of())));
        assertNull(Failures.clientMessages(new IllegalStateException("secret detail")));
        assertNull(Failures.clientMessages(new CompletionException(rejected)), "unwrapping is the caller's");
    }
}
