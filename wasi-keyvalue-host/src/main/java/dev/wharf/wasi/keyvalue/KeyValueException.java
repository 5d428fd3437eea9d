package dev.wharf.wasi.keyvalue;

/**
 * A failure the guest sees as a {@code wasi:keyvalue/store.error} (never a trap): {@link Kind#OTHER} carries a
 * message that says what went wrong (a limit, a non-counter value, the store being unavailable).
 */
public final class KeyValueException extends RuntimeException {
    /** The cases of {@code wasi:keyvalue/store.error}, in WIT order. */
    public enum Kind { NO_SUCH_STORE, ACCESS_DENIED, OTHER }

    /** The message for every failure to reach the database. */
    public static final String UNAVAILABLE = "store unavailable";

    private final Kind kind;

    private KeyValueException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public static KeyValueException noSuchStore(String message) {
        return new KeyValueException(Kind.NO_SUCH_STORE, message, null);
    }

    public static KeyValueException accessDenied(String message) {
        return new KeyValueException(Kind.ACCESS_DENIED, message, null);
    }

    public static KeyValueException other(String message) {
        return new KeyValueException(Kind.OTHER, message, null);
    }

    public static KeyValueException unavailable(Throwable cause) {
        return new KeyValueException(Kind.OTHER, UNAVAILABLE, cause);
    }

    public Kind kind() {
        return kind;
    }
}
