package io.yoctopus.runtime.json;

/**
 * How much of what a client sent an error message may repeat. A value, key, endpoint or method name taken
 * from a request appears in an error cut to {@link #MAX_ECHO} characters and an ellipsis, so that an
 * answer never grows with what the client sent.
 */
public final class ErrorText {

    /** The most characters of a client's text an error message repeats. */
    public static final int MAX_ECHO = 64;

    private static final String ELLIPSIS = "…";

    private ErrorText() {
    }

    /** {@code text} as an error may repeat it: whole up to {@link #MAX_ECHO} characters, else cut with an ellipsis. */
    public static String echo(String text) {
        return cut(text, MAX_ECHO);
    }

    /** The first {@code max} characters of {@code text} and an ellipsis, or the text itself when it is no longer; never half a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + ELLIPSIS;
    }
}
