package io.p3protocol.command.rules.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSRF classifier: which resolved addresses a webhook may reach without the tenant's allow-list. */
class AddressClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1           | loopback
            127.255.0.9         | loopback
            ::1                 | loopback
            10.0.0.1            | private
            10.255.255.255      | private
            172.16.0.1          | private
            172.31.255.254      | private
            192.168.1.1         | private
            169.254.169.254     | link-local
            169.254.0.1         | link-local
            fe80::1             | link-local
            fc00::1             | unique local
            fd12:3456:789a::1   | unique local
            fec0::1             | site-local
            0.0.0.0             | unspecified
            ::                  | unspecified
            0.1.2.3             | unspecified
            224.0.0.1           | multicast
            ff02::1             | multicast
            255.255.255.255     | broadcast
            100.64.0.1          | shared address space
            198.18.0.1          | benchmarking
            192.0.2.1           | documentation
            2001:db8::1         | documentation
            ::ffff:127.0.0.1    | loopback
            ::ffff:10.1.2.3     | private
            ::ffff:169.254.169.254 | link-local
            ::127.0.0.1         | loopback
            64:ff9b::7f00:1     | NAT64 loopback
            2002:c0a8:0101::1   | 6to4 private
            2001:0:4136:e378::1 | Teredo
            """)
    void nonPublicAddressesAreRefusedWithTheirReason(String address, String reason) throws Exception {
        assertThat(AddressClassifier.nonPublicReason(InetAddress.getByName(address)))
                .hasValueSatisfying(why -> assertThat(why).contains(reason));
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource(textBlock = """
            93.184.216.34
            8.8.8.8
            172.15.255.255
            172.32.0.1
            192.169.0.1
            100.128.0.1
            11.0.0.1
            ::ffff:93.184.216.34
            2606:2800:220:1:248:1893:25c8:1946
            2a00:1450:4001:82b::200e
            64:ff9b::5db8:d822
            """)
    void publicAddressesPass(String address) throws Exception {
        assertThat(AddressClassifier.nonPublicReason(InetAddress.getByName(address))).isEmpty();
    }
}
