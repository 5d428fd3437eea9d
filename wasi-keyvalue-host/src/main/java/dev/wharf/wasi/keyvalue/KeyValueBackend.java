package dev.wharf.wasi.keyvalue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where buckets live. Implementations are thread-safe, strongly consistent (a write is visible to every later
 * read, from any instance or replica sharing the store), enforce {@link #limits()} and fail only with
 * {@link KeyValueException}. Found by {@link #type()} through {@link java.util.ServiceLoader} of
 * {@link KeyValueBackendFactory}, or built directly.
 */
public interface KeyValueBackend {

    KeyValueLimits limits();

    Optional<byte[]> get(BucketId bucket, String key);

    void set(BucketId bucket, String key, byte[] value);

    void delete(BucketId bucket, String key);

    boolean exists(BucketId bucket, String key);

    /** Up to {@link KeyValueLimits#pageSize()} keys after position {@code after} (absent: from the start). */
    KeyPage listKeys(BucketId bucket, OptionalLong after);

    /** Atomically adds {@code delta} to the counter under {@code key} (absent: 0) and returns the new value. */
    long increment(BucketId bucket, String key, long delta);

    /** The value and its version, for compare-and-swap. */
    Optional<Versioned> getVersioned(BucketId bucket, String key);

    /**
     * Writes {@code value} only if the key still has {@code expectedVersion} (absent: the key must still not
     * exist). Returns whether it wrote.
     */
    boolean compareAndSwap(BucketId bucket, String key, OptionalLong expectedVersion, byte[] value);

    /** The values present among {@code keys}. */
    Map<String, byte[]> getMany(BucketId bucket, List<String> keys);

    /** Writes all pairs, or none when one breaks a limit or the store fails. */
    void setMany(BucketId bucket, List<Map.Entry<String, byte[]>> entries);

    void deleteMany(BucketId bucket, List<String> keys);
}
