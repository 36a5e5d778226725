package cn.xinyong.openapi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.web.AddressRange;
import cn.xinyong.openapi.platform.web.TrustedProxies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trusted proxies as addresses and CIDR ranges, without a server. */
class TrustedProxiesTest {

    @Test
    void anIpv4RangeHoldsItsFirstAndLastAddressAndNothingOutside() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8"));
        assertTrue(proxies.trusts("10.0.0.0"));
        assertTrue(proxies.trusts("10.255.255.255"));
        assertTrue(proxies.trusts("10.42.7.19"));
        assertFalse(proxies.trusts("9.255.255.255"));
        assertFalse(proxies.trusts("11.0.0.0"));
    }

    @Test
    void aPrefixThatIsNotAByteBoundaryIsMatchedBitByBit() {
        AddressRange range = AddressRange.parse("172.16.0.0/12");
        assertTrue(range.contains("172.16.0.0"));
        assertTrue(range.contains("172.31.255.255"));
        assertFalse(range.contains("172.32.0.0"));
        assertFalse(range.contains("172.15.255.255"));
        AddressRange small = AddressRange.parse("192.168.1.64/27");
        assertTrue(small.contains("192.168.1.64"));
        assertTrue(small.contains("192.168.1.95"));
        assertFalse(small.contains("192.168.1.63"));
        assertFalse(small.contains("192.168.1.96"));
    }

    @Test
    void aBareAddressIsThatAddressAlone() {
        TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1", "::1"));
        assertTrue(proxies.trusts("127.0.0.1"));
        assertFalse(proxies.trusts("127.0.0.2"));
        assertTrue(proxies.trusts("::1"));
        assertTrue(proxies.trusts("0:0:0:0:0:0:0:1"), "the same IPv6 address written in full");
        assertFalse(proxies.trusts("::2"));
    }

    @Test
    void ipv6RangesMatchTheirEdgesAndNotTheOtherFamily() {
        TrustedProxies proxies = TrustedProxies.of(List.of("fd00::/8", "2001:db8:1::/48"));
        assertTrue(proxies.trusts("fd00::"));
        assertTrue(proxies.trusts("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertFalse(proxies.trusts("fe00::"));
        assertFalse(proxies.trusts("fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertTrue(proxies.trusts("2001:db8:1:ffff::1"));
        assertFalse(proxies.trusts("2001:db8:2::1"));
        assertFalse(proxies.trusts("10.0.0.1"), "an IPv4 address is in no IPv6 range");
        assertFalse(TrustedProxies.of(List.of("10.0.0.0/8")).trusts("fd00::1"), "nor an IPv6 one in an IPv4 range");
    }

    @Test
    void anIpv4MappedIpv6AddressCountsAsItsIpv4Address() {
        assertTrue(TrustedProxies.of(List.of("10.0.0.0/8")).trusts("::ffff:10.1.2.3"));
    }

    @Test
    void theWholeAddressSpaceAndTheMixedListOfTheDocs() {
        assertTrue(TrustedProxies.of(List.of("0.0.0.0/0")).trusts("203.0.113.9"));
        TrustedProxies docs = TrustedProxies.of(List.of("10.0.0.0/8", "127.0.0.1", "::1/128"));
        assertTrue(docs.trusts("10.1.1.1"));
        assertTrue(docs.trusts("127.0.0.1"));
        assertTrue(docs.trusts("::1"));
        assertFalse(docs.trusts("192.168.0.1"));
    }

    @Test
    void whatIsNotAnAddressLiteralIsNeverTrustedNorLookedUp() {
        TrustedProxies proxies = TrustedProxies.of(List.of("0.0.0.0/0", "::/0"));
        for (String notAnAddress : List.of("localhost", "unknown", "", "10.0.0.1:443", "[::1]:443", "010.0.0.1",
                "256.0.0.1", "1.2.3", "_hidden", "example.com")) {
            assertFalse(proxies.trusts(notAnAddress), notAnAddress);
        }
        assertFalse(proxies.trusts(null));
        assertFalse(TrustedProxies.of(List.of()).trusts("127.0.0.1"), "no proxies: nobody is trusted");
        assertFalse(TrustedProxies.of(List.of("none")).trusts("127.0.0.1"), "none says so explicitly");
    }

    @Test
    void invalidEntriesAreRefusedWithAMessageNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.of(List.of("10.0.0.0/8", "10.0.0.0/33", "proxy.local", "fd00::/129")));
        assertTrue(e.getMessage().startsWith("xinyong.ratelimit.trusted-proxies (XINYONG_TRUSTED_PROXIES)"), e.getMessage());
        assertTrue(e.getMessage().contains("\"10.0.0.0/33\""), e.getMessage());
        assertTrue(e.getMessage().contains("\"proxy.local\""), e.getMessage());
        assertTrue(e.getMessage().contains("\"fd00::/129\""), e.getMessage());
        assertFalse(e.getMessage().contains("\"10.0.0.0/8\""), "a valid entry is not reported: " + e.getMessage());
        IllegalArgumentException hostBits = assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.1.2.3/8"));
        assertTrue(hostBits.getMessage().contains("did you mean 10.0.0.0/8?"), hostBits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/-1"));
    }

    @Test
    void blankEntriesOfAListWithTrailingCommasAreIgnored() {
        assertEquals("[10.0.0.0/8]", TrustedProxies.of(List.of(" 10.0.0.0/8 ", " ")).toString());
    }
}
