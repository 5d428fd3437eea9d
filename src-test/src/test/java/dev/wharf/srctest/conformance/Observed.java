package dev.wharf.srctest.conformance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A response as the comparison sees it: status, headers without the transport-level ones, and the decoded body.
 *
 * @param headers lowercased names (sorted) to their values in the order received
 */
record Observed(int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * Headers that say how the connection and the message are transported, not what the component answered, so
     * they are left out of the comparison:
     * <ul>
     * <li>{@code date}: the time of the answer, so it differs between any two servers;</li>
     * <li>{@code connection}, {@code keep-alive}: hop-by-hop (RFC 9110 7.6.1). Node adds both on every answer,
     * Reactor Netty neither;</li>
     * <li>{@code transfer-encoding}, {@code content-length}: framing (RFC 9112 6). Each server picks chunked or a
     * length for a body the guest did not size (Node: chunked; Wharf: chunked, or {@code content-length: 0} for a
     * response without a body). The decoded bodies are compared byte for byte instead, and the client checks the
     * framing itself;</li>
     * <li>{@code server}: product tokens (neither sends one today).</li>
     * </ul>
     */
    static final Set<String> TRANSPORT_HEADERS = Set.of("date", "connection", "keep-alive", "transfer-encoding",
            "content-length", "server");

    static Observed of(int status, Map<String, List<String>> received, byte[] body) {
        Map<String, List<String>> kept = new TreeMap<>();
        received.forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!TRANSPORT_HEADERS.contains(lower) && !lower.equals(":status")) {
                kept.computeIfAbsent(lower, n -> new java.util.ArrayList<>()).addAll(values);
            }
        });
        kept.replaceAll((n, v) -> List.copyOf(v));
        return new Observed(status, kept, body);
    }

    /** The same response with some header values rewritten (null drops the header), e.g. to blank a port number. */
    Observed withHeaders(UnaryOperator<Map<String, List<String>>> rewrite) {
        return new Observed(status, rewrite.apply(new TreeMap<>(headers)), body);
    }

    /** For failure messages: status, headers, and the body's size and start. */
    String describe() {
        StringBuilder s = new StringBuilder().append(status).append('\n');
        headers.forEach((n, v) -> v.forEach(value -> s.append("  ").append(n).append(": ").append(value).append('\n')));
        s.append("  body: ").append(body.length).append(" bytes");
        if (body.length > 0) {
            String start = new String(body, 0, Math.min(body.length, 80), java.nio.charset.StandardCharsets.ISO_8859_1);
            s.append(" \"").append(start.replaceAll("[^\\x20-\\x7e]", ".")).append(body.length > 80 ? "...\"" : "\"");
        }
        return s.toString();
    }
}
