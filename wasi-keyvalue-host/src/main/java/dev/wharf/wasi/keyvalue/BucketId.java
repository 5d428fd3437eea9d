package dev.wharf.wasi.keyvalue;

import java.util.Objects;

/**
 * One bucket of one tenant. Every backend operation names the tenant, so no code path can reach another
 * tenant's data by choosing a bucket name.
 */
public record BucketId(String tenant, String bucket) {
    public BucketId {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public String toString() {
        return tenant + "/" + bucket;
    }
}
