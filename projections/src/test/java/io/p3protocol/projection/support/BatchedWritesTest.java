package io.p3protocol.projection.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedWritesTest {
    private static final String INSERT_TENANT = "INSERT tenant";
    private static final String INSERT_KEY = "INSERT key";
    private static final String RENAME = "UPDATE tenant name";
    private static final String REVOKE = "UPDATE key status";

    private final BatchedWrites.Pending pending = new BatchedWrites.Pending();

    @Test
    void interleavedCreationsOfDifferentEntitiesBecomeOneBatchPerStatement() {
        pending.add("tenant:a", INSERT_TENANT, row("a"));
        pending.add("key:1", INSERT_KEY, row("1"));
        pending.add("key:2", INSERT_KEY, row("2"));
        pending.add("tenant:b", INSERT_TENANT, row("b"));
        pending.add("key:3", INSERT_KEY, row("3"));

        assertThat(plan()).containsExactly(INSERT_TENANT + "[a, b]", INSERT_KEY + "[1, 2, 3]");
    }

    @Test
    void aWriteNeverMovesBeforeAnEarlierWriteOfItsOwnEntity() {
        pending.add("tenant:a", INSERT_TENANT, row("a"));
        pending.add("tenant:a", RENAME, row("a renamed"));
        pending.add("tenant:b", INSERT_TENANT, row("b"));
        pending.add("tenant:b", RENAME, row("b renamed"));
        pending.add("tenant:a", RENAME, row("a renamed again"));

        assertThat(plan()).containsExactly(INSERT_TENANT + "[a, b]", RENAME + "[a renamed, b renamed, a renamed again]");
    }

    @Test
    void aStatementUsedAgainAfterAnotherOnTheSameEntityStartsANewBatch() {
        pending.add("tenant:a", RENAME, row("first"));
        pending.add("tenant:a", REVOKE, row("between"));
        pending.add("tenant:a", RENAME, row("second"));

        assertThat(plan()).containsExactly(RENAME + "[first]", REVOKE + "[between]", RENAME + "[second]");
    }

    private static Object[] row(String value) {
        return new Object[]{value};
    }

    private List<String> plan() {
        return pending.plan().stream().map(BatchedWritesTest::describe).toList();
    }

    private static String describe(Map.Entry<String, List<Object[]>> statement) {
        return statement.getKey() + statement.getValue().stream().map(args -> (String) args[0]).toList();
    }
}
