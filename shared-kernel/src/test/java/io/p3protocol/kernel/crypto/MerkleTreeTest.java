package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 6962 trees: the published roots of the reference 8-leaf tree (Certificate Transparency / Trillian test data),
 * then properties over every size 1..40: each inclusion and consistency proof verifies, a flipped bit does not.
 */
class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The leaves of the RFC 6962 reference tree used throughout Google's CT and Trillian tests. */
    private static final String[] REFERENCE_LEAVES = {"", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
    /** MTH of the first 1..8 reference leaves, as published in Trillian's testonly/constants.go. */
    private static final String[] REFERENCE_ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static List<byte[]> referenceLeafHashes(int size) {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            hashes.add(MerkleTree.leafHash(HEX.parseHex(REFERENCE_LEAVES[i])));
        }
        return hashes;
    }

    private static List<byte[]> leafHashes(int size) {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            hashes.add(MerkleTree.leafHash(("leaf-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return hashes;
    }

    private static byte[] flipped(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    @Test
    void theEmptyTreeHasTheHashOfTheEmptyString() {
        assertThat(HEX.formatHex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theReferenceTreeHasThePublishedRootsAtEverySize() {
        for (int size = 1; size <= 8; size++) {
            assertThat(HEX.formatHex(MerkleTree.root(referenceLeafHashes(size))))
                    .as("root of the first %d reference leaves", size).isEqualTo(REFERENCE_ROOTS[size - 1]);
        }
    }

    @Test
    void theReferenceTreeAuditPathOfLeafZeroIsThePublishedOne() {
        List<String> path = MerkleTree.inclusionProof(0, referenceLeafHashes(8)).stream().map(HEX::formatHex).toList();
        assertThat(path).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    @Test
    void nodesAndLeavesAreDomainSeparated() {
        byte[] a = MerkleTree.leafHash(new byte[]{1});
        byte[] b = MerkleTree.leafHash(new byte[]{2});
        byte[] concatenated = new byte[64];
        System.arraycopy(a, 0, concatenated, 0, 32);
        System.arraycopy(b, 0, concatenated, 32, 32);
        assertThat(MerkleTree.leafHash(concatenated)).isNotEqualTo(MerkleTree.nodeHash(a, b));
    }

    @Test
    void everyInclusionProofOfEveryLeafOfEverySizeUpTo40Verifies() {
        for (int size = 1; size <= 40; size++) {
            List<byte[]> leaves = leafHashes(size);
            byte[] root = MerkleTree.root(leaves);
            for (int index = 0; index < size; index++) {
                List<byte[]> path = MerkleTree.inclusionProof(index, leaves);
                assertThat(MerkleTree.verifyInclusion(index, size, leaves.get(index), path, root))
                        .as("leaf %d of %d", index, size).isTrue();
            }
        }
    }

    @Test
    void anInclusionProofFailsWithAFlippedBitAnywhereOrTheWrongIndexOrAShortPath() {
        for (int size = 2; size <= 40; size++) {
            List<byte[]> leaves = leafHashes(size);
            byte[] root = MerkleTree.root(leaves);
            for (int index = 0; index < size; index++) {
                List<byte[]> path = MerkleTree.inclusionProof(index, leaves);
                byte[] leaf = leaves.get(index);
                assertThat(MerkleTree.verifyInclusion(index, size, flipped(leaf, index), path, root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(index, size, leaf, path, flipped(root, size))).isFalse();
                for (int i = 0; i < path.size(); i++) {
                    List<byte[]> tampered = new ArrayList<>(path);
                    tampered.set(i, flipped(path.get(i), i + index));
                    assertThat(MerkleTree.verifyInclusion(index, size, leaf, tampered, root)).isFalse();
                }
                assertThat(MerkleTree.verifyInclusion((index + 1) % size, size, leaf, path, root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(index, size, leaf, path.subList(0, path.size() - 1), root))
                        .isFalse();
            }
        }
    }

    @Test
    void aSingleLeafTreeIsItsLeafWithAnEmptyPath() {
        List<byte[]> leaves = leafHashes(1);
        assertThat(MerkleTree.root(leaves)).isEqualTo(leaves.get(0));
        assertThat(MerkleTree.inclusionProof(0, leaves)).isEmpty();
        assertThat(MerkleTree.verifyInclusion(0, 1, leaves.get(0), List.of(), leaves.get(0))).isTrue();
    }

    @Test
    void everyConsistencyProofBetweenSizesUpTo40Verifies() {
        List<byte[]> all = leafHashes(40);
        for (int n = 1; n <= 40; n++) {
            byte[] newRoot = MerkleTree.root(all.subList(0, n));
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = MerkleTree.consistencyProof(m, all.subList(0, n));
                byte[] oldRoot = MerkleTree.root(all.subList(0, m));
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof)).as("%d to %d", m, n).isTrue();
            }
        }
    }

    @Test
    void aConsistencyProofFailsWithAFlippedBitAnywhereOrAnotherTree() {
        List<byte[]> all = leafHashes(40);
        List<byte[]> forked = new ArrayList<>(all);
        forked.set(0, MerkleTree.leafHash(new byte[]{42}));
        for (int n = 2; n <= 40; n++) {
            byte[] newRoot = MerkleTree.root(all.subList(0, n));
            for (int m = 1; m < n; m++) {
                List<byte[]> proof = MerkleTree.consistencyProof(m, all.subList(0, n));
                byte[] oldRoot = MerkleTree.root(all.subList(0, m));
                assertThat(MerkleTree.verifyConsistency(m, n, flipped(oldRoot, m), newRoot, proof)).isFalse();
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, flipped(newRoot, n), proof)).isFalse();
                for (int i = 0; i < proof.size(); i++) {
                    List<byte[]> tampered = new ArrayList<>(proof);
                    tampered.set(i, flipped(proof.get(i), i + m));
                    assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, tampered))
                            .as("%d to %d, node %d flipped", m, n, i).isFalse();
                }
                byte[] forkedOldRoot = MerkleTree.root(forked.subList(0, m));
                assertThat(MerkleTree.verifyConsistency(m, n, forkedOldRoot, newRoot, proof)).isFalse();
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, List.of())).isFalse();
            }
        }
    }

    @Test
    void equalSizesAreConsistentOnlyWithTheEmptyProofAndEqualRoots() {
        List<byte[]> leaves = leafHashes(5);
        byte[] root = MerkleTree.root(leaves);
        assertThat(MerkleTree.consistencyProof(5, leaves)).isEmpty();
        assertThat(MerkleTree.verifyConsistency(5, 5, root, root, List.of())).isTrue();
        assertThat(MerkleTree.verifyConsistency(5, 5, root, flipped(root, 3), List.of())).isFalse();
        assertThat(MerkleTree.verifyConsistency(5, 5, root, root, List.of(root))).isFalse();
    }

    @Test
    void proofsOutsideTheTreeAreRefused() {
        List<byte[]> leaves = leafHashes(3);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(3, leaves)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(0, leaves)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(4, leaves)).isInstanceOf(IllegalArgumentException.class);
    }
}
