package io.yoctopus.demo.posts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A post keeps the author it was created by, and knows who that is. */
class PostTest {

    private final Post post = new Post("Hello", "My first post", "alice");

    @Test
    void aNewPostHasItsTitleContentAndAuthor() {
        assertEquals("Hello", post.getTitle());
        assertEquals("My first post", post.getContent());
        assertEquals("alice", post.getAuthorId());
    }

    @Test
    void onlyItsAuthorWroteIt() {
        assertTrue(post.isAuthoredBy("alice"));
        assertFalse(post.isAuthoredBy("mallory"));
        assertFalse(post.isAuthoredBy("Alice"), "user ids are compared exactly");
        assertFalse(post.isAuthoredBy(null));
    }
}
