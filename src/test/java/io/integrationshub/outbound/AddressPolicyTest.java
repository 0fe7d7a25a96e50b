package io.integrationshub.outbound;

import io.integrationshub.outbound.AddressPolicy.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // IPv4
            "8.8.8.8, PUBLIC",
            "1.1.1.1, PUBLIC",
            "93.184.216.34, PUBLIC",
            "172.15.255.255, PUBLIC",
            "172.32.0.1, PUBLIC",
            "100.63.255.255, PUBLIC",
            "100.128.0.1, PUBLIC",
            "169.253.1.1, PUBLIC",
            "223.255.255.254, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "10.0.0.1, PRIVATE",
            "10.255.255.255, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE",
            "169.254.169.254, LINK_LOCAL",
            "169.254.0.1, LINK_LOCAL",
            "100.64.0.1, CGNAT",
            "100.127.255.255, CGNAT",
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, RESERVED",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "240.0.0.1, RESERVED",
            "255.255.255.255, RESERVED",
            "192.0.0.8, RESERVED",
            "198.18.0.1, RESERVED",
            "192.0.2.1, RESERVED",
            // IPv6
            "2606:4700:4700::1111, PUBLIC",
            "2001:4860:4860::8888, PUBLIC",
            "::1, LOOPBACK",
            "::, UNSPECIFIED",
            "fc00::1, UNIQUE_LOCAL",
            "fd12:3456:789a::1, UNIQUE_LOCAL",
            "fe80::1, LINK_LOCAL",
            "febf::1, LINK_LOCAL",
            "fec0::1, PRIVATE",
            "ff02::1, MULTICAST",
            "2001:db8::1, RESERVED",
            "100::1, RESERVED",
            // IPv6 forms that carry an IPv4 address are judged by it
            "64:ff9b::a00:1, PRIVATE",
            "64:ff9b::808:808, PUBLIC",
            "2002:7f00:1::, LOOPBACK",
            "2002:a9fe:a9fe::1, LINK_LOCAL",
            "2002:808:808::1, PUBLIC",
            "::7f00:1, LOOPBACK",
    })
    void classifies(String address, Category expected) throws Exception {
        assertThat(AddressPolicy.classify(InetAddress.getByName(address))).isEqualTo(expected);
        assertThat(AddressPolicy.isAllowed(InetAddress.getByName(address))).isEqualTo(expected == Category.PUBLIC);
    }

    /** Java turns "::ffff:a.b.c.d" into an Inet4Address; raw 16-byte mapped addresses must be judged too. */
    @ParameterizedTest(name = "::ffff:{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK",
            "10.1.2.3, PRIVATE",
            "192.168.0.1, PRIVATE",
            "169.254.169.254, LINK_LOCAL",
            "100.64.1.1, CGNAT",
            "0.0.0.0, UNSPECIFIED",
            "8.8.8.8, PUBLIC",
    })
    void classifiesIpv4MappedIpv6(String ipv4, Category expected) throws Exception {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(v4, 0, mapped, 12, 4);
        InetAddress address = Inet6Address.getByAddress(null, mapped, null);
        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(AddressPolicy.classify(address)).isEqualTo(expected);
        // and the textual form, which Java folds to IPv4
        assertThat(AddressPolicy.classify(InetAddress.getByName("::ffff:" + ipv4))).isEqualTo(expected);
    }

    @Test
    void parsesLiteralsWithoutDns() {
        assertThat(AddressPolicy.literal("127.0.0.1")).isNotNull();
        assertThat(AddressPolicy.literal("[::1]")).isNotNull();
        assertThat(AddressPolicy.literal("example.com")).isNull();
        assertThat(AddressPolicy.literal("localhost")).isNull();
    }

    /** Issue 14 finding 12: IPv4-translated addresses are judged by the IPv4 address they carry. */
    @ParameterizedTest
    @CsvSource({"::ffff:0:127.0.0.1, LOOPBACK", "::ffff:0:10.1.2.3, PRIVATE", "::ffff:0:169.254.169.254, LINK_LOCAL",
            "::ffff:0:8.8.8.8, PUBLIC", "64:ff9b:1::a00:1, PRIVATE"})
    void ipv4TranslatedFormsAreJudgedByTheirIpv4Address(String literal, Category expected) throws Exception {
        assertThat(AddressPolicy.classify(InetAddress.getByName(literal))).isEqualTo(expected);
    }

    /** Issue 14 finding 12: numeric hosts that clients read differently are refused, not guessed. */
    @Test
    void ambiguousNumericHostsAreRecognised() {
        for (String host : new String[] {"0177.0.0.1", "0x7f.1", "0x7f.0.0.1", "127.1", "127.0.1", "2130706433",
                "017700000001", "127.000.000.001", "256.1.1.1", "1.2.3.4.5", "0x7f000001", "127.0.0.01"}) {
            assertThat(AddressPolicy.isAmbiguousNumericHost(host)).as(host).isTrue();
        }
        for (String host : new String[] {"127.0.0.1", "8.8.8.8", "0.0.0.0", "api.github.com", "1password.com",
                "0x7f.example.com", "::1", "10.0.0.1."}) {
            assertThat(AddressPolicy.isAmbiguousNumericHost(host)).as(host).isFalse();
        }
    }
}
