package io.yoctopus.api;

import java.util.List;

/**
 * Thrown by a handler (or by the framework for it) to answer the request with an error. The messages
 * reach the client as they are, one message as a string, several as an array, within the bounds of every
 * error: at most 512 characters a message (cut with an ellipsis) and 20 messages (the twentieth then counts
 * the rest). A message that repeats what the client sent should cut it short itself.
 */
public class RequestRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public RequestRejected(String error) {
        this(List.of(error));
    }

    public RequestRejected(List<String> errors) {
        super(String.join("; ", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one message");
        }
        this.errors = List.copyOf(errors);
    }

    /** The messages sent to the client, never empty. */
    public List<String> errors() {
        return errors;
    }
}
