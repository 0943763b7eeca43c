package io.yoctopus.runtime.json;

import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the key a JSON text names twice in one object. Used only after a reader refused a text: the
 * reader's own message about a duplicate (if any) differs between implementations and repeats the key
 * whole, however long.
 */
final class DuplicateKeys {

    /** What an open array holds in the stack of open objects' keys: it has no keys. */
    private static final Set<String> ARRAY = Set.of();

    private DuplicateKeys() {
    }

    /** The first key named twice in one object, before anything malformed; empty when there is none. */
    static Optional<String> first(JsonParserFactory parsers, String text) {
        Deque<Set<String>> open = new ArrayDeque<>();
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT -> open.push(new HashSet<>());
                    case START_ARRAY -> open.push(ARRAY);
                    case END_OBJECT, END_ARRAY -> open.pop();
                    case KEY_NAME -> {
                        if (!open.element().add(parser.getString())) {
                            return Optional.of(parser.getString());
                        }
                    }
                    default -> {
                        // values hold no keys
                    }
                }
            }
        } catch (JsonException malformed) {
            // malformed before any duplicate: the reader's own message says what
        }
        return Optional.empty();
    }
}
