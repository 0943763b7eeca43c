package io.yoctopus.demo.posts;

import io.yoctopus.api.RequestRejected;
import io.yoctopus.plugins.changetracker.TrackedModels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The demo's data access: each method is one transaction. Its changes are announced when it commits,
 * which is before the method returns, so a client sees the notification before the response.
 */
@ApplicationScoped
@Transactional
public class PostStore {

    @PersistenceContext(unitName = TrackedModels.PERSISTENCE_UNIT)
    EntityManager entityManager;

    public Post create(String title, String content, long authorId) {
        Post post = new Post();
        post.setTitle(title);
        post.setContent(content);
        post.setAuthorId(authorId);
        entityManager.persist(post);
        entityManager.flush(); // the id, now (EclipseLink assigns it at flush)
        return post;
    }

    public Post update(long id, String title, String content, long authorId) {
        Post post = find(id);
        post.setTitle(title);
        post.setContent(content);
        post.setAuthorId(authorId);
        return post;
    }

    public void delete(long id) {
        entityManager.remove(find(id));
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

    private Post find(long id) {
        Post post = entityManager.find(Post.class, id);
        if (post == null) {
            throw new RequestRejected("no post with id " + id);
        }
        return post;
    }
}
