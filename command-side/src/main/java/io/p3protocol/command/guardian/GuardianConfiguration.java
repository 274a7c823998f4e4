package io.p3protocol.command.guardian;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class GuardianConfiguration {

    /** Every crossing adds two events to the grant: snapshot like tenants ({@code P3_SNAPSHOT_THRESHOLD}). */
    @Bean
    public SnapshotTriggerDefinition guardianGrantSnapshotTrigger(Snapshotter snapshotter,
                                                                  @Value("${p3.snapshot-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
