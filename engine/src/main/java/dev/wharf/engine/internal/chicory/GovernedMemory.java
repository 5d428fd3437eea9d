package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import dev.wharf.engine.core.MemoryBudget;

/**
 * A guest linear memory that enforces the host's limits and can be snapshotted and restored.
 *
 * <p>It delegates storage to Chicory's {@link ByteArrayMemory} and adds four things Chicory lacks:
 * (1) every page is reserved from a shared {@link MemoryBudget} before it is allocated, and a grow
 * the budget cannot cover returns -1 to the guest; (2) an allocation failure during a grow also
 * returns -1 instead of throwing {@link OutOfMemoryError} through guest code; (3) {@link #restore}
 * can shrink the memory back after growth, which a {@code ByteArrayMemory} cannot do, by swapping
 * in a fresh delegate; and (4) it records which chunks every write touches ({@link DirtyChunks}), so
 * restoring the state captured last copies back only those, not the whole memory. The per-instance
 * cap is baked into the {@code MemoryLimits} it is created with (see {@link #effectiveLimits}).
 *
 * <p>Passive data segments are tracked here rather than in the delegate so that they survive a
 * delegate swap.
 */
final class GovernedMemory implements Memory {

    private final MemoryLimits limits;
    private final MemoryBudget budget;
    private ByteArrayMemory delegate;
    /** Written chunks since {@link #baseline} was captured or restored; see {@link #restore}. */
    private final DirtyChunks dirty;
    /** The state the memory equalled, apart from the {@link #dirty} chunks; null before the first capture. */
    private State baseline;
    private DataSegment[] dataSegments = new DataSegment[0];
    private long reservedBytes;
    private boolean released;

    /**
     * Creates the memory, reserving its initial size from the budget.
     *
     * @throws BudgetExceededException if the budget cannot cover the initial size
     */
    GovernedMemory(MemoryLimits limits, MemoryBudget budget) {
        this.limits = limits;
        this.budget = budget;
        long initialBytes = (long) limits.initialPages() * PAGE_SIZE;
        if (!budget.tryReserve(initialBytes)) {
            throw new BudgetExceededException(
                    "memory budget exhausted: cannot reserve "
                            + initialBytes
                            + " bytes ("
                            + budget
                            + ")");
        }
        this.reservedBytes = initialBytes;
        this.delegate = new ByteArrayMemory(limits);
        this.dirty = new DirtyChunks(limits.initialPages());
    }

    /**
     * The limits Chicory should enforce: the declared maximum lowered to the host cap. Chicory's own
     * {@code withMemoryLimits} replaces the declared maximum instead, which could let a module grow
     * past what it declared, so the minimum is computed here.
     *
     * @return null if the declared initial size already exceeds the cap
     */
    static MemoryLimits effectiveLimits(MemoryLimits declared, long hostCapPages) {
        long max = Math.min(Math.min(declared.maximumPages(), RUNTIME_MAX_PAGES), hostCapPages);
        if (declared.initialPages() > max) {
            return null;
        }
        return new MemoryLimits(declared.initialPages(), (int) max, declared.shared());
    }

    /** Thrown while instantiating when the budget cannot cover a memory's initial size. */
    static final class BudgetExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceededException(String message) {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------- limits, budget, snapshot

    @Override
    public int grow(int size) {
        if (limits.shared()) {
            synchronized (this) {
                return growImpl(size);
            }
        }
        return growImpl(size);
    }

    private int growImpl(int size) {
        int previous = delegate.pages();
        if (size < 0 || released) {
            return -1;
        }
        if (size == 0) {
            return previous;
        }
        if ((long) previous + size > maximumPages()) {
            return -1;
        }
        long bytes = (long) size * PAGE_SIZE;
        if (!budget.tryReserve(bytes)) {
            return -1;
        }
        int result;
        try {
            result = delegate.grow(size);
            if (result >= 0) {
                dirty.resize(delegate.pages());
            }
        } catch (OutOfMemoryError e) {
            // The guest sees a refused grow, as the spec allows; the JVM keeps running.
            result = -1;
        }
        if (result < 0) {
            budget.release(bytes);
        } else {
            reservedBytes += bytes;
        }
        return result;
    }

    /** Bytes currently reserved from the budget. */
    long reservedBytes() {
        return reservedBytes;
    }

    /** Returns the reservation to the budget; the memory refuses to grow afterwards. */
    synchronized void release() {
        if (!released) {
            released = true;
            budget.release(reservedBytes);
            reservedBytes = 0;
        }
    }

    /** The memory's contents, size and passive segments at one point in time. */
    record State(int pages, byte[] contents, DataSegment[] dataSegments) {}

    State capture() {
        int pages = delegate.pages();
        State state = new State(pages, delegate.readBytes(0, pages * PAGE_SIZE), dataSegments.clone());
        baseline = state;
        dirty.clear();
        return state;
    }

    /**
     * Restores a captured state. Same size and restoring the state captured or restored last: copy back
     * only the chunks written since (a pooled instance's common case). Same size otherwise: copy all the
     * bytes back over the pages in place. Grown since: swap in a fresh delegate of the captured size
     * and give the extra pages back to the budget.
     */
    void restore(State state) {
        int current = delegate.pages();
        if (current == state.pages() && state == baseline && !limits.shared()) {
            byte[] contents = state.contents();
            dirty.forEachRun((address, length) -> delegate.write(address, contents, address, length));
            dataSegments = state.dataSegments().clone();
            return;
        }
        if (current != state.pages()) {
            delegate =
                    new ByteArrayMemory(
                            new MemoryLimits(state.pages(), limits.maximumPages(), limits.shared()));
            long targetBytes = (long) state.pages() * PAGE_SIZE;
            if (targetBytes < reservedBytes) {
                budget.release(reservedBytes - targetBytes);
            } else if (targetBytes > reservedBytes) {
                // Only after a shrink below the snapshot, which no wasm operation does.
                budget.tryReserve(targetBytes - reservedBytes);
            }
            reservedBytes = targetBytes;
        }
        delegate.write(0, state.contents(), 0, state.contents().length);
        dataSegments = state.dataSegments().clone();
        dirty.resize(state.pages());
        dirty.clear();
        baseline = state;
    }

    // ---------------------------------------------------------------- data segments

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        this.dataSegments = dataSegments == null ? new DataSegment[0] : dataSegments.clone();
        delegate.initialize(instance, dataSegments, memoryIndex);
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, dataSegments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    // ---------------------------------------------------------------- plain delegation

    @Override
    public int pages() {
        return delegate.pages();
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    }

    @Override
    public boolean shared() {
        return limits.shared();
    }

    @Override
    @SuppressWarnings("removal")
    public Object lock(int address) {
        return delegate.lock(address);
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, int expected, long timeout) {
        return delegate.waitOn(address, expected, timeout);
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, long expected, long timeout) {
        return delegate.waitOn(address, expected, timeout);
    }

    @Override
    @SuppressWarnings("removal")
    public int notify(int address, int maxThreads) {
        return delegate.notify(address, maxThreads);
    }

    @Override
    public void atomicFence() {
        delegate.atomicFence();
    }

    @Override
    public int atomicWait(int addr, int expected, long timeout) {
        return delegate.atomicWait(addr, expected, timeout);
    }

    @Override
    public int atomicWait(int addr, long expected, long timeout) {
        return delegate.atomicWait(addr, expected, timeout);
    }

    @Override
    public int atomicNotify(int addr, int maxThreads) {
        return delegate.atomicNotify(addr, maxThreads);
    }

    @Override
    public int atomicReadInt(int addr) {
        return delegate.atomicReadInt(addr);
    }

    @Override
    public long atomicReadLong(int addr) {
        return delegate.atomicReadLong(addr);
    }

    @Override
    public short atomicReadShort(int addr) {
        return delegate.atomicReadShort(addr);
    }

    @Override
    public byte atomicReadByte(int addr) {
        return delegate.atomicReadByte(addr);
    }

    @Override
    public void atomicWriteInt(int addr, int value) {
        delegate.atomicWriteInt(addr, value);
        dirty.mark(addr);
    }

    @Override
    public void atomicWriteLong(int addr, long value) {
        delegate.atomicWriteLong(addr, value);
        dirty.mark(addr);
    }

    @Override
    public void atomicWriteShort(int addr, short value) {
        delegate.atomicWriteShort(addr, value);
        dirty.mark(addr);
    }

    @Override
    public void atomicWriteByte(int addr, byte value) {
        delegate.atomicWriteByte(addr, value);
        dirty.mark(addr);
    }

    @Override
    public int atomicAddInt(int addr, int delta) {
        return dirty.marked(addr, delegate.atomicAddInt(addr, delta));
    }

    @Override
    public int atomicAndInt(int addr, int mask) {
        return dirty.marked(addr, delegate.atomicAndInt(addr, mask));
    }

    @Override
    public int atomicOrInt(int addr, int mask) {
        return dirty.marked(addr, delegate.atomicOrInt(addr, mask));
    }

    @Override
    public int atomicXorInt(int addr, int mask) {
        return dirty.marked(addr, delegate.atomicXorInt(addr, mask));
    }

    @Override
    public int atomicXchgInt(int addr, int value) {
        return dirty.marked(addr, delegate.atomicXchgInt(addr, value));
    }

    @Override
    public int atomicCmpxchgInt(int addr, int expected, int replacement) {
        return dirty.marked(addr, delegate.atomicCmpxchgInt(addr, expected, replacement));
    }

    @Override
    public long atomicAddLong(int addr, long delta) {
        return dirty.marked(addr, delegate.atomicAddLong(addr, delta));
    }

    @Override
    public long atomicAndLong(int addr, long mask) {
        return dirty.marked(addr, delegate.atomicAndLong(addr, mask));
    }

    @Override
    public long atomicOrLong(int addr, long mask) {
        return dirty.marked(addr, delegate.atomicOrLong(addr, mask));
    }

    @Override
    public long atomicXorLong(int addr, long mask) {
        return dirty.marked(addr, delegate.atomicXorLong(addr, mask));
    }

    @Override
    public long atomicXchgLong(int addr, long value) {
        return dirty.marked(addr, delegate.atomicXchgLong(addr, value));
    }

    @Override
    public long atomicCmpxchgLong(int addr, long expected, long replacement) {
        return dirty.marked(addr, delegate.atomicCmpxchgLong(addr, expected, replacement));
    }

    @Override
    public short atomicAddShort(int addr, short delta) {
        return dirty.marked(addr, delegate.atomicAddShort(addr, delta));
    }

    @Override
    public short atomicAndShort(int addr, short mask) {
        return dirty.marked(addr, delegate.atomicAndShort(addr, mask));
    }

    @Override
    public short atomicOrShort(int addr, short mask) {
        return dirty.marked(addr, delegate.atomicOrShort(addr, mask));
    }

    @Override
    public short atomicXorShort(int addr, short mask) {
        return dirty.marked(addr, delegate.atomicXorShort(addr, mask));
    }

    @Override
    public short atomicXchgShort(int addr, short value) {
        return dirty.marked(addr, delegate.atomicXchgShort(addr, value));
    }

    @Override
    public short atomicCmpxchgShort(int addr, short expected, short replacement) {
        return dirty.marked(addr, delegate.atomicCmpxchgShort(addr, expected, replacement));
    }

    @Override
    public byte atomicAddByte(int addr, byte delta) {
        return dirty.marked(addr, delegate.atomicAddByte(addr, delta));
    }

    @Override
    public byte atomicAndByte(int addr, byte mask) {
        return dirty.marked(addr, delegate.atomicAndByte(addr, mask));
    }

    @Override
    public byte atomicOrByte(int addr, byte mask) {
        return dirty.marked(addr, delegate.atomicOrByte(addr, mask));
    }

    @Override
    public byte atomicXorByte(int addr, byte mask) {
        return dirty.marked(addr, delegate.atomicXorByte(addr, mask));
    }

    @Override
    public byte atomicXchgByte(int addr, byte value) {
        return dirty.marked(addr, delegate.atomicXchgByte(addr, value));
    }

    @Override
    public byte atomicCmpxchgByte(int addr, byte expected, byte replacement) {
        return dirty.marked(addr, delegate.atomicCmpxchgByte(addr, expected, replacement));
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        delegate.write(addr, data, offset, size);
        dirty.markRange(addr, size);
    }

    @Override
    public byte read(int addr) {
        return delegate.read(addr);
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        return delegate.readBytes(addr, len);
    }

    @Override
    public void writeI32(int addr, int data) {
        delegate.writeI32(addr, data);
        dirty.mark(addr);
    }

    @Override
    public int readInt(int addr) {
        return delegate.readInt(addr);
    }

    @Override
    public void writeLong(int addr, long data) {
        delegate.writeLong(addr, data);
        dirty.mark(addr);
    }

    @Override
    public long readLong(int addr) {
        return delegate.readLong(addr);
    }

    @Override
    public void writeShort(int addr, short data) {
        delegate.writeShort(addr, data);
        dirty.mark(addr);
    }

    @Override
    public short readShort(int addr) {
        return delegate.readShort(addr);
    }

    @Override
    public long readU16(int addr) {
        return delegate.readU16(addr);
    }

    @Override
    public void writeByte(int addr, byte data) {
        delegate.writeByte(addr, data);
        dirty.mark(addr);
    }

    @Override
    public long readU8(int addr) {
        return delegate.readU8(addr);
    }

    @Override
    public long readI8(int addr) {
        return delegate.readI8(addr);
    }

    @Override
    public long readI16(int addr) {
        return delegate.readI16(addr);
    }

    @Override
    public long readI32(int addr) {
        return delegate.readI32(addr);
    }

    @Override
    public long readU32(int addr) {
        return delegate.readU32(addr);
    }

    @Override
    public long readI64(int addr) {
        return delegate.readI64(addr);
    }

    @Override
    public void writeF32(int addr, float data) {
        delegate.writeF32(addr, data);
        dirty.mark(addr);
    }

    @Override
    public long readF32(int addr) {
        return delegate.readF32(addr);
    }

    @Override
    public float readFloat(int addr) {
        return delegate.readFloat(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        delegate.writeF64(addr, data);
        dirty.mark(addr);
    }

    @Override
    public double readDouble(int addr) {
        return delegate.readDouble(addr);
    }

    @Override
    public long readF64(int addr) {
        return delegate.readF64(addr);
    }

    @Override
    public void zero() {
        delegate.zero();
        dirty.markAll();
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        delegate.fill(value, fromIndex, toIndex);
        dirty.markRange(fromIndex, toIndex - fromIndex);
    }

    @Override
    public void copy(int dest, int src, int size) {
        delegate.copy(dest, src, size);
        dirty.markRange(dest, size);
    }
}
