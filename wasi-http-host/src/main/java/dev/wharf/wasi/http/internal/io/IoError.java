package dev.wharf.wasi.http.internal.io;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code wasi:io/error.error} resource: an opaque error whose only guest-visible operation is
 * {@code to-debug-string}. The optional cause lets {@code wasi:http/types.http-error-code} downcast it
 * later (for instance {@code BodyTooLargeException} maps to {@code HTTP-request-body-size}); the cause is
 * never shown to the guest beyond the debug string.
 */
public record IoError(String debugString, Throwable cause) {
    public IoError {
        Objects.requireNonNull(debugString, "debugString");
    }

    public static IoError of(String debugString) {
        return new IoError(debugString, null);
    }

    public static IoError of(Throwable cause) {
        String message = cause.getMessage();
        return new IoError(message == null ? cause.getClass().getSimpleName() : message, cause);
    }

    public Optional<Throwable> causeOptional() {
        return Optional.ofNullable(cause);
    }
}
