package io.p3protocol.command.rules.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A webhook URL that passed the SSRF guard, with the addresses that were checked. The connection is made to exactly
 * these addresses (PinnedHttpTransport), never to a second DNS answer, so a host cannot pass the check with a public
 * address and then be connected to a private one (DNS rebinding).
 *
 * @param host         the URL's host, normalised (AllowedHosts)
 * @param addresses    every address the host resolved to; all of them passed
 * @param allowListed  true when the tenant's allow-list named the host (its addresses were not classified)
 */
public record WebhookTarget(URI uri, String host, List<InetAddress> addresses, boolean allowListed) {

    /** Resolves a host name (or IP literal) to all its addresses: the system resolver in production. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The scheme check alone (also used when a rule is stored): http or https, with a host. */
    public static Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url must be a valid http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("url must be an http or https URL");
        }
        if (AllowedHosts.normalise(uri.getHost()) == null) {
            return Optional.of("url must name a host");
        }
        return Optional.empty();
    }

    /**
     * Checks {@code url} against the SSRF rules: http or https, a host, and every resolved address public unless the
     * allow-list names the host.
     */
    public static WebhookTarget check(String url, List<String> allowList, HostResolver resolver) throws WebhookRefused {
        Optional<String> problem = urlProblem(url);
        if (problem.isPresent()) {
            throw new WebhookRefused("Webhook refused: " + problem.get());
        }
        URI uri = URI.create(url);
        String host = AllowedHosts.normalise(uri.getHost());
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new WebhookRefused("Webhook refused: host " + host + " could not be resolved");
        }
        if (resolved == null || resolved.length == 0) {
            throw new WebhookRefused("Webhook refused: host " + host + " could not be resolved");
        }
        boolean allowListed = allowList.contains(host);
        if (!allowListed) {
            for (InetAddress address : resolved) {
                Optional<String> why = AddressClassifier.nonPublicReason(address);
                if (why.isPresent()) {
                    throw new WebhookRefused("Webhook refused: " + host + " resolves to " + address.getHostAddress()
                            + ", " + why.get() + "; only public addresses are allowed unless the tenant's webhook "
                            + "allow-list names the host");
                }
            }
        }
        return new WebhookTarget(uri, host, List.of(resolved), allowListed);
    }
}
