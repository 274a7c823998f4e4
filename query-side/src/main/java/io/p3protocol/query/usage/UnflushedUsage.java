package io.p3protocol.query.usage;

/**
 * Usage counted in memory by the node that served the requests and not written to the metering tables yet (the
 * app's policy checks write it shortly after, see docs/enterprise.md). A usage read asks for it to be written first,
 * so a read shows every request this node answered before it.
 */
public interface UnflushedUsage {
    /** Writes the counts this node holds for {@code keyId}; returns once they are committed. */
    void flush(String keyId);
}
