package io.yoctopus.demo.posts;

import io.yoctopus.demo.Demo;
import io.yoctopus.plugins.changetracker.ChangeListener;
import io.yoctopus.plugins.changetracker.Tracked;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A demo post; every connection is subscribed to its changes. Its author is the user ({@code auth.userId})
 * who created it, fixed for good: only the author may change or delete it.
 */
@Entity(name = "Post")
@Table(name = "demo_post")
@EntityListeners(ChangeListener.class)
@Tracked(publicFields = {"id", "title", "content", "authorId"}, autoSubscribe = true, enabledBy = Demo.ENABLED)
public class Post {

    @Id
    @GeneratedValue
    private Long id;

    private String title;

    @Column(length = 10_000)
    private String content;

    @Column(nullable = false, updatable = false)
    private String authorId;

    /** For JPA. */
    protected Post() {
    }

    public Post(String title, String content, String authorId) {
        this.title = title;
        this.content = content;
        this.authorId = authorId;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public String getAuthorId() {
        return authorId;
    }

    /** Whether {@code userId} wrote this post. */
    public boolean isAuthoredBy(String userId) {
        return authorId.equals(userId);
    }
}
