package dev.wharf.engine.core;

/**
 * Host-side access to a linear memory. Addresses are guest addresses; every access is bounds
 * checked and an access outside the memory raises a {@link dev.wharf.engine.Trap} with reason
 * {@code MEMORY_OUT_OF_BOUNDS}, exactly as the guest would see it. Multi-byte values are
 * little-endian.
 */
public interface CoreMemory {

    int PAGE_SIZE = 65536;

    /** Current size in 64 KiB pages. */
    int pages();

    /** Current size in bytes. */
    default long sizeBytes() {
        return (long) pages() * PAGE_SIZE;
    }

    /**
     * Grows by {@code deltaPages}; returns the previous size in pages, or -1 if refused (declared
     * maximum, per-instance cap or global budget), just like the guest's {@code memory.grow}.
     */
    int grow(int deltaPages);

    byte readByte(int address);

    void writeByte(int address, byte value);

    byte[] readBytes(int address, int length);

    void writeBytes(int address, byte[] bytes, int offset, int length);

    default void writeBytes(int address, byte[] bytes) {
        writeBytes(address, bytes, 0, bytes.length);
    }

    short readShort(int address);

    void writeShort(int address, short value);

    int readInt(int address);

    void writeInt(int address, int value);

    long readLong(int address);

    void writeLong(int address, long value);

    float readFloat(int address);

    void writeFloat(int address, float value);

    double readDouble(int address);

    void writeDouble(int address, double value);

    /** Sets {@code length} bytes from {@code address} to {@code value}. */
    void fill(int address, int length, byte value);
}
