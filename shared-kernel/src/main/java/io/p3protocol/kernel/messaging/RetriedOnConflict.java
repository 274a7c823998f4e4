package io.p3protocol.kernel.messaging;

/**
 * A command that is decided again, on its aggregate's fresh state, when its events lose a race in the event store to
 * another node's command on the same aggregate. On one node such commands queue on the aggregate's lock and both
 * succeed in turn; across nodes the loser would otherwise answer 409. Only for commands whose handler decides from the
 * aggregate's state alone and has no effect outside the command's own transaction, so the failed attempt left
 * nothing behind and deciding again is the same as having waited for the lock.
 */
public interface RetriedOnConflict {
}
