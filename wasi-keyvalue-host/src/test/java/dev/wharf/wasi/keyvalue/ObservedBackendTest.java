package dev.wharf.wasi.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every backend call is reported once, with its tenant, operation name and outcome, and its result unchanged. */
class ObservedBackendTest {
    private record Seen(String tenant, String operation, String outcome) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final KeyValueBackend backend = new ObservedBackend(new MemoryBackend(KeyValueLimits.DEFAULT),
            (tenant, operation, outcome, nanos) -> {
                assertThat(nanos).isNotNegative();
                seen.add(new Seen(tenant, operation, outcome));
            });
    private final BucketId bucket = new BucketId("acme", "default");

    @Test
    void reportsOperationsAndTheirOutcomes() {
        backend.set(bucket, "n", "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(backend.get(bucket, "n")).isPresent();
        assertThatThrownBy(() -> backend.increment(bucket, "n", 1)).isInstanceOf(KeyValueException.class);
        assertThat(backend.increment(bucket, "c", 2)).isEqualTo(2);
        assertThat(backend.compareAndSwap(bucket, "c", OptionalLong.of(-1), new byte[0])).isFalse();
        assertThatThrownBy(() -> backend.set(bucket, "", new byte[0])).isInstanceOf(KeyValueException.class);
        assertThat(seen).containsExactly(
                new Seen("acme", "set", "ok"),
                new Seen("acme", "get", "ok"),
                new Seen("acme", "increment", "not-a-counter"),
                new Seen("acme", "increment", "ok"),
                new Seen("acme", "cas-swap", "cas-conflict"),
                new Seen("acme", "set", "invalid"));
    }

    @Test
    void outcomeNamesFollowTheErrorCases() {
        assertThat(KeyValueObserver.outcome(KeyValueException.accessDenied("x"))).isEqualTo("access-denied");
        assertThat(KeyValueObserver.outcome(KeyValueException.noSuchStore("x"))).isEqualTo("no-such-store");
        assertThat(KeyValueObserver.outcome(KeyValueException.unavailable(null))).isEqualTo("unavailable");
        assertThat(KeyValueObserver.outcome(KeyValueException.other(KeyValueException.Reason.TENANT_FULL, "x")))
                .isEqualTo("tenant-full");
    }
}
