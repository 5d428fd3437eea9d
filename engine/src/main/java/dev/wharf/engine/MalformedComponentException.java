package dev.wharf.engine;

/** The bytes are not a well-formed component binary; {@link #offset()} tells where decoding failed. */
public final class MalformedComponentException extends ComponentException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public MalformedComponentException(String message, long offset) {
        super(message.contains("at offset") ? message : message + " at offset " + offset);
        this.offset = offset;
    }

    /** Byte offset into the whole binary where the problem was found. */
    public long offset() {
        return offset;
    }
}
