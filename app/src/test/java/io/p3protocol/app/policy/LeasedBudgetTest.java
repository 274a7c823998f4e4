package io.p3protocol.app.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease arithmetic of {@link LeasedBudget}, against an in-memory stand-in for the budget row that grants like
 * the real statement ({@code reserved + n <= limit}, else one unit, else nothing). The statements themselves and
 * exactness across nodes are proven on PostgreSQL (QuotaTest, RateLimitTest, TwoNodesOnOnePostgresTest).
 */
class LeasedBudgetTest {
    private static final Executor SAME_THREAD = Runnable::run;

    /** One budget row: what every node's leases have reserved, and the chunk sizes asked for. */
    private static final class Row implements LeasedBudget.Reserver {
        final long limit;
        long reserved;
        final List<Long> asked = new ArrayList<>();

        Row(long limit) {
            this.limit = limit;
        }

        @Override
        public synchronized LeasedBudget.Lease reserve(long units) {
            asked.add(units);
            long granted = reserved + units <= limit ? units : reserved + 1 <= limit ? 1 : 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            if (granted == 0) {
                return LeasedBudget.Lease.refused(limit, "p", "p", deadline, 60);
            }
            reserved += granted;
            return new LeasedBudget.Lease(reserved - granted + 1, reserved, limit, "p", "p", deadline, 60);
        }

        @Override
        public synchronized void giveBack(LeasedBudget.Lease lease, long units) {
            reserved -= units;
        }
    }

    private static int served(LeasedBudget budget, int requests) {
        int served = 0;
        for (int i = 0; i < requests; i++) {
            served += budget.take().granted() ? 1 : 0;
        }
        return served;
    }

    @Test
    void chunksGrowWhileMuchIsLeftAndShrinkToOneUnitNearTheLimit() {
        Row row = new Row(1_000);
        LeasedBudget budget = new LeasedBudget(row, SAME_THREAD);

        assertThat(served(budget, 1_200)).isEqualTo(1_000);

        assertThat(row.asked.get(0)).isEqualTo(1);
        assertThat(row.asked).anyMatch(units -> units >= 64);
        List<Long> lastTen = row.asked.subList(row.asked.size() - 10, row.asked.size());
        assertThat(lastTen).containsOnly(1L);
    }

    @Test
    void twoNodesTakingTurnsAreServedExactlyTheLimit() {
        Row row = new Row(300);
        LeasedBudget nodeA = new LeasedBudget(row, SAME_THREAD);
        LeasedBudget nodeB = new LeasedBudget(row, SAME_THREAD);

        List<Boolean> granted = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            granted.add((i % 2 == 0 ? nodeA : nodeB).take().granted());
        }

        assertThat(granted.subList(0, 300)).containsOnly(true);
        assertThat(granted.subList(300, 400)).containsOnly(false);
    }

    @Test
    void unitsANodeLeftIdleGoBackToTheBudgetForTheOtherNode() {
        Row row = new Row(1_000);
        LeasedBudget nodeA = new LeasedBudget(row, SAME_THREAD);
        LeasedBudget nodeB = new LeasedBudget(row, SAME_THREAD);
        int servedByA = served(nodeA, 200);
        int servedByB = served(nodeB, 2_000);
        assertThat(servedByA + servedByB).isLessThan(1_000); // A still holds leased units it did not use

        long returned = nodeA.releaseIfIdle(0);

        assertThat(returned).isPositive();
        assertThat(servedByA + servedByB + served(nodeB, 2_000)).isEqualTo(1_000);
    }

    @Test
    void theNextChunkIsReservedInTheBackgroundBeforeTheCurrentOneRunsOut() {
        Row row = new Row(1_000_000);
        List<Runnable> background = new ArrayList<>();
        LeasedBudget budget = new LeasedBudget(row, background::add);
        for (int i = 0; i < 100 && background.isEmpty(); i++) {
            assertThat(budget.take().granted()).isTrue(); // chunks 1, 2, 4: half of the 4 queues a prefetch
        }
        assertThat(background).hasSize(1);
        int asked = row.asked.size();

        background.get(0).run();
        for (int i = 0; i < 1_000 && background.size() == 1; i++) {
            assertThat(budget.take().granted()).isTrue();
        }

        // the current chunk ran out and the prefetched one took over, without a reservation on the request path
        assertThat(background).hasSize(2);
        assertThat(row.asked).hasSize(asked + 1);
    }
}
