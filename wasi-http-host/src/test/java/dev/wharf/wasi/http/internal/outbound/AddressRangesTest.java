package dev.wharf.wasi.http.internal.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.wasi.http.OutboundPolicy;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRangesTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no name resolution
    }

    @Test
    void nonPublicRangesAreNamed() throws Exception {
        for (String literal : List.of("127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "100.64.0.1", "100.127.255.254", "169.254.169.254", "0.0.0.0", "224.0.0.1", "255.255.255.255",
                "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
                "64:ff9b::a00:1", "2002:a00:1::", "2001:db8::1")) {
            assertThat(AddressRanges.nonPublicRange(ip(literal))).as(literal).isNotNull();
        }
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String literal : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255",
                "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4001::1", "::ffff:8.8.8.8", "64:ff9b::808:808")) {
            assertThat(AddressRanges.nonPublicRange(ip(literal))).as(literal).isNull();
        }
    }

    @Test
    void theDefaultPolicyChecksEveryAddress() throws Exception {
        var mixed = new OutboundPolicy.Target("t/a", "https", "rebind.example", 443, List.of(ip("93.184.216.34"), ip("10.0.0.5")));
        assertThat(OutboundPolicy.DENY_PRIVATE.check(mixed)).isInstanceOf(OutboundPolicy.Decision.Deny.class);
        var pub = new OutboundPolicy.Target("t/a", "https", "example.com", 443, List.of(ip("93.184.216.34")));
        assertThat(OutboundPolicy.DENY_PRIVATE.check(pub)).isEqualTo(OutboundPolicy.Decision.ALLOW);
    }
}
