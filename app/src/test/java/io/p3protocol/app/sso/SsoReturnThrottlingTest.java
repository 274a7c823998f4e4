package io.p3protocol.app.sso;

import io.p3protocol.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyless SSO return routes are throttled per client address (60 a minute by default), before anything is
 * recorded. The requests come from 127.0.0.2, a loopback address of its own, so that the other tests' returns
 * (from 127.0.0.1) neither count against this test nor are throttled by it.
 */
@IntegrationTest
class SsoReturnThrottlingTest {
    @LocalServerPort
    int port;

    /** An empty ACS post (400 sso_saml_response_missing, nothing recorded) from 127.0.0.2; the status and body. */
    private String[] emptyAcsPostFromAnotherAddress() throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/enterprise/sso/saml/acs HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new String[]{answer.substring(9, 12), answer};
        }
    }

    @Test
    void theSixtyFirstReturnFromOneAddressWithinAMinuteIs429() throws IOException {
        // start early in a minute, so all 61 requests fall in one window
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 45_000) {
            try {
                Thread.sleep(60_000 - intoMinute + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 1; i <= 60; i++) {
            String[] answer = emptyAcsPostFromAnotherAddress();
            assertThat(answer[0]).as("return %d: %s", i, answer[1]).isEqualTo("400");
        }

        String[] refused = emptyAcsPostFromAnotherAddress();

        assertThat(refused[0]).as(refused[1]).isEqualTo("429");
        assertThat(refused[1]).contains("application/problem+json").contains("\"code\":\"too_many_sso_returns\"")
                .containsIgnoringCase("Retry-After:");
    }
}
