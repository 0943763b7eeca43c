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
import javax.sql.DataSource;
import java.util.concurrent.CountDownLatch;

/** Transactions for the test plugin, one per method. */
@ApplicationScoped
@Transactional
public class NoteStore {

    @PersistenceContext(unitName = "yoctopus")
    EntityManager entityManager;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The persistence unit's data source (META-INF/persistence.xml). */
    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

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
        Post post = new Post(title, "never committed", "nobody");
        entityManager.persist(post);
        entityManager.flush();
        transactions.setRollbackOnly(); // the interceptor rolls back instead of committing
        return post.getId();
    }

    /**
     * Deletes a post and flushes (the database now holds the row's lock), tells {@code locked}, then keeps the
     * transaction open for {@code millis} before it commits: a window in which other transactions meet the lock.
     */
    public void deletePostAndHold(long id, long millis, CountDownLatch locked) throws InterruptedException {
        entityManager.remove(entityManager.find(Post.class, id));
        entityManager.flush();
        locked.countDown();
        Thread.sleep(millis); // the hold the test asks for, its scenario: nothing outside shows a transaction waiting
    }

    public boolean postExists(long id) {
        return entityManager.find(Post.class, id) != null;
    }

    /** The product name of the database behind the persistence unit, e.g. {@code H2} or {@code PostgreSQL}. */
    public String databaseProduct() throws SQLException {
        // from the data source, not EntityManager.unwrap(Connection.class): Hibernate (WildFly) cannot unwrap one
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }
}
