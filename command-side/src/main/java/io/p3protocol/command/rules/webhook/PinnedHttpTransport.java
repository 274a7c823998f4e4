package io.p3protocol.command.rules.webhook;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * Apache HttpClient 5 with its DNS lookup replaced by the addresses the SSRF guard checked: the TCP connection goes
 * to one of {@link WebhookTarget#addresses()} and nowhere else, while the request keeps the URL's host name for the
 * {@code Host} header, TLS SNI and certificate host-name verification. Redirects are not followed (a 3xx is an
 * answer like any other, so a redirect cannot lead to an unchecked host); no proxy, no cookies, no automatic retries.
 * Connect and read timeouts from {@code p3.rules.webhook.connect-timeout} (default 5 s) and
 * {@code p3.rules.webhook.read-timeout} (default 10 s); at most {@value #MAX_ANSWER_BYTES} bytes of the answer are
 * read.
 */
@Component
public class PinnedHttpTransport implements WebhookTransport {
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final Timeout connectTimeout;
    private final Timeout readTimeout;

    public PinnedHttpTransport(@Value("${p3.rules.webhook.connect-timeout:5s}") Duration connectTimeout,
                               @Value("${p3.rules.webhook.read-timeout:10s}") Duration readTimeout) {
        this.connectTimeout = Timeout.ofMilliseconds(connectTimeout.toMillis());
        this.readTimeout = Timeout.ofMilliseconds(readTimeout.toMillis());
    }

    @Override
    public Answer post(WebhookTarget target, Map<String, String> headers, byte[] body) throws IOException {
        ConnectionConfig connection = ConnectionConfig.custom().setConnectTimeout(connectTimeout)
                .setSocketTimeout(readTimeout).build();
        RequestConfig request = RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(readTimeout)
                .build();
        try (PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(pinnedTo(target)).setDefaultConnectionConfig(connection).build();
             CloseableHttpClient client = HttpClients.custom().setConnectionManager(connections)
                     .setDefaultRequestConfig(request).disableRedirectHandling().disableAutomaticRetries()
                     .disableCookieManagement().disableAuthCaching().build()) {
            HttpPost post = new HttpPost(target.uri());
            headers.forEach(post::setHeader);
            post.setEntity(new ByteArrayEntity(body, null)); // the Content-Type is one of the headers
            return client.execute(post, response -> {
                byte[] answer = new byte[0];
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        answer = in.readNBytes(MAX_ANSWER_BYTES);
                    }
                }
                return new Answer(response.getCode(), answer);
            });
        }
    }

    /** A resolver that knows one host: the checked one, with the checked addresses. */
    private static DnsResolver pinnedTo(WebhookTarget target) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                if (!target.host().equals(AllowedHosts.normalise(host))) {
                    throw new UnknownHostException("only the checked host " + target.host() + " may be contacted");
                }
                return target.addresses().toArray(new InetAddress[0]);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }
}
