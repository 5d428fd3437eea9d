package dev.wharf.wasi.keyvalue.internal;

import dev.wharf.wasi.keyvalue.BucketId;
import dev.wharf.wasi.keyvalue.KeyValueBackend;

/** What a guest's {@code bucket} handle stands for: an opened, access-checked bucket. */
record OpenBucket(BucketId id, KeyValueBackend backend) {
}
