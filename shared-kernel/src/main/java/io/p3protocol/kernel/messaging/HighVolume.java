package io.p3protocol.kernel.messaging;

/**
 * Marks an event type that arrives in bulk (thousands per second, in batches). Axon's per-message Micrometer
 * monitors are not applied to such events: building tags and looking meters up for every message of every processor
 * cost more CPU than handling them (docs/benchmarks.md). Their flow stays visible through processor lag
 * ({@code /actuator/processors}) and the HTTP metrics of the route that ingests them.
 */
public interface HighVolume {
}
