package io.p3protocol.projection.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a processor batch's projection writes to PostgreSQL as JDBC batches just before the batch commits: one round
 * trip per kind of statement and batch, instead of one per event.
 * <p>
 * Why: a projection's handlers are cheap; what bounds a replay is waiting for PostgreSQL once per event. Deferring
 * is safe because nothing reads the projection's rows inside its own batch except through {@link #flush()}, and the
 * batch's writes commit or roll back together anyway.
 * <p>
 * Order: writes to the same entity (a tenant, a key) keep their order; writes to different entities commute, so
 * each write joins the earliest group of the same statement that comes after its entity's previous write. A
 * replay's "tenant created, key issued, key issued, tenant created, …" becomes two JDBC batches.
 * <p>
 * Failures: a write is deferred only while its processing group runs without per-event savepoints
 * ({@link EventSavepoints}), since a deferred write's failure belongs to no single event. If a flush fails, the
 * whole batch fails (even if the flush happened inside a later event's handler), the group switches to savepoints,
 * and the processor's retry then writes every event at once, inside its own savepoint, so the bad event is
 * dead-lettered alone. Outside a unit of work, and while retrying a dead letter, every write runs at once.
 */
@Component
public class BatchedWrites {
    private static final String PENDING = BatchedWrites.class.getName() + ".pending.";

    private final JdbcTemplate jdbc;
    private final EventSavepoints savepoints;

    public BatchedWrites(JdbcTemplate jdbc, EventSavepoints savepoints) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
    }

    /**
     * Writes with {@code sql} (an INSERT, UPDATE or DELETE returning nothing) for {@code entity}, now or just before
     * the current batch commits.
     */
    public void write(String processingGroup, String entity, String sql, Object... args) {
        Pending pending = pendingOf(processingGroup);
        if (pending == null) {
            jdbc.update(sql, args);
        } else {
            pending.add(entity, sql, args);
        }
    }

    /** Sends the current batch's deferred writes now: call it before reading the projection's own tables. */
    public void flush(String processingGroup) {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(PENDING + processingGroup);
            if (pending != null) {
                pending.flush(jdbc);
            }
        }
    }

    /** The batch's pending writes, or null when this write must run at once. */
    private Pending pendingOf(String processingGroup) {
        if (!CurrentUnitOfWork.isStarted() || savepoints.inSafeMode(processingGroup)
                || EventSavepoints.retryingDeadLetter()) {
            flush(processingGroup); // what an earlier event of this batch deferred goes first
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING + processingGroup, key -> {
            Pending created = new Pending();
            batch.onPrepareCommit(committing -> created.flush(jdbc));
            return created;
        });
    }

    /** One batch's deferred writes, grouped into runs of one statement each. */
    static final class Pending {
        private final List<Group> groups = new ArrayList<>();
        private final Map<String, Integer> lastGroupOfEntity = new HashMap<>();
        private RuntimeException failure;

        void add(String entity, String sql, Object[] args) {
            int earliest = lastGroupOfEntity.getOrDefault(entity, 0);
            int index = -1;
            for (int i = earliest; i < groups.size(); i++) {
                if (groups.get(i).sql.equals(sql)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                groups.add(new Group(sql));
                index = groups.size() - 1;
            }
            groups.get(index).rows.add(args);
            lastGroupOfEntity.put(entity, index);
        }

        /** The statements in the order they will be sent, each with its rows (for tests). */
        List<Map.Entry<String, List<Object[]>>> plan() {
            return groups.stream().map(g -> Map.entry(g.sql, List.copyOf(g.rows))).toList();
        }

        void flush(JdbcTemplate jdbc) {
            if (failure != null) {
                throw failure;
            }
            try {
                for (Group group : groups) {
                    if (group.rows.size() == 1) {
                        jdbc.update(group.sql, group.rows.get(0));
                    } else {
                        jdbc.batchUpdate(group.sql, group.rows);
                    }
                }
            } catch (RuntimeException e) {
                failure = e; // the batch must fail as a whole, whichever event's handler was flushing
                throw e;
            } finally {
                groups.clear();
                lastGroupOfEntity.clear();
            }
        }
    }

    private record Group(String sql, List<Object[]> rows) {
        Group(String sql) {
            this(sql, new ArrayList<>());
        }
    }
}
