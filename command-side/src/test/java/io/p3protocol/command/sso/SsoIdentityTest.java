package io.p3protocol.command.sso;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.sso.LinkSsoIdentityCommand;
import io.p3protocol.kernel.sso.SsoIdentityLinkedEvent;
import io.p3protocol.kernel.sso.SsoIdentityUnlinkedEvent;
import io.p3protocol.kernel.sso.UnlinkSsoIdentityCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

class SsoIdentityTest {
    private static final String TENANT = "tenant-1";
    private static final String ID = LinkSsoIdentityCommand.identityIdOf(TENANT, "provider-1", "alice");

    private AggregateTestFixture<SsoIdentity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SsoIdentity.class);
    }

    private static SsoIdentityLinkedEvent linked(Set<Role> roles) {
        return new SsoIdentityLinkedEvent(ID, TENANT, "provider-1", "alice", null, roles);
    }

    @Test
    void theFirstLoginLinksTheSubject() {
        fixture.givenNoPriorActivity()
                .when(new LinkSsoIdentityCommand(ID, TENANT, "provider-1", "alice", null, Set.of(Role.VIEWER)))
                .expectEvents(linked(Set.of(Role.VIEWER)));
    }

    @Test
    void aLaterLoginLinksAgainWithTheRolesMappedThen() {
        fixture.given(linked(Set.of(Role.VIEWER)))
                .when(new LinkSsoIdentityCommand(ID, TENANT, "provider-1", "alice", null, Set.of(Role.ADMIN)))
                .expectEvents(linked(Set.of(Role.ADMIN)));
    }

    @Test
    void theIdentityIdDependsOnTenantProviderAndSubject() {
        org.junit.jupiter.api.Assertions.assertNotEquals(ID,
                LinkSsoIdentityCommand.identityIdOf("tenant-2", "provider-1", "alice"));
        org.junit.jupiter.api.Assertions.assertEquals(ID,
                LinkSsoIdentityCommand.identityIdOf(TENANT, "provider-1", "alice"));
    }

    @Test
    void unlinkRecordsTheUnlink() {
        fixture.given(linked(Set.of(Role.VIEWER)))
                .when(new UnlinkSsoIdentityCommand(ID, TENANT))
                .expectEvents(new SsoIdentityUnlinkedEvent(ID, TENANT));
    }

    @Test
    void unlinkingTwiceIsARuleViolation() {
        fixture.given(linked(Set.of(Role.VIEWER)), new SsoIdentityUnlinkedEvent(ID, TENANT))
                .when(new UnlinkSsoIdentityCommand(ID, TENANT))
                .expectException(DomainRuleViolation.class).expectNoEvents();
    }

    @Test
    void anotherTenantCannotUnlinkIt() {
        fixture.given(linked(Set.of(Role.VIEWER)))
                .when(new UnlinkSsoIdentityCommand(ID, "tenant-2"))
                .expectException(UnknownAggregate.class).expectNoEvents();
    }
}
