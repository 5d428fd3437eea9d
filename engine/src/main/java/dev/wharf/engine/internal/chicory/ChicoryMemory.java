package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.Memory;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreMemory;

/**
 * Host view of a Chicory memory. Bounds are checked here, before touching the memory, so a bad
 * guest pointer handed to a host function becomes the same MEMORY_OUT_OF_BOUNDS trap the guest
 * would have hit itself.
 */
final class ChicoryMemory implements CoreMemory {

    private final Memory memory;

    ChicoryMemory(Memory memory) {
        this.memory = memory;
    }

    /** The Chicory memory, for linking it into another instance. */
    Memory chicoryMemory() {
        return memory;
    }

    private void check(int address, long length) {
        if (address < 0 || length < 0 || (long) address + length > (long) memory.pages() * PAGE_SIZE) {
            throw new Trap(
                    TrapReason.MEMORY_OUT_OF_BOUNDS,
                    "out of bounds memory access: address "
                            + Integer.toUnsignedString(address)
                            + ", length "
                            + length
                            + ", memory size "
                            + (long) memory.pages() * PAGE_SIZE);
        }
    }

    @Override
    public int pages() {
        return memory.pages();
    }

    @Override
    public int grow(int deltaPages) {
        return memory.grow(deltaPages);
    }

    @Override
    public byte readByte(int address) {
        check(address, 1);
        return memory.read(address);
    }

    @Override
    public void writeByte(int address, byte value) {
        check(address, 1);
        memory.writeByte(address, value);
    }

    @Override
    public byte[] readBytes(int address, int length) {
        check(address, length);
        return memory.readBytes(address, length);
    }

    @Override
    public void writeBytes(int address, byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("source range outside the array");
        }
        check(address, length);
        memory.write(address, bytes, offset, length);
    }

    @Override
    public short readShort(int address) {
        check(address, 2);
        return memory.readShort(address);
    }

    @Override
    public void writeShort(int address, short value) {
        check(address, 2);
        memory.writeShort(address, value);
    }

    @Override
    public int readInt(int address) {
        check(address, 4);
        return memory.readInt(address);
    }

    @Override
    public void writeInt(int address, int value) {
        check(address, 4);
        memory.writeI32(address, value);
    }

    @Override
    public long readLong(int address) {
        check(address, 8);
        return memory.readLong(address);
    }

    @Override
    public void writeLong(int address, long value) {
        check(address, 8);
        memory.writeLong(address, value);
    }

    @Override
    public float readFloat(int address) {
        check(address, 4);
        return memory.readFloat(address);
    }

    @Override
    public void writeFloat(int address, float value) {
        check(address, 4);
        memory.writeF32(address, value);
    }

    @Override
    public double readDouble(int address) {
        check(address, 8);
        return memory.readDouble(address);
    }

    @Override
    public void writeDouble(int address, double value) {
        check(address, 8);
        memory.writeF64(address, value);
    }

    @Override
    public void fill(int address, int length, byte value) {
        check(address, length);
        memory.fill(value, address, address + length);
    }
}
