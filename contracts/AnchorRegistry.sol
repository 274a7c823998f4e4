// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title AnchorRegistry: public, append-only record of Merkle roots (audit checkpoints) anchored by P3.
/// @notice Each root can be anchored once. The block it was anchored in is kept on chain so anyone can look it up
///         (anchoredAt) and find the Anchored log of that block; a second anchor of the same root reverts.
contract AnchorRegistry {
    /// Block number in which a root was anchored; 0 means never (no transaction runs in the genesis block).
    mapping(bytes32 => uint256) private anchoredBlock;

    event Anchored(bytes32 indexed root, uint64 count, string meta, address indexed sender, uint256 timestamp);

    /// The root was anchored before, in block `blockNumber`.
    error AlreadyAnchored(bytes32 root, uint256 blockNumber);
    /// The zero root is refused: it is what an unset bytes32 looks like.
    error ZeroRoot();

    function anchor(bytes32 root, uint64 count, string calldata meta) external {
        if (root == bytes32(0)) revert ZeroRoot();
        uint256 existing = anchoredBlock[root];
        if (existing != 0) revert AlreadyAnchored(root, existing);
        anchoredBlock[root] = block.number;
        emit Anchored(root, count, meta, msg.sender, block.timestamp);
    }

    /// @return the block number the root was anchored in, or 0 when it never was.
    function anchoredAt(bytes32 root) external view returns (uint256) {
        return anchoredBlock[root];
    }
}
