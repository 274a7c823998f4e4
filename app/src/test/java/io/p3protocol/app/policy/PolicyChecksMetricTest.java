package io.p3protocol.app.policy;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy checks' own time is a Prometheus histogram (the bench reads p50/p99 from it). */
@IntegrationTest
class PolicyChecksMetricTest {
    private static final Pattern COUNT = Pattern.compile("^p3_policy_checks_seconds_count(?:\\{[^}]*})? ([0-9.eE+]+)$",
            Pattern.MULTILINE);

    @LocalServerPort
    int port;

    private long timedChecks(TestApi api) {
        TestApi.Response scrape = api.get("/actuator/prometheus", TestApi.ADMIN_KEY);
        assertThat(scrape.status()).isEqualTo(200);
        Matcher m = COUNT.matcher(scrape.body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aTenantKeysRequestIsTimedAndThePlatformAdminsIsNot() {
        TestApi api = new TestApi(port);
        String key = api.issueKey(api.createTenant("policy-metric"), "admin").get("apiKey").asText();
        long before = timedChecks(api);

        api.get("/api/reports", TestApi.ADMIN_KEY);
        assertThat(timedChecks(api)).isEqualTo(before);
        api.get("/api/reports", key);

        assertThat(timedChecks(api)).isEqualTo(before + 1);
        assertThat(api.get("/actuator/prometheus", TestApi.ADMIN_KEY).body())
                .contains("p3_policy_checks_seconds_bucket{le=\"0.001\"}");
    }
}
