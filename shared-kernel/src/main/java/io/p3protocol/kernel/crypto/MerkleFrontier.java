package io.p3protocol.kernel.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 root of a growing list of leaves, in O(log n) memory: the roots of the perfect subtrees the leaves so
 * far decompose into (one per set bit of the leaf count, largest first). The root of all leaves folds them from the
 * right, which is exactly MTH's split at the largest power of two below n. Lets a verifier recompute every
 * checkpoint's root in one pass over a streamed export, and the checkpointer extend the tree of the previous
 * checkpoint with only the hashes sealed since.
 */
public final class MerkleFrontier {
    private final List<byte[]> subtrees = new ArrayList<>(); // roots of perfect subtrees, largest first
    private final List<Long> sizes = new ArrayList<>();
    private long leaves;

    public MerkleFrontier() {
    }

    /** An independent copy: adding to either leaves the other as it was. */
    public MerkleFrontier copy() {
        MerkleFrontier copy = new MerkleFrontier();
        copy.subtrees.addAll(subtrees); // the hashes themselves are never changed, only replaced
        copy.sizes.addAll(sizes);
        copy.leaves = leaves;
        return copy;
    }

    public void add(byte[] leafHash) {
        byte[] node = leafHash;
        long size = 1;
        while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == size) {
            node = MerkleTree.nodeHash(subtrees.remove(subtrees.size() - 1), node);
            sizes.remove(sizes.size() - 1);
            size *= 2;
        }
        subtrees.add(node);
        sizes.add(size);
        leaves++;
    }

    public long size() {
        return leaves;
    }

    /** MTH of the leaves added so far (at least one). */
    public byte[] root() {
        if (subtrees.isEmpty()) {
            throw new IllegalStateException("no leaves");
        }
        byte[] root = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(subtrees.get(i), root);
        }
        return root;
    }
}
