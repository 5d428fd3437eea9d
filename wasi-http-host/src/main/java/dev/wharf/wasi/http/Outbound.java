package dev.wharf.wasi.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Outbound HTTP ({@code wasi:http/outgoing-handler}) settings of one app.
 *
 * @param policy which targets the app may reach
 * @param identity who the app is, handed to the policy (e.g. {@code tenant/app}); not shown to the guest
 * @param connectTimeout default of {@code request-options.connect-timeout}: TCP (and TLS) connection set-up
 * @param firstByteTimeout default of {@code first-byte-timeout}: from the connection to the response head
 * @param betweenBytesTimeout default of {@code between-bytes-timeout}: the longest silence while reading the
 *     response body (only counted while the guest wants more bytes)
 * @param enabled false: every request is {@code HTTP-request-denied} before any name resolution
 */
public record Outbound(OutboundPolicy policy, String identity, Duration connectTimeout, Duration firstByteTimeout,
        Duration betweenBytesTimeout, boolean enabled) {

    /** Public addresses only; 10 s to connect, 30 s to the first byte, 30 s between bytes. */
    public static final Outbound DEFAULT = new Outbound(OutboundPolicy.DENY_PRIVATE, "", Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(30), true);

    public Outbound {
        Objects.requireNonNull(policy);
        Objects.requireNonNull(identity);
        positive(connectTimeout, "connectTimeout");
        positive(firstByteTimeout, "firstByteTimeout");
        positive(betweenBytesTimeout, "betweenBytesTimeout");
    }

    public Outbound withPolicy(OutboundPolicy p) {
        return new Outbound(p, identity, connectTimeout, firstByteTimeout, betweenBytesTimeout, enabled);
    }

    public Outbound withIdentity(String id) {
        return new Outbound(policy, id, connectTimeout, firstByteTimeout, betweenBytesTimeout, enabled);
    }

    public Outbound withTimeouts(Duration connect, Duration firstByte, Duration betweenBytes) {
        return new Outbound(policy, identity, connect, firstByte, betweenBytes, enabled);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
