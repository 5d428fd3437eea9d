package dev.wharf.wasi.keyvalue;

/**
 * A value as read for compare-and-swap: {@code version} changes on every write of the key (and a deleted then
 * re-created key never gets an old version back), so a swap succeeds only if nothing wrote in between.
 */
public record Versioned(byte[] value, long version) {
}
