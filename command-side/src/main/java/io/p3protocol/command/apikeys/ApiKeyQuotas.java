package io.p3protocol.command.apikeys;

import io.p3protocol.kernel.apikeys.ApiKeyDefaults;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Each key's monthly quota as recorded at issue, from {@code api_key_quota} (written in the issuing transaction, so
 * present as soon as the issue command returns).
 */
@Component
public class ApiKeyQuotas {
    private final JdbcTemplate jdbc;

    public ApiKeyQuotas(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The key's quota; {@link ApiKeyDefaults#QUOTA_MONTHLY} for a key the table does not know. */
    public long quotaOf(String keyId) {
        List<Long> found = jdbc.queryForList("SELECT quota_monthly FROM api_key_quota WHERE key_id = ?", Long.class,
                keyId);
        return found.isEmpty() ? ApiKeyDefaults.QUOTA_MONTHLY : found.get(0);
    }
}
