package io.yoctopus.demo.posts;

import io.yoctopus.api.RequestRejected;
import io.yoctopus.plugins.changetracker.TrackedModels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The demo's data access: each method is one transaction. Its changes are announced when it commits,
 * which is before the method returns, so a client sees the notification before the response. A refused
 * change throws before anything is written, and the transaction rolls back: nothing is announced.
 */
@ApplicationScoped
@Transactional
public class PostStore {

    @PersistenceContext(unitName = TrackedModels.PERSISTENCE_UNIT)
    EntityManager entityManager;

    public Post create(String title, String content, String authorId) {
        Post post = new Post(title, content, authorId);
        entityManager.persist(post);
        entityManager.flush(); // the id, now (EclipseLink assigns it at flush)
        return post;
    }

    /** Changes the post's title and content, if {@code userId} is its author. */
    public Post update(long id, String title, String content, String userId) {
        Post post = findToChange(id, userId);
        post.setTitle(title);
        post.setContent(content);
        return post;
    }

    /** Deletes the post, if {@code userId} is its author. */
    public void delete(long id, String userId) {
        entityManager.remove(findToChange(id, userId));
    }

    public User createUser(String name, String email, String password) {
        User user = new User();
        user.setName(name);
        user.setEmail(email);
        user.setPassword(password);
        entityManager.persist(user);
        entityManager.flush();
        return user;
    }

    /**
     * The post, checked to be {@code userId}'s and locked (read for update) until this transaction ends:
     * between the check and the write no other transaction can change or delete it.
     */
    private Post findToChange(long id, String userId) {
        Post post = entityManager.find(Post.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (post == null) {
            throw new RequestRejected("no post with id " + id);
        }
        if (!post.isAuthoredBy(userId)) {
            throw new RequestRejected("only the author of post " + id + " may change it");
        }
        return post;
    }
}
