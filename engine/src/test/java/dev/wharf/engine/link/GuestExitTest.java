package dev.wharf.engine.link;

import static dev.wharf.engine.types.PrimitiveType.U32;
import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.pool.DiscardReason;
import dev.wharf.engine.pool.InstancePool;
import dev.wharf.engine.pool.PoolConfig;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.values.WitValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A host function ending the call for the guest ({@code Trap.exit}, as wasi:cli exit does) and
 * one reporting a broken resource rule: top-level.wat's quad calls the host's double.
 */
class GuestExitTest {
    private static final FuncType DOUBLE = new FuncType(List.of(new FuncType.Param("x", U32)), Optional.of(U32));
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    /** double(x) exits with status x when x < 10, and doubles otherwise. */
    private static PreparedComponent exitingOnSmallInput() {
        return new Linker(engine).define("double", DOUBLE, args -> {
            long x = ((WitValue.U32) args.get(0)).asLong();
            if (x < 10) {
                throw Trap.exit((int) x);
            }
            return u32(x * 2);
        }).prepare(engine.plan(HostImportsLinkingTest.load("top-level")));
    }

    @Test
    void anExitEndsTheCallWithItsStatusAndPoisonsTheInstance() {
        try (ComponentInstance instance = exitingOnSmallInput().instantiate()) {
            assertThatThrownBy(() -> instance.function("quad").call(u32(3)))
                    .isInstanceOfSatisfying(Trap.class, t -> {
                        assertThat(t.reason()).isEqualTo(TrapReason.EXIT);
                        assertThat(t.exitStatus()).hasValue(3);
                    })
                    .hasMessage("the guest exited with status 3");
            assertThat(instance.isPoisoned()).isTrue();
            assertThat(instance.trapReason()).contains(TrapReason.EXIT);
        }
        assertThat(new Trap(TrapReason.UNREACHABLE, "x").exitStatus()).isEmpty();
        assertThat(Trap.exit(0).exitStatus()).hasValue(0);
    }

    @Test
    void aPoolDiscardsAnExitedInstanceAsExitedNotTrapped() throws Exception {
        try (InstancePool pool = InstancePool.create(exitingOnSmallInput(), InstanceOptions.defaults(), PoolConfig.ofSize(1))) {
            try (InstancePool.Lease lease = pool.acquire()) {
                assertThat(lease.instance().function("quad").call(u32(10))).isEqualTo(u32(40));
            }
            try (InstancePool.Lease lease = pool.acquire()) {
                assertThatThrownBy(() -> lease.instance().function("quad").call(u32(0))).isInstanceOf(Trap.class);
            }
            assertThat(pool.stats().discarded()).containsEntry(DiscardReason.EXITED, 1L).containsEntry(DiscardReason.TRAPPED, 0L);
        }
    }

    @Test
    void aResourceRuleTrapFromTheHostKeepsItsReason() {
        PreparedComponent prepared = new Linker(engine).define("double", DOUBLE, args -> {
            throw new Trap(TrapReason.RESOURCE_RULE, "body dropped before its stream");
        }).prepare(engine.plan(HostImportsLinkingTest.load("top-level")));
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThatThrownBy(() -> instance.function("quad").call(u32(1)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.RESOURCE_RULE))
                    .hasMessageContaining("body dropped before its stream");
        }
    }
}
