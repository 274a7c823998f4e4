package io.p3protocol.command.vault;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class VaultConfiguration {

    /** The keyring the Secret aggregate's handlers receive; its keys live in the wrapped-key table. */
    @Bean
    public SecretKeyring secretKeyring(VersionKeyStore versionKeys) {
        return new SecretKeyring(versionKeys);
    }

    /** Reveals and TURN issues grow a secret's stream with use: snapshot like tenants ({@code P3_SNAPSHOT_THRESHOLD}). */
    @Bean
    public SnapshotTriggerDefinition secretSnapshotTrigger(Snapshotter snapshotter,
                                                           @Value("${p3.snapshot-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
