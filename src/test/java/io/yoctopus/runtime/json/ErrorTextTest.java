package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How much of a client's text an error message repeats. */
class ErrorTextTest {

    @Test
    void upTo64CharactersAreRepeatedWhole() {
        assertEquals("", ErrorText.echo(""));
        assertEquals("x".repeat(64), ErrorText.echo("x".repeat(64)));
    }

    @Test
    void longerTextIsCutTo64CharactersAndAnEllipsis() {
        assertEquals("x".repeat(64) + "…", ErrorText.echo("x".repeat(65)));
        assertEquals("0123456789".repeat(6) + "0123…", ErrorText.echo("0123456789".repeat(100_000)));
    }

    @Test
    void aSurrogatePairIsNeverCutInHalf() {
        String pair = "\uD83D\uDE00";
        assertEquals("x".repeat(63) + "…", ErrorText.echo("x".repeat(63) + pair + "y"));
        assertEquals("x".repeat(62) + pair + "…", ErrorText.echo("x".repeat(62) + pair + "y"));
    }

    private static List<String> numbered(int count) {
        return IntStream.range(0, count).mapToObj(i -> "e" + i).toList();
    }

    @Test
    void twentyErrorsAreKeptAsTheyAre() {
        List<String> twenty = numbered(20);
        assertSame(twenty, ErrorText.limit(twenty, 0));
        assertSame(twenty, ErrorText.bounded(twenty));
        List<String> none = List.of();
        assertSame(none, ErrorText.limit(none, 0));
    }

    @Test
    void pastTwentyTheTwentiethCountsTheRest() {
        List<String> limited = ErrorText.limit(numbered(21), 0);
        assertEquals(numbered(19), limited.subList(0, 19));
        assertEquals("… and 2 more errors", limited.get(19));
        assertEquals(20, limited.size());
    }

    @Test
    void errorsThatWereNotKeptAreCountedToo() {
        assertEquals(List.of("e0", "e1", "… and 100 more errors"), ErrorText.limit(numbered(2), 100));
        assertEquals(numbered(19), ErrorText.limit(numbered(20), 1).subList(0, 19));
        assertEquals("… and 2 more errors", ErrorText.limit(numbered(20), 1).get(19));
    }

    @Test
    void eachErrorIsCutAt512Characters() {
        assertEquals(List.of("a", "b".repeat(512) + "…"), ErrorText.bounded(List.of("a", "b".repeat(513))));
        List<String> exact = List.of("b".repeat(512));
        assertSame(exact, ErrorText.bounded(exact));
    }
}
