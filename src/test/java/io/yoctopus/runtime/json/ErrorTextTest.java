package io.yoctopus.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
