package io.yoctopus.it.changes;

import io.yoctopus.demo.posts.Post;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;

/** Transactions for the test plugin, one per method. */
@ApplicationScoped
@Transactional
public class NoteStore {

    @PersistenceContext(unitName = "yoctopus")
    EntityManager entityManager;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public Note create(String text, String secret) {
        Note note = new Note();
        note.setText(text);
        note.setSecret(secret);
        entityManager.persist(note);
        entityManager.flush();
        return note;
    }

    public void update(long id, String text) {
        entityManager.find(Note.class, id).setText(text);
    }

    /** Inserts a post, flushes it (its @PostPersist fires), then rolls the transaction back; @return its id. */
    public long createPostAndRollBack(String title) {
        Post post = new Post();
        post.setTitle(title);
        post.setContent("never committed");
        post.setAuthorId(1L);
        entityManager.persist(post);
        entityManager.flush();
        transactions.setRollbackOnly(); // the interceptor rolls back instead of committing
        return post.getId();
    }

    public boolean postExists(long id) {
        return entityManager.find(Post.class, id) != null;
    }

    /** The product name of the database behind the persistence unit, e.g. {@code H2} or {@code PostgreSQL}. */
    public String databaseProduct() throws SQLException {
        return entityManager.unwrap(Connection.class).getMetaData().getDatabaseProductName();
    }
}
