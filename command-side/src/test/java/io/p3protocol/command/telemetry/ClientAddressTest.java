package io.p3protocol.command.telemetry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void takesTheFirstHopOfXForwardedFor() {
        assertThat(ClientAddress.of(" 203.0.113.7 , 10.0.0.1, 10.0.0.2", "127.0.0.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void fallsBackToTheSocketWithoutTheHeader() {
        assertThat(ClientAddress.of(null, "192.0.2.44")).isEqualTo("192.0.2.44");
    }

    @Test
    void fallsBackToTheSocketWhenTheFirstHopIsNoAddress() {
        assertThat(ClientAddress.of("unknown, 203.0.113.7", "192.0.2.44")).isEqualTo("192.0.2.44");
        assertThat(ClientAddress.of("example.org", "192.0.2.44")).isEqualTo("192.0.2.44");
        assertThat(ClientAddress.of("", "192.0.2.44")).isEqualTo("192.0.2.44");
        assertThat(ClientAddress.of("256.1.1.1", "192.0.2.44")).isEqualTo("192.0.2.44");
    }

    @Test
    void writesOneAddressOneWaySoItHashesOneWay() {
        String full = ClientAddress.of("2001:db8:0:0:0:0:0:1", null);
        assertThat(ClientAddress.of("2001:DB8::1", null)).isEqualTo(full);
        assertThat(ClientAddress.of("[2001:db8::1]:443", null)).isEqualTo(full);
        assertThat(ClientAddress.of("::ffff:198.51.100.9", null)).isEqualTo("198.51.100.9");
        assertThat(ClientAddress.of("198.51.100.9:5678", null)).isEqualTo("198.51.100.9");
    }

    @Test
    void usesTheOriginalsPlaceholderWhenThereIsNoAddressAtAll() {
        assertThat(ClientAddress.of(null, null)).isEqualTo("127.0.0.1");
    }
}
