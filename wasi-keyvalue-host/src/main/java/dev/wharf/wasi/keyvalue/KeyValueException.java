package dev.wharf.wasi.keyvalue;

/**
 * A failure the guest sees as a {@code wasi:keyvalue/store.error} (never a trap): {@link Kind#OTHER} carries a
 * message that says what went wrong (a limit, a non-counter value, the store being unavailable).
 */
public final class KeyValueException extends RuntimeException {
    /** The cases of {@code wasi:keyvalue/store.error}, in WIT order. */
    public enum Kind { NO_SUCH_STORE, ACCESS_DENIED, OTHER }

    /** Why an {@link Kind#OTHER} error happened, for callers that answer differently (the REST API's status codes). */
    public enum Reason { INVALID, KEY_TOO_LONG, VALUE_TOO_LARGE, TENANT_FULL, NOT_A_COUNTER, UNAVAILABLE }

    /** The message for every failure to reach the database. */
    public static final String UNAVAILABLE = "store unavailable";

    private final Kind kind;
    private final Reason reason;

    private KeyValueException(Kind kind, Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.reason = reason;
    }

    public static KeyValueException noSuchStore(String message) {
        return new KeyValueException(Kind.NO_SUCH_STORE, Reason.INVALID, message, null);
    }

    public static KeyValueException accessDenied(String message) {
        return new KeyValueException(Kind.ACCESS_DENIED, Reason.INVALID, message, null);
    }

    public static KeyValueException other(String message) {
        return other(Reason.INVALID, message);
    }

    public static KeyValueException other(Reason reason, String message) {
        return new KeyValueException(Kind.OTHER, reason, message, null);
    }

    public static KeyValueException unavailable(Throwable cause) {
        return new KeyValueException(Kind.OTHER, Reason.UNAVAILABLE, UNAVAILABLE, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Reason reason() {
        return reason;
    }
}
