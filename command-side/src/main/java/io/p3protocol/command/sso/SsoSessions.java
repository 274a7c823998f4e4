package io.p3protocol.command.sso;

import io.p3protocol.command.sso.SsoDirectory.ProviderView;
import io.p3protocol.kernel.apikeys.IssueApiKeyCommand;
import io.p3protocol.kernel.crypto.ApiKeyMaterial;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.sso.CompleteSsoLoginCommand;
import io.p3protocol.kernel.sso.LinkSsoIdentityCommand;
import io.p3protocol.kernel.sso.SsoProviderSettings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The end of every successful SSO login, whatever the protocol: the subject is linked ({@code SsoIdentityLinked}),
 * a session API key is issued through the ordinary key path, and the login is closed.
 */
@Component
public class SsoSessions {
    static final Duration SESSION_TTL = Duration.ofHours(1);
    private static final Pattern WALLET = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final CommandGateway commands;
    private final Clock clock;

    public SsoSessions(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** The session credential: an API key shown once, expiring with the session. */
    public record LoginResult(String tenantId, String providerId, String identityId, String subject, String wallet,
                              Set<Role> roles, String keyId, String apiKey, Instant expiresAt) {
        @Override
        public String toString() {
            return "LoginResult[identityId=" + identityId + ", keyId=" + keyId + ", apiKey=<redacted>]";
        }
    }

    /**
     * Links {@code subject} with the roles mapped from {@code granted}, issues the session key and completes the
     * login {@code loginId}. {@code wallet} is kept only when it is an EVM address (stored lower-case).
     */
    public LoginResult open(String loginId, ProviderView provider, String subject, Object wallet,
                            Collection<String> granted) {
        Set<Role> roles = mapRoles(provider.roleMapping(), granted);
        String walletAddress = walletOf(wallet);
        String identityId = LinkSsoIdentityCommand.identityIdOf(provider.tenantId(), provider.providerId(), subject);
        commands.sendAndWait(new LinkSsoIdentityCommand(identityId, provider.tenantId(), provider.providerId(),
                subject, walletAddress, roles));
        String keyId = UUID.randomUUID().toString();
        String apiKey = ApiKeyMaterial.generate();
        Instant expiresAt = clock.instant().plus(SESSION_TTL);
        commands.sendAndWait(new IssueApiKeyCommand(keyId, provider.tenantId(), roles, ApiKeyMaterial.hash(apiKey),
                expiresAt, null)); // null: the tenant's tier decides the session key's quota, as for any new key
        commands.sendAndWait(new CompleteSsoLoginCommand(loginId, identityId, keyId));
        return new LoginResult(provider.tenantId(), provider.providerId(), identityId, subject, walletAddress, roles,
                keyId, apiKey, expiresAt);
    }

    /**
     * Roles of {@code "default"} plus those of every mapping key that is a granted value (an OIDC scope, a value of
     * the id_token's or the assertion's {@code groups} or {@code roles}). Never empty: without a default, viewer.
     */
    static Set<Role> mapRoles(Map<String, Set<Role>> mapping, Collection<String> granted) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(mapping.getOrDefault(SsoProviderSettings.DEFAULT_ROLES_KEY, Set.of()));
        for (String value : granted) {
            if (!SsoProviderSettings.DEFAULT_ROLES_KEY.equals(value)) {
                roles.addAll(mapping.getOrDefault(value, Set.of()));
            }
        }
        if (roles.isEmpty()) {
            roles.add(Role.VIEWER);
        }
        return roles;
    }

    private static String walletOf(Object wallet) {
        return wallet instanceof String s && WALLET.matcher(s).matches() ? s.toLowerCase(Locale.ROOT) : null;
    }
}
