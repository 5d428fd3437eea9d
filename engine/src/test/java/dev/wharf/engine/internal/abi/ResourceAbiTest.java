package dev.wharf.engine.internal.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.internal.resources.CallContext;
import dev.wharf.engine.internal.resources.HandleTable;
import dev.wharf.engine.internal.resources.HostObjectTable;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.values.WitValue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** own/borrow values crossing the boundary through the Canonical ABI, with real handle tables. */
class ResourceAbiTest {
    @TempDir
    Path cacheDir;

    AbiGuest guest;
    final ResourceType body = new ResourceType("body", false);
    final ResourceType other = new ResourceType("other", false);
    final HandleTable guestHandles = new HandleTable();
    final HostObjectTable<String> hostObjects = new HostObjectTable<>();

    @BeforeEach
    void setUp() {
        guest = new AbiGuest(cacheDir);
    }

    @AfterEach
    void tearDown() {
        guest.close();
    }

    LiftLowerContext context(CallContext call) {
        return guest.context(StringEncoding.UTF8).withHandles(guestHandles, call);
    }

    @Test
    void hostPassesOwnAndBorrowIntoAGuestExport() {
        int ownedRep = hostObjects.add("owned");
        int lentRep = hostObjects.add("lent");
        FunctionAbi abi = FunctionAbi.of(FunctionAbiTest.func(List.of(new OwnType(body), new BorrowType(body)), null));
        CallContext call = new CallContext();
        long[] core = abi.lowerParams(context(call), List.of(WitValue.own(body, ownedRep), WitValue.borrow(body, lentRep)));
        int ownIndex = (int) core[0];
        int borrowIndex = (int) core[1];
        assertThat(guestHandles.handle(ownIndex, body).own()).isTrue();
        assertThat(guestHandles.resourceRep(body, borrowIndex)).isEqualTo(lentRep);
        // the guest returns without dropping its borrow: trap
        assertThatThrownBy(call::checkBorrowsDropped).isInstanceOf(Trap.class);
        // once it drops it, the call may end; dropping the own runs the host destructor
        guestHandles.resourceDrop(body, borrowIndex, null);
        call.end();
        guestHandles.resourceDrop(body, ownIndex, rep -> hostObjects.remove(rep));
        assertThat(hostObjects.size()).isEqualTo(1);
        assertThat(hostObjects.get(lentRep)).isEqualTo("lent");
    }

    @Test
    void guestPassesOwnAndBorrowToAHostImport() {
        int owned = guestHandles.resourceNew(body, 100);
        int lent = guestHandles.resourceNew(body, 200);
        FunctionAbi abi = FunctionAbi.of(FunctionAbiTest.func(List.of(new OwnType(body), new BorrowType(body)), null));
        CallContext call = new CallContext();
        List<WitValue> args = abi.liftParams(context(call), new long[] {owned, lent});
        assertThat(args).containsExactly(WitValue.own(body, 100), WitValue.borrow(body, 200));
        assertThatThrownBy(() -> guestHandles.resourceRep(body, owned)).as("ownership moved out").isInstanceOf(Trap.class);
        assertThatThrownBy(() -> guestHandles.resourceDrop(body, lent, null)).as("lent during the call").isInstanceOf(Trap.class);
        call.end();
        guestHandles.resourceDrop(body, lent, null);
    }

    @Test
    void listsOfHandlesTransferEachOne() {
        Layout l = Layout.of(new ListType(new OwnType(body)));
        CallContext call = new CallContext();
        long[] flat = CanonicalAbi.lowerFlat(context(call), l, WitValue.list(WitValue.own(body, 1), WitValue.own(body, 2)));
        assertThat(guestHandles.size()).isEqualTo(2);
        WitValue back = CanonicalAbi.liftFlat(context(call), l, flat);
        assertThat(back).isEqualTo(WitValue.list(WitValue.own(body, 1), WitValue.own(body, 2)));
        assertThat(guestHandles.size()).isZero();
    }

    @Test
    void danglingAndWrongTypeHandlesFromTheGuestTrap() {
        Layout own = Layout.of(new OwnType(body));
        CallContext call = new CallContext();
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(context(call), own, new long[] {5}))
                .isInstanceOf(Trap.class).hasMessage("unknown handle index 5");
        int h = guestHandles.resourceNew(other, 1);
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(context(call), own, new long[] {h}))
                .isInstanceOf(Trap.class).hasMessageContaining("expected body");
        Layout borrow = Layout.of(new BorrowType(body));
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(context(call), borrow, new long[] {h})).isInstanceOf(Trap.class);
        // the host handing a handle of the wrong type is a host error
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(context(call), own, WitValue.own(other, 1)))
                .isInstanceOf(Trap.class).satisfies(t -> assertThat(((Trap) t).reason()).isEqualTo(TrapReason.HOST_ERROR));
    }

    @Test
    void resourceLayoutsFollowTheirType() {
        ValType t = new OwnType(body);
        assertThat(Layout.of(t).resource()).isSameAs(body);
    }
}
