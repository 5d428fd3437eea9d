package dev.wharf.engine.internal.abi;

/** The {@code string-encoding} canonical option. */
public enum StringEncoding {
    UTF8,
    UTF16,
    /** {@code latin1+utf16}: Latin-1, or UTF-16 when the length has {@link #UTF16_TAG} set. */
    LATIN1_UTF16;

    /** High bit of the 32-bit code-unit count marking a UTF-16 string in {@code latin1+utf16}. */
    public static final int UTF16_TAG = 1 << 31;
}
