package io.p3protocol.query.tenancy;

import io.p3protocol.kernel.apikeys.ApiKeyPage;
import io.p3protocol.kernel.apikeys.ApiKeyStatus;
import io.p3protocol.kernel.apikeys.ApiKeySummary;
import io.p3protocol.kernel.apikeys.FindApiKeysPage;
import io.p3protocol.kernel.apikeys.WatchApiKeyIssues;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.FindTenant;
import io.p3protocol.kernel.tenancy.FindTenantsPage;
import io.p3protocol.kernel.tenancy.TenantPage;
import io.p3protocol.kernel.tenancy.TenantStatus;
import io.p3protocol.kernel.tenancy.TenantSummary;
import io.p3protocol.kernel.tenancy.WatchTenantCreations;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Answers tenant and API-key queries from the read models {@code tenant_view} and {@code api_key_view} only.
 * Pages are keyset pages on {@code list_position}: one row more than asked is read to learn whether more follow.
 * Who may see what is decided by the asker (the query carries the scope), never here.
 */
@Component
public class TenancyQueryHandlers {
    private static final String TENANT_COLUMNS =
            "tenant_id, name, status, created_at, created_by, updated_at, list_position";
    private static final String API_KEY_COLUMNS = """
            key_id, tenant_id, roles, status, expires_at, quota_monthly, issued_at, issued_by, revoked_at, revoked_by,
            revoke_reason, expired_at, list_position""";
    /** Below every real position (global event indexes start at 0). */
    private static final long BEFORE_FIRST = -1;

    private final JdbcTemplate jdbc;

    public TenancyQueryHandlers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public TenantPage tenantsPage(FindTenantsPage query) {
        Slice<TenantSummary> slice = keysetPage("tenant_view", TENANT_COLUMNS, TENANT_ROW, query.onlyTenantId(),
                query.afterPosition(), query.limit());
        return new TenantPage(slice.rows(), slice.hasPrevious(), slice.hasMore());
    }

    @QueryHandler
    public Optional<TenantSummary> tenant(FindTenant query) {
        return jdbc.query("SELECT " + TENANT_COLUMNS + " FROM tenant_view WHERE tenant_id = ?", TENANT_ROW,
                query.tenantId()).stream().findFirst();
    }

    @QueryHandler
    public ApiKeyPage apiKeysPage(FindApiKeysPage query) {
        Slice<ApiKeySummary> slice = keysetPage("api_key_view", API_KEY_COLUMNS, API_KEY_ROW, query.onlyTenantId(),
                query.afterPosition(), query.limit());
        return new ApiKeyPage(slice.rows(), slice.hasPrevious(), slice.hasMore());
    }

    private record Slice<T>(List<T> rows, boolean hasPrevious, boolean hasMore) {
    }

    /** One keyset page of a view ordered by {@code list_position}, optionally limited to one tenant's rows. */
    private <T> Slice<T> keysetPage(String view, String columns, RowMapper<T> mapper, String onlyTenantId,
                                    Long afterPosition, int limit) {
        long after = afterPosition == null ? BEFORE_FIRST : afterPosition;
        List<T> rows = jdbc.query("SELECT " + columns + " FROM " + view + """
                 WHERE (CAST(? AS TEXT) IS NULL OR tenant_id = ?) AND list_position > ?
                ORDER BY list_position LIMIT ?""", mapper, onlyTenantId, onlyTenantId, after, limit + 1);
        boolean hasPrevious = afterPosition != null && Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM " + view
                        + " WHERE (CAST(? AS TEXT) IS NULL OR tenant_id = ?) AND list_position <= ?)",
                Boolean.class, onlyTenantId, onlyTenantId, after));
        boolean hasMore = rows.size() > limit;
        return new Slice<>(hasMore ? rows.subList(0, limit) : rows, hasPrevious, hasMore);
    }

    /** Live subscriptions start with nothing: only tenants created from now on are pushed (by the projection). */
    @QueryHandler
    public List<TenantSummary> tenantCreationsSoFar(WatchTenantCreations query) {
        return List.of();
    }

    /** Live subscriptions start with nothing: only keys issued from now on are pushed (by the projection). */
    @QueryHandler
    public List<ApiKeySummary> apiKeyIssuesSoFar(WatchApiKeyIssues query) {
        return List.of();
    }

    private static final RowMapper<TenantSummary> TENANT_ROW = (rs, i) -> new TenantSummary(
            rs.getString("tenant_id"), rs.getString("name"), TenantStatus.valueOf(rs.getString("status")),
            instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"),
            rs.getLong("list_position"));

    private static final RowMapper<ApiKeySummary> API_KEY_ROW = (rs, i) -> new ApiKeySummary(
            rs.getString("key_id"), rs.getString("tenant_id"), roles(rs.getArray("roles")),
            ApiKeyStatus.valueOf(rs.getString("status")), instant(rs, "expires_at"), rs.getLong("quota_monthly"),
            instant(rs, "issued_at"), rs.getString("issued_by"), instant(rs, "revoked_at"),
            rs.getString("revoked_by"), rs.getString("revoke_reason"), instant(rs, "expired_at"),
            rs.getLong("list_position"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<Role> roles(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(Role::fromWire).sorted().toList();
    }
}
