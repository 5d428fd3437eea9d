package dev.wharf.srctest.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request sent identically to both servers: method, path with query (sent as is, already encoded), headers
 * in order (repeats allowed), and a body, or none.
 *
 * @param chunked send the body without {@code content-length} (HTTP/1.1 chunked transfer coding)
 */
record Probe(String name, String method, String pathWithQuery, List<Map.Entry<String, String>> headers,
        byte[] body, boolean chunked) {

    Probe {
        headers = List.copyOf(headers);
    }

    static Probe get(String pathWithQuery) {
        return new Probe("GET " + pathWithQuery, "GET", pathWithQuery, List.of(), null, false);
    }

    static Probe of(String method, String pathWithQuery) {
        return new Probe(method + " " + pathWithQuery, method, pathWithQuery, List.of(), null, false);
    }

    Probe header(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Probe(this.name, method, pathWithQuery, more, body, chunked);
    }

    Probe body(byte[] bytes) {
        return new Probe(name + " (" + bytes.length + " bytes)", method, pathWithQuery, headers, bytes, false);
    }

    Probe chunkedBody(byte[] bytes) {
        return new Probe(name + " (" + bytes.length + " bytes, chunked)", method, pathWithQuery, headers, bytes, true);
    }

    @Override
    public String toString() {
        return name;
    }
}
