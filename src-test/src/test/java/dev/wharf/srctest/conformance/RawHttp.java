package dev.wharf.srctest.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request written byte for byte on a socket, for what the JDK client will not send: it merges header names that
 * differ only in case into the first spelling. Reads the answer until the server closes ({@code connection: close}).
 */
final class RawHttp {

    private RawHttp() {
    }

    /** The response headers (lowercased names, values in order) to {@code GET path} with these header lines. */
    static Map<String, List<String>> headers(URI base, String path, List<String> headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        headerLines.forEach(line -> request.append(line).append("\r\n"));
        request.append("connection: close\r\n\r\n");
        byte[] answer;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            try (InputStream in = socket.getInputStream()) {
                answer = in.readAllBytes();
            }
        }
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line : text.substring(0, end < 0 ? text.length() : end).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/")) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }
}
