package io.p3protocol.query.reports;

import io.p3protocol.kernel.vault.SecretDestroyedEvent;
import io.p3protocol.kernel.vault.SecretRotatedEvent;
import io.p3protocol.kernel.vault.SecretStoredEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code secret-rotation}: the 90-day rotation policy, as of an instant. For every secret: when it was stored,
 * its last rotation, the age of its current version (time since the last store or rotation), and whether it was
 * in breach at {@code asOf} (a live version older than 90 days). {@code longestIntervalDays} is the longest any
 * version stayed current up to {@code asOf}, so a breach that a late rotation ended still shows.
 * <p>
 * Built only from the store, rotate and destroy events stamped at or before {@code asOf}; it reads no read model
 * and never a value.
 */
@Component
public class SecretRotationReport implements ComplianceReport {
    public static final String NAME = "secret-rotation";
    public static final Duration POLICY = Duration.ofDays(90);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Secret rotation (90-day policy)";
    }

    @Override
    public ReportProjection newProjection(ReportRequest request) {
        return new Projection(request.asOf());
    }

    public record Body(long policyDays, int secrets, int inBreach, List<SecretRotation> rows) {
    }

    /**
     * @param ageDays             whole days since the current version was stored or rotated (null once destroyed)
     * @param breached            true when a live version was older than the policy at {@code asOf}
     * @param longestIntervalDays the longest time, in whole days, any version stayed current
     */
    public record SecretRotation(String tenantId, String name, String status, int version, Instant storedAt,
                                 Instant lastRotatedAt, int rotationCount, Long ageDays, boolean breached,
                                 Instant breachedSince, long longestIntervalDays) {
    }

    static final class Projection implements ReportProjection {
        private final Instant asOf;
        private final Map<String, Secret> secrets = new LinkedHashMap<>();

        private static final class Secret {
            final String tenantId;
            final String name;
            boolean destroyed;
            int version;
            Instant storedAt;
            Instant lastRotatedAt;
            Instant currentSince;
            int rotationCount;
            Duration longest = Duration.ZERO;

            Secret(String tenantId, String name) {
                this.tenantId = tenantId;
                this.name = name;
            }

            void closeInterval(Instant at) {
                if (currentSince != null && !destroyed) {
                    Duration interval = Duration.between(currentSince, at);
                    if (interval.compareTo(longest) > 0) {
                        longest = interval;
                    }
                }
            }
        }

        Projection(Instant asOf) {
            this.asOf = asOf;
        }

        @EventHandler
        void on(SecretStoredEvent event, @Timestamp Instant at) {
            Secret secret = secrets.computeIfAbsent(event.tenantId() + "/" + event.name(),
                    id -> new Secret(event.tenantId(), event.name()));
            secret.destroyed = false;
            secret.version = event.version();
            secret.storedAt = at;
            secret.lastRotatedAt = null;
            secret.currentSince = at;
            secret.rotationCount = 0;
        }

        @EventHandler
        void on(SecretRotatedEvent event, @Timestamp Instant at) {
            Secret secret = secrets.get(event.tenantId() + "/" + event.name());
            if (secret != null) {
                secret.closeInterval(at);
                secret.version = event.version();
                secret.lastRotatedAt = at;
                secret.currentSince = at;
                secret.rotationCount = event.rotationCount();
            }
        }

        @EventHandler
        void on(SecretDestroyedEvent event, @Timestamp Instant at) {
            Secret secret = secrets.get(event.tenantId() + "/" + event.name());
            if (secret != null) {
                secret.closeInterval(at);
                secret.destroyed = true;
            }
        }

        @Override
        public Body result() {
            List<SecretRotation> rows = new ArrayList<>(secrets.size());
            int inBreach = 0;
            for (Secret secret : secrets.values()) {
                Duration longest = secret.longest;
                Long ageDays = null;
                boolean breached = false;
                Instant breachedSince = null;
                if (!secret.destroyed) {
                    Duration age = Duration.between(secret.currentSince, asOf);
                    ageDays = age.toDays();
                    longest = age.compareTo(longest) > 0 ? age : longest;
                    breached = age.compareTo(POLICY) > 0;
                    breachedSince = breached ? secret.currentSince.plus(POLICY) : null;
                }
                if (breached) {
                    inBreach++;
                }
                rows.add(new SecretRotation(secret.tenantId, secret.name, secret.destroyed ? "destroyed" : "live",
                        secret.version, secret.storedAt, secret.lastRotatedAt, secret.rotationCount, ageDays,
                        breached, breachedSince, longest.toDays()));
            }
            return new Body(POLICY.toDays(), rows.size(), inBreach, rows);
        }
    }
}
