package dev.wharf.wasi.http.internal.body;

/** Mirrors the WIT {@code variant scheme { HTTP, HTTPS, other(string) }}. */
public sealed interface Scheme {
    enum Standard implements Scheme { HTTP, HTTPS }

    record Other(String name) implements Scheme {}

    static Scheme of(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "http" -> Standard.HTTP;
            case "https" -> Standard.HTTPS;
            default -> new Other(name);
        };
    }
}
