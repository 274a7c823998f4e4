package io.p3protocol.kernel.crypto;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 §2.1 Merkle hash trees over SHA-256 (the Certificate Transparency tree): leaf hash
 * {@code SHA-256(0x00 || leaf)}, node hash {@code SHA-256(0x01 || left || right)}, a tree of n leaves split at the
 * largest power of two below n. Generation follows RFC 6962 (MTH, PATH, PROOF); verification follows the
 * algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, which need only the proof, the sizes and the roots.
 * <p>
 * The tree methods take the leaves' hashes ({@link #leafHash}), in leaf order, so a caller can keep them instead of
 * the leaves. Generation is recursive over {@code subList} views and costs O(n) hashes per call.
 */
public final class MerkleTree {
    public static final int HASH_BYTES = 32;
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleTree() {
    }

    /** {@code SHA-256(0x00 || leaf)}. */
    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = Sha256.newDigest();
        sha.update(LEAF_PREFIX);
        return sha.digest(leaf);
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = Sha256.newDigest();
        sha.update(NODE_PREFIX);
        sha.update(left);
        return sha.digest(right);
    }

    /** MTH: the root of the tree whose leaves have these hashes; for no leaves, SHA-256 of the empty string. */
    public static byte[] root(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return Sha256.newDigest().digest();
        }
        if (n == 1) {
            return leafHashes.get(0).clone();
        }
        int k = splitPoint(n);
        return nodeHash(root(leafHashes.subList(0, k)), root(leafHashes.subList(k, n)));
    }

    /** PATH(m, D[n]): the audit path of leaf {@code index}, from the leaf's sibling up to the root's children. */
    public static List<byte[]> inclusionProof(int index, List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("leaf index " + index + " is outside a tree of " + n + " leaves");
        }
        List<byte[]> path = new ArrayList<>();
        collectPath(index, leafHashes, path);
        return path;
    }

    private static void collectPath(int m, List<byte[]> leaves, List<byte[]> path) {
        int n = leaves.size();
        if (n == 1) {
            return;
        }
        int k = splitPoint(n);
        if (m < k) {
            collectPath(m, leaves.subList(0, k), path);
            path.add(root(leaves.subList(k, n)));
        } else {
            collectPath(m - k, leaves.subList(k, n), path);
            path.add(root(leaves.subList(0, k)));
        }
    }

    /**
     * PROOF(m, D[n]): the consistency proof that the tree of the first {@code oldSize} leaves is a prefix of the tree
     * of all of them. Defined for {@code 0 < oldSize <= n}; equal sizes give the empty proof.
     */
    public static List<byte[]> consistencyProof(int oldSize, List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (oldSize < 1 || oldSize > n) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        collectSubproof(oldSize, leafHashes, true, proof);
        return proof;
    }

    private static void collectSubproof(int m, List<byte[]> leaves, boolean completeSubtree, List<byte[]> proof) {
        int n = leaves.size();
        if (m == n) {
            if (!completeSubtree) {
                proof.add(root(leaves));
            }
            return;
        }
        int k = splitPoint(n);
        if (m <= k) {
            collectSubproof(m, leaves.subList(0, k), completeSubtree, proof);
            proof.add(root(leaves.subList(k, n)));
        } else {
            collectSubproof(m - k, leaves.subList(k, n), false, proof);
            proof.add(root(leaves.subList(0, k)));
        }
    }

    /** RFC 9162 §2.1.3.2: whether {@code path} proves leaf {@code index} of a tree of {@code treeSize} under {@code root}. */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= treeSize || !isHash(leafHash) || !isHash(root)) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || !isHash(p)) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 §2.1.4.2: whether {@code proof} shows the tree of {@code oldSize} leaves under {@code oldRoot} is a
     * prefix of the tree of {@code newSize} leaves under {@code newRoot}. Equal sizes need the empty proof and equal
     * roots.
     */
    public static boolean verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot,
                                            List<byte[]> proof) {
        if (oldSize < 1 || oldSize > newSize || !isHash(oldRoot) || !isHash(newRoot)) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(oldSize) == 1) {
            path.add(oldRoot); // the old tree is a complete subtree: the proof leaves out its root
        }
        path.addAll(proof);
        for (byte[] c : path) {
            if (!isHash(c)) {
                return false;
            }
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    /** The largest power of two smaller than {@code n} (n > 1). */
    static int splitPoint(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_BYTES;
    }
}
