package io.p3protocol.app.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** Unauthenticated; clients (and the PWA cache guard) poll it, so it must never be cached. */
@RestController
public class VersionController {
    private final BuildProperties build;
    private final Clock clock;

    public VersionController(ObjectProvider<BuildProperties> build, Clock clock) {
        this.build = build.getIfAvailable();
        this.clock = clock;
    }

    public record VersionResponse(String version, Instant buildTime, Instant serverTime) {
    }

    @GetMapping("/api/version")
    public ResponseEntity<VersionResponse> version() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore().mustRevalidate())
                .header("Pragma", "no-cache")
                .header("Expires", "0")
                .body(new VersionResponse(build == null ? "dev" : build.getVersion(),
                        build == null ? null : build.getTime(), clock.instant()));
    }
}
