package dev.wharf.wasi.http.internal.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which addresses are not on the public internet, for the default outbound policy. */
public final class AddressRanges {
    private AddressRanges() {}

    /** The name of the non-public range {@code a} is in, or null for a public unicast address. */
    public static String nonPublicRange(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return ipv4(b);
        }
        if (a instanceof Inet6Address) {
            return ipv6(b);
        }
        return "unknown address family";
    }

    private static String ipv4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (o0 == 0) {
            return "unspecified 0.0.0.0/8";
        }
        if (o0 == 127) {
            return "loopback 127.0.0.0/8";
        }
        if (o0 == 10) {
            return "private 10.0.0.0/8";
        }
        if (o0 == 172 && (o1 & 0xf0) == 16) {
            return "private 172.16.0.0/12";
        }
        if (o0 == 192 && o1 == 168) {
            return "private 192.168.0.0/16";
        }
        if (o0 == 100 && (o1 & 0xc0) == 64) {
            return "carrier-grade NAT 100.64.0.0/10";
        }
        if (o0 == 169 && o1 == 254) {
            return "link-local 169.254.0.0/16 (cloud metadata)";
        }
        if (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) {
            return "IETF protocol assignments 192.0.0.0/24";
        }
        if (o0 == 198 && (o1 & 0xfe) == 18) {
            return "benchmarking 198.18.0.0/15";
        }
        if (o0 >= 224 && o0 <= 239) {
            return "multicast 224.0.0.0/4";
        }
        if (o0 >= 240) {
            return "reserved 240.0.0.0/4 (incl. broadcast)";
        }
        return null;
    }

    private static String ipv6(byte[] b) {
        boolean zeroHead = true;
        for (int i = 0; i < 10; i++) {
            zeroHead &= b[i] == 0;
        }
        if (zeroHead && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return embedded(b, 12, "IPv4-mapped");
        }
        boolean allZeroButLast = zeroHead && b[10] == 0 && b[11] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0;
        if (allZeroButLast && b[15] == 0) {
            return "unspecified ::";
        }
        if (allZeroButLast && b[15] == 1) {
            return "loopback ::1";
        }
        if (zeroHead && b[10] == 0 && b[11] == 0) {
            return "IPv4-compatible ::/96 (deprecated)";
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return "unique local fc00::/7";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "link-local fe80::/10";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "site-local fec0::/10 (deprecated)";
        }
        if (b0 == 0xff) {
            return "multicast ff00::/8";
        }
        if (b0 == 0x00 && b1 == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return embedded(b, 12, "NAT64 64:ff9b::/96");
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return embedded(b, 2, "6to4 2002::/16");
        }
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            return "Teredo 2001::/32";
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return "documentation 2001:db8::/32";
        }
        return null;
    }

    private static String embedded(byte[] b, int offset, String how) {
        try {
            byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
            String range = ipv4(v4);
            return range == null ? null : how + " " + InetAddress.getByAddress(v4).getHostAddress() + ": " + range;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }
}
