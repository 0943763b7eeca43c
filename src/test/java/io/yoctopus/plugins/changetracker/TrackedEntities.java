package io.yoctopus.plugins.changetracker;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.ManyToOne;
import java.io.Serializable;
import java.util.Objects;

/**
 * The entities of the test persistence units ({@code src/test/resources/META-INF/persistence.xml}): those of
 * {@code changetracker-test} are valid, those of {@code changetracker-invalid} show every declaration
 * problem the change tracker refuses to start with.
 */
final class TrackedEntities {

    /** The switch of {@link Draft}. */
    static final String DRAFTS = "yoctopus.test.drafts.tracked";

    private TrackedEntities() {
    }

    // ----- changetracker-test -----

    /** Auto-subscribed; {@code secret} is never public. */
    @Entity(name = "Article")
    @EntityListeners(ChangeListener.class)
    @Tracked(publicFields = {"id", "title"}, autoSubscribe = true)
    public static class Article {
        @Id
        private Long id;
        private String title;
        private String secret = "hunter2";

        protected Article() {
        }

        Article(long id, String title) {
            this.id = id;
            this.title = title;
        }

        void retitle(String title) {
            this.title = title;
        }
    }

    /** Tracked without {@code @Tracked}: only its id is public. */
    @Entity(name = "Memo")
    @EntityListeners(ChangeListener.class)
    public static class Memo {
        @Id
        private Long id;
        private String text;

        protected Memo() {
        }

        Memo(long id, String text) {
            this.id = id;
            this.text = text;
        }

        void rewrite(String text) {
            this.text = text;
        }
    }

    /** Tracked only when {@link #DRAFTS} is true. */
    @Entity(name = "Draft")
    @EntityListeners(ChangeListener.class)
    @Tracked(enabledBy = DRAFTS)
    public static class Draft {
        @Id
        private Long id;

        protected Draft() {
        }

        Draft(long id) {
            this.id = id;
        }
    }

    /** The key of {@link Pair}. */
    public static class PairKey implements Serializable {
        private static final long serialVersionUID = 1L;
        private Long owner;
        private Long item;

        @Override
        public boolean equals(Object other) {
            return other instanceof PairKey key && Objects.equals(owner, key.owner)
                    && Objects.equals(item, key.item);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, item);
        }
    }

    /** Tracked with a key of two ids, both public, in the order of their names. */
    @Entity(name = "Pair")
    @EntityListeners(ChangeListener.class)
    @IdClass(PairKey.class)
    public static class Pair {
        @Id
        private Long owner;
        @Id
        private Long item;
        private String label;

        protected Pair() {
        }

        Pair(long owner, long item, String label) {
            this.owner = owner;
            this.item = item;
            this.label = label;
        }
    }

    /** Not tracked: no change listener. */
    @Entity(name = "Plain")
    public static class Plain {
        @Id
        private Long id;

        protected Plain() {
        }

        Plain(long id) {
            this.id = id;
        }
    }

    // ----- changetracker-invalid -----

    @Entity(name = "Author")
    @EntityListeners(ChangeListener.class)
    public static class Author {
        @Id
        private Long id;
    }

    @Entity(name = "Unlistened")
    @Tracked
    public static class Unlistened {
        @Id
        private Long id;
    }

    @Entity(name = "Misnamed")
    @EntityListeners(ChangeListener.class)
    @Tracked(publicFields = {"id", "nope"})
    public static class Misnamed {
        @Id
        private Long id;
    }

    @Entity(name = "Linked")
    @EntityListeners(ChangeListener.class)
    @Tracked(publicFields = {"id", "author"})
    public static class Linked {
        @Id
        private Long id;
        @ManyToOne
        private Author author;
    }
}
