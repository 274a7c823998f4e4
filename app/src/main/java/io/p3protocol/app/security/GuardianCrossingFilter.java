package io.p3protocol.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.messaging.MessageMetadataConfiguration.RequestMetadataInterceptor;
import io.p3protocol.app.web.Problems;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.guardian.GuardianAccess;
import io.p3protocol.kernel.guardian.RecordGuardianAccessCommand;
import io.p3protocol.kernel.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lets a guardian key act inside another tenant: a request carrying {@code X-P3-Guardian-Tenant: <tenantId>} is
 * served as that tenant's, with the grant's roles, once the covering grant has recorded the access (in both
 * tenants' audit trails). The header only picks among the tenants the credential's grants name; without a grant
 * nothing crosses, and the answer does not tell whether the tenant exists. Runs right after authentication and
 * before the tenant policy, so the target tenant's policy (sandbox, rate limit, features) applies to the crossing.
 * Only HTTP requests can cross; a GraphQL WebSocket stays in the key's own tenant.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class GuardianCrossingFilter extends OncePerRequestFilter {
    public static final String TARGET_TENANT_HEADER = "X-P3-Guardian-Tenant";
    public static final String GRANT_HEADER = "X-P3-Guardian-Grant";
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(GuardianCrossingFilter.class);

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final ObjectMapper mapper;

    public GuardianCrossingFilter(JdbcTemplate jdbc, CommandGateway commands, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(TARGET_TENANT_HEADER) == null
                || !(request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller guardian = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        String target = request.getHeader(TARGET_TENANT_HEADER).trim();
        if (guardian.platformAdmin()) {
            Problems.write(request, response, mapper, HttpStatus.BAD_REQUEST, "guardian_not_applicable",
                    "The platform-admin key reaches every tenant already; drop the " + TARGET_TENANT_HEADER + " header.");
            return;
        }
        if (!TENANT_ID.matcher(target).matches()) {
            Problems.write(request, response, mapper, HttpStatus.BAD_REQUEST, "validation_failed",
                    TARGET_TENANT_HEADER + " must be a tenant id.");
            return;
        }
        if (target.equals(guardian.tenantId())) {
            chain.doFilter(request, response); // the key's own tenant: nothing crosses
            return;
        }
        String operation = request.getMethod() + " " + request.getRequestURI().substring(request.getContextPath().length());
        List<String> grants = jdbc.queryForList("""
                SELECT grant_id FROM guardian_grant_view
                WHERE guardian_key_id = ? AND ? = ANY (target_tenant_ids) AND status = 'ACTIVE' AND expires_at > now()
                ORDER BY granted_at DESC LIMIT 1""", String.class, guardian.keyId(), target);
        if (grants.isEmpty()) {
            refuse(request, response, guardian, target, "This key holds no active guardian grant over that tenant.");
            return;
        }
        String grantId = grants.get(0);
        GuardianAccess access;
        try {
            access = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new RecordGuardianAccessCommand(grantId, guardian.keyId(), target, operation))
                    // sent before Spring's request context exists: the request's metadata is passed along here
                    .andMetaData(RequestMetadataInterceptor.ofRequest(request::getAttribute)));
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof AccessDenied || cause instanceof AggregateNotFoundException) {
                refuse(request, response, guardian, target, cause.getMessage());
                return;
            }
            throw e;
        }
        Caller crossing = Caller.guardian(guardian.keyId(), target, access.roles(), grantId);
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, crossing);
        response.setHeader(GRANT_HEADER, grantId);
        MDC.put("actor", crossing.actor());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.put("actor", guardian.actor());
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Caller guardian, String target,
                        String why) throws IOException {
        log.warn("Guardian crossing refused: {} into tenant {}: {}", guardian.actor(), target, why);
        Problems.write(request, response, mapper, HttpStatus.FORBIDDEN, "guardian_scope_denied", why);
    }
}
