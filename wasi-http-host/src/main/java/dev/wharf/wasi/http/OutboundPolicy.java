package dev.wharf.wasi.http;

import dev.wharf.wasi.http.internal.outbound.AddressRanges;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a guest's outbound request ({@code wasi:http/outgoing-handler.handle}) may go out. It is
 * asked once per request, after the target's name was resolved, with every resolved address; the client then
 * connects only to an address that was checked (see docs/wasi-http.md, "Outbound HTTP"). A denied request
 * reaches the guest as {@code error-code.HTTP-request-denied}; the reason goes to the platform's log only.
 *
 * <p>{@link #DENY_PRIVATE} is the default: public addresses only. The platform wraps it with per-tenant rules
 * (allow lists, egress switches) keyed by {@link Target#identity()}.
 */
@FunctionalInterface
public interface OutboundPolicy {

    /**
     * @param identity who is asking, as the platform put it in {@link Outbound#identity()} (e.g. {@code tenant/app})
     * @param scheme {@code http} or {@code https}
     * @param host the target host as the guest wrote it (a name, or an IP literal without brackets)
     * @param addresses every address {@code host} resolved to (one for an IP literal); never empty
     */
    record Target(String identity, String scheme, String host, int port, List<InetAddress> addresses) {
        public Target {
            Objects.requireNonNull(identity);
            addresses = List.copyOf(addresses);
        }
    }

    sealed interface Decision {
        record Allow() implements Decision {}

        /** @param reason for the platform's log, never shown to the guest */
        record Deny(String reason) implements Decision {}

        Decision ALLOW = new Allow();

        static Decision deny(String reason) {
            return new Deny(reason);
        }
    }

    Decision check(Target target);

    /**
     * Refuses a target if any of its addresses is loopback, private (RFC 1918, IPv6 ULA {@code fc00::/7}),
     * carrier-grade NAT ({@code 100.64.0.0/10}), link-local (incl. the cloud metadata address
     * {@code 169.254.169.254}), unspecified, multicast, or otherwise not globally routable; IPv4-mapped and
     * NAT64/6to4/Teredo-embedded IPv4 addresses are judged by the IPv4 address inside.
     */
    OutboundPolicy DENY_PRIVATE = target -> {
        for (InetAddress a : target.addresses()) {
            String range = AddressRanges.nonPublicRange(a);
            if (range != null) {
                return Decision.deny(target.host() + " resolves to " + a.getHostAddress() + " (" + range + ")");
            }
        }
        return Decision.ALLOW;
    };

    /** Allows everything, loopback included: for tests and trusted single-user setups only. */
    OutboundPolicy ALLOW_ALL = target -> Decision.ALLOW;
}
