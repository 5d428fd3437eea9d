package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.Memory;
import java.util.Arrays;

/**
 * Which 4 KiB chunks of a linear memory were written since the last snapshot or restore, so a restore copies
 * those chunks back instead of the whole memory (a request to hello-c touches a few chunks of 128 KiB; a
 * componentize-js guest a few hundred of several MiB).
 *
 * <p>A scalar store marks only the chunk its address falls in, one array store on the guest's hot path. A store
 * is at most 8 bytes wide, so it can spill into the next chunk but no further: {@link #forEachRun} therefore
 * treats the chunk after every marked one as written too. Bulk writes (data segments, {@code memory.fill},
 * {@code memory.copy}, host writes) mark their whole range with {@link #markRange}.
 *
 * <p>Not thread-safe: the guest writes and the host resets on one thread at a time (a pooled instance is leased
 * to one request at a time). Shared memories are not tracked (see {@link GovernedMemory}).
 */
final class DirtyChunks {
    static final int SHIFT = 12;
    static final int CHUNK = 1 << SHIFT;
    private static final int CHUNKS_PER_PAGE = Memory.PAGE_SIZE / CHUNK;

    /** One flag per chunk of the current size; marks beyond it (a store spilling past the end) cannot happen. */
    private boolean[] written;

    DirtyChunks(int pages) {
        written = new boolean[pages * CHUNKS_PER_PAGE];
    }

    /** A store of up to 8 bytes at {@code address}, already bounds-checked against the memory. */
    void mark(int address) {
        written[address >>> SHIFT] = true;
    }

    /** {@link #mark} for an atomic read-modify-write, passing its result through. */
    int marked(int address, int result) {
        mark(address);
        return result;
    }

    long marked(int address, long result) {
        mark(address);
        return result;
    }

    short marked(int address, short result) {
        mark(address);
        return result;
    }

    byte marked(int address, byte result) {
        mark(address);
        return result;
    }

    /** Every chunk was written ({@code zero}). */
    void markAll() {
        Arrays.fill(written, true);
    }

    /** A write of {@code length} bytes at {@code address}, already bounds-checked against the memory. */
    void markRange(int address, int length) {
        if (length > 0) {
            Arrays.fill(written, address >>> SHIFT, ((address + length - 1) >>> SHIFT) + 1, true);
        }
    }

    /** The memory grew to {@code pages}: new pages start unwritten-to (the restore after growth copies all). */
    void resize(int pages) {
        written = Arrays.copyOf(written, pages * CHUNKS_PER_PAGE);
    }

    /** Forgets every mark: the memory equals its baseline now. */
    void clear() {
        Arrays.fill(written, false);
    }

    /** Receives one run of consecutive written chunks as a byte range of the memory. */
    @FunctionalInterface
    interface RunConsumer {
        void run(int address, int length);
    }

    /**
     * Calls {@code consumer} for each run of chunks that may differ from the baseline (a marked chunk and the one
     * after it), in address order, and clears the marks.
     */
    void forEachRun(RunConsumer consumer) {
        boolean[] w = written;
        int n = w.length;
        int i = 0;
        while (i < n) {
            if (!w[i]) {
                i++;
                continue;
            }
            int start = i;
            // extend over marked chunks; the chunk after the last marked one may hold a spilled store
            while (i < n && w[i]) {
                w[i] = false;
                i++;
            }
            int end = Math.min(n, i + 1);
            consumer.run(start << SHIFT, (end - start) << SHIFT);
            i = end;
        }
    }
}
