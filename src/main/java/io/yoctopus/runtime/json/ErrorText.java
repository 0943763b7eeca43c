package io.yoctopus.runtime.json;

import java.util.ArrayList;
import java.util.List;

/**
 * How long the errors a client gets may be, so that an answer never grows with what the client sent. A
 * value, key, endpoint or method name taken from a request appears in an error cut to {@link #MAX_ECHO}
 * characters and an ellipsis; whatever an error says, it has at most {@link #MAX_LENGTH} characters; an
 * answer lists at most {@link #MAX_ERRORS} errors, the last of them counting the rest.
 */
public final class ErrorText {

    /** The most characters of a client's text an error message repeats. */
    public static final int MAX_ECHO = 64;

    /** The most characters of one error message (a handler's own included). */
    public static final int MAX_LENGTH = 512;

    /** The most error messages of one answer. */
    public static final int MAX_ERRORS = 20;

    private static final String ELLIPSIS = "…";

    private ErrorText() {
    }

    /** {@code text} as an error may repeat it: whole up to {@link #MAX_ECHO} characters, else cut with an ellipsis. */
    public static String echo(String text) {
        return cut(text, MAX_ECHO);
    }

    /**
     * The errors of one answer: at most {@link #MAX_ERRORS}, each at most {@link #MAX_LENGTH} characters
     * long; the same list when it is within both.
     */
    public static List<String> bounded(List<String> errors) {
        List<String> limited = limit(errors, 0);
        for (String error : limited) {
            if (error.length() > MAX_LENGTH) {
                return limited.stream().map(text -> cut(text, MAX_LENGTH)).toList();
            }
        }
        return limited;
    }

    /**
     * At most {@link #MAX_ERRORS} errors out of {@code first} and {@code omitted} more that were not kept:
     * all of them when there are no more, else the first {@code MAX_ERRORS - 1} and a last one counting the
     * rest ({@code "… and 7 more errors"}).
     */
    public static List<String> limit(List<String> first, int omitted) {
        int total = first.size() + omitted;
        if (total <= MAX_ERRORS) {
            return first;
        }
        List<String> limited = new ArrayList<>(first.subList(0, Math.min(first.size(), MAX_ERRORS - 1)));
        limited.add(ELLIPSIS + " and " + (total - limited.size()) + " more errors");
        return limited;
    }

    /**
     * The first {@code max} characters of {@code text} and an ellipsis, or the text itself when it is no
     * longer; never half a surrogate pair.
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + ELLIPSIS;
    }
}
