package io.yoctopus.runtime.json;

/**
 * What one pass over a JSON text finds before it is parsed: what would make parsing it costly, and where a
 * text that opens with an object or array closes it.
 *
 * @param problem why the text is not to be parsed at all, or null
 * @param structureEnd the index just after the bracket that closes the object or array the text opens with;
 *        -1 when the text opens with another value, or never closes its first bracket
 */
record Prescan(String problem, int structureEnd) {

    /**
     * Nesting: JSON-P readers build nested values recursively, and this guard holds whatever the
     * implementation's own limits are. Long numbers: a reader makes a BigDecimal of every number, in time
     * quadratic in its length (16 s for a million digits), and so does much that handles one later (stripping
     * zeros). The end of the first structure: what follows it must be whitespace, which JSON-P readers do not
     * check (they stop after the value).
     */
    static Prescan of(String text, int maxDepth) {
        int n = text.length();
        int first = 0;
        while (first < n && isWhitespace(text.charAt(first))) {
            first++;
        }
        boolean structure = first < n && (text.charAt(first) == '{' || text.charAt(first) == '[');
        int end = -1;
        int depth = 0;
        int numberLength = 0;   // outside strings these characters occur in numbers (and one 'e' in true/false)
        boolean inString = false;
        for (int i = first; i < n; i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+') {
                if (++numberLength > JsonCodec.MAX_NUMBER_LENGTH) {
                    return new Prescan("a number longer than " + JsonCodec.MAX_NUMBER_LENGTH + " characters", -1);
                }
                continue;
            }
            numberLength = 0;
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    return new Prescan("JSON nested deeper than " + maxDepth + " levels", -1);
                }
            } else if (c == '}' || c == ']') {
                if (--depth == 0 && end < 0) {
                    end = i + 1;
                }
            }
        }
        return new Prescan(null, structure ? end : -1);
    }

    /** JSON's whitespace (RFC 8259): space, tab, line feed, carriage return. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
