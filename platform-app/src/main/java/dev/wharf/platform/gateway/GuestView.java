package dev.wharf.platform.gateway;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the request a guest sees differs from the one on the wire, when routing mounts an app under a path (the
 * platform's {@code /t/{tenant}/{app}/...}). Applied while the gateway converts the request, which costs nothing
 * extra; rewriting the WebFlux request instead (a parsed URI and a copy of every header) was about 3.5 % of the
 * platform's CPU for hello-c.
 *
 * @param pathWithQuery the raw path and query the guest sees, or null for the request's own
 * @param droppedHeaders lowercase names of received headers the guest does not see
 * @param addedHeaders headers the guest sees after the received ones
 */
public record GuestView(String pathWithQuery, Set<String> droppedHeaders, List<Map.Entry<String, String>> addedHeaders) {
    /** The request as received. */
    public static final GuestView AS_RECEIVED = new GuestView(null, Set.of(), List.of());

    public GuestView {
        droppedHeaders = Set.copyOf(droppedHeaders);
        addedHeaders = List.copyOf(addedHeaders);
        Objects.requireNonNull(droppedHeaders);
    }
}
