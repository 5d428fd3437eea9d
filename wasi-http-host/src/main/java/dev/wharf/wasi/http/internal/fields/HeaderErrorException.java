package dev.wharf.wasi.http.internal.fields;

/** Carries a WIT-visible {@link HeaderError} to the glue, which returns it as {@code err(header-error)}. */
public final class HeaderErrorException extends Exception {
    private final HeaderError error;

    public HeaderErrorException(HeaderError error, String detail) {
        super(error + ": " + detail, null, false, false);
        this.error = error;
    }

    public HeaderError error() {
        return error;
    }
}
