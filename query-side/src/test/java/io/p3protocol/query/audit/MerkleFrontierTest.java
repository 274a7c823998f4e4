package io.p3protocol.query.audit;

import io.p3protocol.kernel.crypto.MerkleTree;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MerkleFrontierTest {

    @Test
    void theRootAfterEachLeafIsTheRfc6962RootOfAllLeavesSoFar() {
        MerkleFrontier frontier = new MerkleFrontier();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            byte[] leaf = MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            leaves.add(leaf);
            frontier.add(leaf);

            assertThat(frontier.size()).isEqualTo(i + 1);
            assertThat(frontier.root()).as("size %d", i + 1).isEqualTo(MerkleTree.root(leaves));
        }
    }
}
