package io.yoctopus.plugins.changetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicFieldsTest {

    static class Base {
        private Long id = 7L;
    }

    static class Author {
    }

    /** Getters that must never run: reading goes to the fields. */
    static class Article extends Base {
        private String title = "Hello";
        private String password = "hunter2";
        private boolean published = true;
        private Integer views;
        @ManyToOne(fetch = FetchType.LAZY)
        private Author author;
        @OneToMany
        private List<Article> replies = new ArrayList<>();
        @ElementCollection
        private List<String> tags;
        private Map<String, String> extra;

        public String getTitle() {
            throw new AssertionError("a getter was called");
        }

        /** a computed value with no field */
        public String getSummary() {
            return "summary of " + title;
        }

        /** a computed value with no field, behind a private getter */
        private String getShout() {
            return title.toUpperCase();
        }
    }

    /** Property access: JPA reads the mapping from the getters, so an association may be annotated there. */
    static class Comment {
        private Long id = 1L;
        private Author writer;

        @ManyToOne
        public Author getWriter() {
            return writer;
        }

        @OneToOne
        public Author getReviewer() {
            return null;
        }

        @ManyToMany
        public boolean isShared() {
            return false;
        }

        public List<String> getLabels() {
            return List.of();
        }
    }

    @Test
    void associationsAnnotatedOnGettersAreRefusedWithOrWithoutAField() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PublicFields.of(Comment.class, List.of("id", "writer", "reviewer", "shared", "labels")));
        assertEquals(Comment.class.getName() + ": field 'writer' is an association (@ManyToOne); only basic fields can be"
                + " public; field 'reviewer' is an association (@OneToOne); only basic fields can be public;"
                + " field 'shared' is an association (@ManyToMany); only basic fields can be public;"
                + " field 'labels' is a collection; only basic fields can be public", refused.getMessage());
        assertEquals(Map.of("id", 1L), PublicFields.of(Comment.class, List.of("id")).read(new Comment()));
    }

    @Test
    void readsOnlyTheNamedFieldsInTheirOrderFromTheFieldsThemselves() {
        PublicFields fields = PublicFields.of(Article.class, List.of("title", "id", "published", "views"));
        assertEquals(List.of("title", "id", "published", "views"), fields.names());

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("title", "Hello");
        expected.put("id", 7L);
        expected.put("published", true);
        expected.put("views", null);
        Map<String, Object> values = fields.read(new Article());
        assertEquals(expected, values);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(values.keySet()), "order");
    }

    @Test
    void writesJsonWithExactlyThoseFields() {
        JsonProvider json = JsonProvider.provider();
        JsonObjectBuilder object = json.createObjectBuilder();
        PublicFields.of(Article.class, List.of("id", "title")).write(new Article(), object,
                value -> value instanceof Long number ? json.createValue(number) : json.createValue((String) value));
        String text = object.build().toString();
        assertEquals("{\"id\":7,\"title\":\"Hello\"}", text);
        assertTrue(!text.contains("hunter2"));
    }

    @Test
    void aGetterIsUsedOnlyWhenThereIsNoField() {
        assertEquals(Map.of("summary", "summary of Hello"),
                PublicFields.of(Article.class, List.of("summary")).read(new Article()));
        assertEquals(Map.of("shout", "HELLO"), PublicFields.of(Article.class, List.of("shout")).read(new Article()),
                "a private getter too");
    }

    @Test
    void associationsCollectionsAndUnknownNamesAreRefusedAllAtOnce() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PublicFields.of(Article.class, List.of("id", "author", "replies", "tags", "extra", "nope")));
        String message = refused.getMessage();
        for (String expected : List.of("field 'author' is an association (@ManyToOne)",
                "field 'replies' is an association (@OneToMany)", "field 'tags' is an association (@ElementCollection)",
                "field 'extra' is a collection", "no field 'nope'")) {
            assertTrue(message.contains(expected), message + " should contain: " + expected);
        }
        assertTrue(message.startsWith(Article.class.getName()), message);
    }
}
