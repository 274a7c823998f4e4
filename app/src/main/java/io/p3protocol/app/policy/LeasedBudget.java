package io.p3protocol.app.policy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One budget (a tenant's requests per minute, a key's requests per month) as this node spends it: units are
 * reserved in PostgreSQL a chunk at a time ({@link Reserver}, one statement that grants a chunk only while the
 * units reserved by all nodes stay within the limit) and handed out here from memory, so most requests touch no
 * database. The limit therefore holds across nodes: every unit a request takes was reserved, and the database
 * never reserves more than the limit.
 * <p>
 * Chunk size adapts: the first lease is one unit; a lease used up within {@link #FAST} doubles the next one (up to
 * {@link #MAX_CHUNK}), one that lasted over {@link #SLOW} halves it; and a chunk is never more than an eighth of what
 * was left of the budget when this node last leased (one unit near the limit, so a budget's last units go one at a
 * time to whichever node asks). Once half of a chunk of at least {@link #PREFETCH_FROM} units is spent, the next
 * chunk is reserved in the background, so at a steady rate requests do not wait for the database at all.
 * <p>
 * The cost of leasing: a node can refuse a request while another node holds leased units it has not used (at most
 * the other nodes' current and prefetched chunks). Those come back to the budget when their node leaves them idle
 * for {@code idle} ({@link #releaseIfIdle}), when the node stops, when the period ends, and — for a tenant's rate
 * budget — when its policy changes on that node. A node that crashes loses the units it held until the period
 * ends (a minute; for a key's quota, the month).
 */
final class LeasedBudget {
    static final int MAX_CHUNK = 1024;
    static final int PREFETCH_FROM = 4;
    private static final long FAST = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long SLOW = TimeUnit.SECONDS.toNanos(2);
    private static final long PREFETCH_MIN_PERIOD_LEFT = TimeUnit.SECONDS.toNanos(1);

    /** Reserves and gives back units of one budget in the database. */
    interface Reserver {
        /** Reserves exactly {@code units}, or, when fewer are left, one; a refused lease when none is left. */
        Lease reserve(long units);

        /** Returns {@code units} of {@code lease} that were never handed out. */
        void giveBack(Lease lease, long units);
    }

    /**
     * Units {@code first..last} (numbered within the period, 1-based, as the database counts them) of a budget of
     * {@code limit} for the period {@code period}; none when {@code last < first} (refused). {@code deadlineNanos}
     * (this JVM's {@link System#nanoTime}) is no later than the period's end on the database's clock.
     */
    record Lease(long first, long last, long limit, Object period, String periodLabel, long deadlineNanos,
                 double secondsLeft) {
        static Lease refused(long limit, Object period, String periodLabel, long deadlineNanos, double secondsLeft) {
            return new Lease(1, 0, limit, period, periodLabel, deadlineNanos, secondsLeft);
        }

        boolean granted() {
            return last >= first;
        }

        long size() {
            return Math.max(0, last - first + 1);
        }

        boolean liveAt(long now) {
            return now - deadlineNanos < 0;
        }

        /** Whole seconds until the period ends (at least 1). */
        long retryAfterSeconds() {
            return Math.max(1, (long) Math.ceil(secondsLeft));
        }
    }

    /** A unit taken ({@code unit} within {@code lease}), or a refusal ({@code unit} 0; the lease tells why). */
    record Take(long unit, Lease lease) {
        boolean granted() {
            return unit > 0;
        }
    }

    private final Reserver reserver;
    private final Executor background;

    private Lease current;
    private long next;
    private long leasedAtNanos;
    private long chunk = 1;
    private CompletableFuture<Lease> prefetched;
    private long lastTakenNanos;

    LeasedBudget(Reserver reserver, Executor background) {
        this.reserver = reserver;
        this.background = background;
    }

    synchronized Take take() {
        long now = System.nanoTime();
        lastTakenNanos = now;
        if (current != null && current.liveAt(now) && next <= current.last()) {
            return handOut(now);
        }
        if (prefetched != null) {
            Lease ready = prefetched.join();
            prefetched = null;
            if (ready.granted() && ready.liveAt(now)) {
                install(ready, now);
                return handOut(now);
            }
        }
        Lease fresh = reserver.reserve(nextChunk(now));
        if (!fresh.granted()) {
            current = null;
            chunk = 1; // the budget is spent: the next try asks for one unit, in one statement
            return new Take(0, fresh);
        }
        install(fresh, now);
        return handOut(now);
    }

    private Take handOut(long now) {
        Lease lease = current;
        long unit = next++;
        long left = lease.last() - next + 1;
        if (prefetched == null && lease.size() >= PREFETCH_FROM && left <= lease.size() / 2
                && lease.deadlineNanos() - now > PREFETCH_MIN_PERIOD_LEFT) {
            long units = nextChunk(now);
            prefetched = CompletableFuture.supplyAsync(() -> reserver.reserve(units), background)
                    .exceptionally(failure -> Lease.refused(lease.limit(), lease.period(), lease.periodLabel(),
                            lease.deadlineNanos(), 0));
        }
        return new Take(unit, lease);
    }

    private void install(Lease lease, long now) {
        current = lease;
        next = lease.first();
        leasedAtNanos = now;
    }

    /** The size of the next lease, from how fast the last one went and how much of the budget was left. */
    private long nextChunk(long now) {
        if (current == null) {
            return chunk;
        }
        long lived = now - leasedAtNanos;
        if (lived < FAST) {
            chunk = Math.min(MAX_CHUNK, chunk * 2);
        } else if (lived > SLOW) {
            chunk = Math.max(1, chunk / 2);
        }
        long leftWhenLeased = current.limit() - current.last();
        return Math.max(1, Math.min(chunk, leftWhenLeased / 8));
    }

    /**
     * Gives back the units this node holds (current and prefetched chunk) when no unit was taken for
     * {@code idleNanos}; 0 gives them back now (shutdown, policy change). Answers how many went back.
     */
    synchronized long releaseIfIdle(long idleNanos) {
        long now = System.nanoTime();
        if (now - lastTakenNanos < idleNanos || (current == null && prefetched == null)) {
            return 0;
        }
        long returned = 0;
        if (current != null && current.liveAt(now) && next <= current.last()) {
            long unused = current.last() - next + 1;
            reserver.giveBack(current, unused);
            returned += unused;
        }
        current = null;
        if (prefetched != null) {
            Lease ready = prefetched.join();
            prefetched = null;
            if (ready.granted() && ready.liveAt(now)) {
                reserver.giveBack(ready, ready.size());
                returned += ready.size();
            }
        }
        chunk = 1;
        return returned;
    }
}
