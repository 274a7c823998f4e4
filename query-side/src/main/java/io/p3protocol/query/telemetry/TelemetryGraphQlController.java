package io.p3protocol.query.telemetry;

import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.telemetry.FindIpFraudSignals;
import io.p3protocol.kernel.telemetry.FindIpRequestRate;
import io.p3protocol.kernel.telemetry.FindSessionFraudSignals;
import io.p3protocol.kernel.telemetry.IpFraudPage;
import io.p3protocol.kernel.telemetry.IpFraudSignals;
import io.p3protocol.kernel.telemetry.MinuteCount;
import io.p3protocol.kernel.telemetry.SessionFraudPage;
import io.p3protocol.kernel.telemetry.SessionFraudSignals;
import io.p3protocol.query.graphql.Connection;
import io.p3protocol.query.graphql.GraphQlCaller;
import io.p3protocol.query.graphql.InvalidGraphQlArgument;
import io.p3protocol.query.graphql.PageCursors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code telemetryIps}, {@code telemetryIp}, {@code telemetrySessions} and {@code telemetrySession}: the fraud read
 * models through the query bus, for exactly one tenant: the key's own (another tenant's is NOT_FOUND, as
 * everywhere), or the one the platform admin names.
 */
@Controller
public class TelemetryGraphQlController {
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final String IPS = "telemetryIps";
    private static final String SESSIONS = "telemetrySessions";

    private final QueryGateway queries;
    private final Clock clock;

    public TelemetryGraphQlController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @QueryMapping
    public CompletableFuture<Connection<IpFraudSignals>> telemetryIps(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller, @Argument String tenantId,
            @Argument Instant from, @Argument Instant to, @Argument Double minScore, @Argument Integer first,
            @Argument String after) {
        String tenant = tenantOf(caller, tenantId);
        Window window = window(from, to);
        int limit = limit(first);
        TelemetryCursor cursor = TelemetryCursor.decode(IPS, after);
        BigDecimal afterScore = cursor == null ? null : score(cursor.sortValue());
        BigDecimal min = minScore == null ? BigDecimal.ZERO : BigDecimal.valueOf(minScore);
        return queries.query(new FindIpFraudSignals(tenant, window.from, window.to, null, min, afterScore,
                        cursor == null ? null : cursor.id(), limit), IpFraudPage.class)
                .thenApply(page -> connection(page.ips(), ip -> new TelemetryCursor(
                        ip.fraudScore().toPlainString(), ip.hashedIp()).encode(IPS), after != null, page.hasMore()));
    }

    @QueryMapping
    public CompletableFuture<IpFraudSignals> telemetryIp(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller, @Argument String hashedIp,
            @Argument String tenantId, @Argument Instant from, @Argument Instant to) {
        String tenant = tenantOf(caller, tenantId);
        Window window = window(from, to);
        return queries.query(new FindIpFraudSignals(tenant, window.from, window.to, hashedIp, BigDecimal.ZERO,
                        null, null, 1), IpFraudPage.class)
                .thenApply(page -> page.ips().isEmpty() ? null : page.ips().get(0));
    }

    /** The parent was already scoped to the caller's tenant and window when it was read. */
    @SchemaMapping(typeName = "TelemetryIp", field = "requestsPerMinute")
    public CompletableFuture<List<MinuteCount>> requestsPerMinute(IpFraudSignals ip) {
        return queries.query(new FindIpRequestRate(ip.tenantId(), ip.hashedIp(), ip.windowFrom(), ip.windowTo()),
                ResponseTypes.multipleInstancesOf(MinuteCount.class));
    }

    @QueryMapping
    public CompletableFuture<Connection<SessionFraudSignals>> telemetrySessions(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller, @Argument String tenantId,
            @Argument String hashedIp, @Argument Boolean hijackedOnly, @Argument Integer first,
            @Argument String after) {
        String tenant = tenantOf(caller, tenantId);
        int limit = limit(first);
        TelemetryCursor cursor = TelemetryCursor.decode(SESSIONS, after);
        return queries.query(new FindSessionFraudSignals(tenant, null, hashedIp, Boolean.TRUE.equals(hijackedOnly),
                        cursor == null ? null : micros(cursor.sortValue()), cursor == null ? null : cursor.id(),
                        limit), SessionFraudPage.class)
                .thenApply(page -> connection(page.sessions(), s -> new TelemetryCursor(
                        Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, s.firstSeen())), s.sessionId())
                        .encode(SESSIONS), after != null, page.hasMore()));
    }

    @QueryMapping
    public CompletableFuture<SessionFraudSignals> telemetrySession(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller, @Argument String sessionId,
            @Argument String tenantId) {
        String tenant = tenantOf(caller, tenantId);
        return queries.query(new FindSessionFraudSignals(tenant, sessionId, null, false, null, null, 1),
                        SessionFraudPage.class)
                .thenApply(page -> page.sessions().isEmpty() ? null : page.sessions().get(0));
    }

    /** The one tenant a telemetry read is for: the key's own, or the one the platform admin names. */
    private static String tenantOf(Caller caller, String requested) {
        caller.requireRole(Role.VIEWER);
        String tenant = caller.scopeTenant(requested);
        if (tenant == null) {
            throw new InvalidGraphQlArgument("tenant_required",
                    "The platform admin must name the tenant (tenantId): telemetry is only ever read per tenant.");
        }
        return tenant;
    }

    private record Window(Instant from, Instant to) {
    }

    private Window window(Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw new InvalidGraphQlArgument("invalid_window", "'from' must be before 'to'.");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidGraphQlArgument("invalid_window", "The window is at most " + MAX_WINDOW.toDays()
                    + " days long.");
        }
        return new Window(start, end);
    }

    private static int limit(Integer first) {
        int limit = first == null ? PageCursors.DEFAULT_PAGE_SIZE : first;
        if (limit < 1 || limit > PageCursors.MAX_PAGE_SIZE) {
            throw new InvalidGraphQlArgument("invalid_page_size",
                    "'first' must be between 1 and " + PageCursors.MAX_PAGE_SIZE + " (was " + limit + ").");
        }
        return limit;
    }

    private static BigDecimal score(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidGraphQlArgument("invalid_cursor", "'after' is not a cursor of the " + IPS + " list.");
        }
    }

    private static Instant micros(String text) {
        try {
            return Instant.EPOCH.plus(Long.parseLong(text), ChronoUnit.MICROS);
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidGraphQlArgument("invalid_cursor", "'after' is not a cursor of the " + SESSIONS + " list.");
        }
    }

    private static <T> Connection<T> connection(List<T> nodes, Function<T, String> cursor, boolean hasPrevious,
                                                boolean hasMore) {
        List<Connection.Edge<T>> edges = nodes.stream().map(n -> new Connection.Edge<>(cursor.apply(n), n)).toList();
        return new Connection<>(edges, new Connection.PageInfo(hasMore, hasPrevious,
                edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }
}
