package io.p3protocol.command.rules.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard on whole URLs: scheme, resolution, every resolved address, and the tenant's allow-list. */
class WebhookTargetTest {

    private static WebhookTarget.HostResolver resolvingTo(String... addresses) {
        return host -> {
            InetAddress[] out = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                out[i] = InetAddress.getByName(addresses[i]);
            }
            return out;
        };
    }

    @Test
    void aPublicHostPassesWithTheAddressesItWasCheckedFor() throws Exception {
        WebhookTarget target = WebhookTarget.check("https://hooks.example.com/in", List.of(),
                resolvingTo("93.184.216.34"));

        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.addresses()).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(target.allowListed()).isFalse();
    }

    @Test
    void aHostWithOnePrivateAddressAmongPublicOnesIsRefused() {
        assertThatThrownBy(() -> WebhookTarget.check("https://rebind.example.com/", List.of(),
                resolvingTo("93.184.216.34", "10.0.0.5")))
                .isInstanceOf(WebhookRefused.class)
                .hasMessageContaining("resolves to 10.0.0.5, private");
    }

    @Test
    void loopbackLiteralsAreRefusedUnlessAllowListed() throws Exception {
        assertThatThrownBy(() -> WebhookTarget.check("http://127.0.0.1:9000/x", List.of(),
                InetAddress::getAllByName)).isInstanceOf(WebhookRefused.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> WebhookTarget.check("http://[::1]:9000/x", List.of(),
                InetAddress::getAllByName)).isInstanceOf(WebhookRefused.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> WebhookTarget.check("http://2130706433/x", List.of(),
                InetAddress::getAllByName)).isInstanceOf(WebhookRefused.class).hasMessageContaining("loopback");

        WebhookTarget allowed = WebhookTarget.check("http://127.0.0.1:9000/x", List.of("127.0.0.1"),
                InetAddress::getAllByName);
        assertThat(allowed.allowListed()).isTrue();
    }

    @Test
    void theAllowListNamesHostsNotAddresses() {
        assertThatThrownBy(() -> WebhookTarget.check("http://internal.example/x", List.of("10.0.0.7"),
                resolvingTo("10.0.0.7"))).isInstanceOf(WebhookRefused.class);
    }

    @Test
    void theCloudMetadataAddressIsRefused() {
        assertThatThrownBy(() -> WebhookTarget.check("http://169.254.169.254/latest/meta-data/", List.of(),
                InetAddress::getAllByName)).isInstanceOf(WebhookRefused.class).hasMessageContaining("link-local");
    }

    @Test
    void onlyHttpAndHttpsAreAllowed() {
        assertThatThrownBy(() -> WebhookTarget.check("ftp://example.com/x", List.of(), resolvingTo("93.184.216.34")))
                .isInstanceOf(WebhookRefused.class).hasMessage("Webhook refused: url must be an http or https URL");
        assertThatThrownBy(() -> WebhookTarget.check("gopher://example.com/", List.of(), resolvingTo("93.184.216.34")))
                .isInstanceOf(WebhookRefused.class);
    }

    @Test
    void anUnresolvableHostIsRefused() {
        assertThatThrownBy(() -> WebhookTarget.check("https://nowhere.invalid/", List.of(), host -> {
            throw new UnknownHostException(host);
        })).isInstanceOf(WebhookRefused.class).hasMessageContaining("could not be resolved");
    }
}
