package dev.wharf.wasi.http.internal.body;

/** Carries a WIT-visible {@link ErrorCode} (the {@code err(error-code)} arm of a result) to the glue. */
public final class HttpErrorException extends Exception {
    private final ErrorCode code;

    public HttpErrorException(ErrorCode code) {
        super(code.toString(), null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
