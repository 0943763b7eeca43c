package io.yoctopus.bench.changetracker;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.demo.posts.Post;
import io.yoctopus.plugins.changetracker.EntityChanged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Benchmark-only plugin {@code bench} (deployed in a jar next to the WAR by run.sh, never shipped):
 * {@code bench:post create {title}} inserts a post in its own transaction and answers
 * {@code {id, committedAtMicros}}, the wall-clock time at which the transaction had committed, taken by an
 * AFTER_SUCCESS observer that runs before the change tracker's (a lower priority runs first).
 */
@Plugin("bench")
@ApplicationScoped
public class BenchProbe {

    public record Title(String title) {
    }

    private static final ThreadLocal<Long> COMMITTED = new ThreadLocal<>();

    @Inject
    Writer writer;

    @Handles(endpoint = "post", method = "create")
    public Map<String, Object> create(Title request) {
        long id = writer.insert(request.title());
        Long committed = COMMITTED.get();
        COMMITTED.remove();
        return Map.of("id", id, "committedAtMicros", committed == null ? -1 : committed);
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(1) EntityChanged change) {
        COMMITTED.set(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
    }

    @ApplicationScoped
    @Transactional
    public static class Writer {
        @PersistenceContext(unitName = "yoctopus")
        EntityManager entityManager;

        public long insert(String title) {
            Post post = new Post();
            post.setTitle(title);
            post.setContent("benchmark");
            post.setAuthorId(1L);
            entityManager.persist(post);
            entityManager.flush();
            return post.getId();
        }
    }
}
