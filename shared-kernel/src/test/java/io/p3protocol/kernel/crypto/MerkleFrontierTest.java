package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MerkleFrontierTest {
    private static byte[] leaf(int i) {
        return MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i).array());
    }

    @Test
    void theRootAfterEachLeafIsTheRfc6962RootOfAllLeavesSoFar() {
        MerkleFrontier frontier = new MerkleFrontier();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            byte[] leaf = leaf(i);
            leaves.add(leaf);
            frontier.add(leaf);

            assertThat(frontier.size()).isEqualTo(i + 1);
            assertThat(frontier.root()).as("size %d", i + 1).isEqualTo(MerkleTree.root(leaves));
        }
    }

    @Test
    void aCopyGrowsIndependentlyOfItsOriginal() {
        MerkleFrontier original = new MerkleFrontier();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] leaf = leaf(i);
            leaves.add(leaf);
            original.add(leaf);
        }
        byte[] rootOfFive = original.root();

        MerkleFrontier copy = original.copy();
        List<byte[]> more = new ArrayList<>(leaves);
        for (int i = 5; i < 12; i++) {
            byte[] leaf = leaf(i);
            more.add(leaf);
            copy.add(leaf);
        }

        assertThat(copy.root()).isEqualTo(MerkleTree.root(more));
        assertThat(original.size()).isEqualTo(5);
        assertThat(original.root()).isEqualTo(rootOfFive);
    }
}
