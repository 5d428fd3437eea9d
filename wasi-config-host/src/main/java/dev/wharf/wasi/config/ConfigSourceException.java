package dev.wharf.wasi.config;

/**
 * A {@link ConfigSource} cannot answer now (e.g. the database is unreachable). The guest sees
 * {@code error.upstream(message)}, so the message must say what failed and never contain a value.
 */
public class ConfigSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigSourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConfigSourceException(String message) {
        super(message);
    }
}
