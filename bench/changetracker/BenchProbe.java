package io.yoctopus.bench.changetracker;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.demo.posts.Post;
import io.yoctopus.plugins.changetracker.EntityChanged;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Benchmark-only plugin {@code bench} (deployed in a jar next to the WAR by run.sh, never shipped):
 * {@code bench:post create {title}} inserts a post in its own transaction and answers
 * {@code {id, committedAtMicros}}, the wall-clock time at which the transaction had committed, taken before the
 * change tracker announces the change ({@link #changed}).
 */
@Plugin("bench")
@ApplicationScoped
public class BenchProbe {

    public record Title(String title) {
    }

    private static final ThreadLocal<Long> COMMITTED = new ThreadLocal<>();

    @Inject
    Writer writer;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Handles(endpoint = "post", method = "create")
    public Map<String, Object> create(Title request) {
        long id = writer.insert(request.title());
        Long committed = COMMITTED.get();
        COMMITTED.remove();
        return Map.of("id", id, "committedAtMicros", committed == null ? -1 : committed);
    }

    /**
     * Registers, as the post is flushed and before the change tracker does the same, an interposed synchronization
     * that takes the time once the transaction has committed: the servers call interposed synchronizations after the
     * commit in the order they were registered, so the time is taken before the tracker announces the change. (A
     * CDI {@code AFTER_SUCCESS} observer is a plain synchronization, called after every interposed one: after the
     * announcement, which made notifications seem to arrive before the commit.)
     */
    void changed(@Observes @Priority(1) EntityChanged change) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    COMMITTED.set(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                }
            }
        });
    }

    @ApplicationScoped
    @Transactional
    public static class Writer {
        @PersistenceContext(unitName = "yoctopus")
        EntityManager entityManager;

        public long insert(String title) {
            Post post = new Post(title, "benchmark", "bench");
            entityManager.persist(post);
            entityManager.flush();
            return post.getId();
        }
    }
}
