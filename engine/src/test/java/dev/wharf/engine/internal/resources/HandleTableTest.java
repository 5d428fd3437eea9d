package dev.wharf.engine.internal.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.types.ResourceType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handle table rules of CanonicalABI.md: {@code Table}, {@code resource.*}, own/borrow transfer. */
class HandleTableTest {
    final ResourceType file = new ResourceType("file", true);
    final ResourceType socket = new ResourceType("socket", true);
    final HandleTable table = new HandleTable();
    final List<Integer> destroyed = new ArrayList<>();
    final Destructor dtor = destroyed::add;

    @Test
    void newRepDropCallsTheDestructorOnce() {
        int h = table.resourceNew(file, 42);
        assertThat(h).isEqualTo(1);
        assertThat(table.resourceRep(file, h)).isEqualTo(42);
        table.resourceDrop(file, h, dtor);
        assertThat(destroyed).containsExactly(42);
        assertThatThrownBy(() -> table.resourceDrop(file, h, dtor)).isInstanceOf(Trap.class)
                .hasMessage("unknown handle index 1");
        assertThatThrownBy(() -> table.resourceRep(file, h)).isInstanceOf(Trap.class);
        assertThat(destroyed).containsExactly(42);
        assertThat(table.size()).isZero();
    }

    @Test
    void dropWithoutDestructorIsFine() {
        int h = table.resourceNew(file, 1);
        table.resourceDrop(file, h, null);
        assertThat(table.size()).isZero();
    }

    @Test
    void indexZeroIsNeverValid() {
        assertThatThrownBy(() -> table.get(0)).isInstanceOf(Trap.class)
                .satisfies(t -> assertThat(((Trap) t).reason()).isEqualTo(TrapReason.INVALID_HANDLE));
        table.resourceNew(file, 7);
        assertThatThrownBy(() -> table.resourceRep(file, 0)).isInstanceOf(Trap.class);
        assertThatThrownBy(() -> table.resourceRep(file, -1)).isInstanceOf(Trap.class).hasMessageContaining("4294967295");
        assertThatThrownBy(() -> table.resourceRep(file, 99)).isInstanceOf(Trap.class);
    }

    @Test
    void freedSlotsAreReusedLastFreedFirst() {
        int a = table.resourceNew(file, 10);
        int b = table.resourceNew(file, 11);
        int c = table.resourceNew(file, 12);
        assertThat(List.of(a, b, c)).containsExactly(1, 2, 3);
        table.resourceDrop(file, a, dtor);
        table.resourceDrop(file, c, dtor);
        assertThat(table.resourceNew(file, 13)).isEqualTo(3);
        assertThat(table.resourceNew(file, 14)).isEqualTo(1);
        assertThat(table.resourceNew(file, 15)).isEqualTo(4);
        assertThat(table.resourceRep(file, 2)).isEqualTo(11);
    }

    @Test
    void wrongTypeTraps() {
        int h = table.resourceNew(file, 1);
        assertThatThrownBy(() -> table.resourceRep(socket, h)).isInstanceOf(Trap.class)
                .hasMessageContaining("is a file, expected socket");
        assertThatThrownBy(() -> table.resourceDrop(socket, h, dtor)).isInstanceOf(Trap.class);
        assertThatThrownBy(() -> table.liftOwn(socket, h)).isInstanceOf(Trap.class);
        assertThatThrownBy(() -> table.liftBorrow(socket, h, new CallContext())).isInstanceOf(Trap.class);
        // same name, different type: identity decides
        ResourceType otherFile = new ResourceType("file", true);
        assertThatThrownBy(() -> table.resourceRep(otherFile, h)).isInstanceOf(Trap.class);
        assertThat(table.resourceRep(file, h)).isEqualTo(1);
    }

    @Test
    void nonResourceElementsAreRefused() {
        int i = table.add("a waitable, say");
        assertThatThrownBy(() -> table.resourceRep(file, i)).isInstanceOf(Trap.class).hasMessageContaining("not a resource handle");
    }

    @Test
    void droppingAnOwnWhileLentTraps() {
        int h = table.resourceNew(file, 5);
        CallContext call = new CallContext();
        assertThat(table.liftBorrow(file, h, call)).isEqualTo(5);
        assertThat(table.handle(h, file).numLends()).isEqualTo(1);
        assertThatThrownBy(() -> table.resourceDrop(file, h, dtor)).isInstanceOf(Trap.class)
                .hasMessageContaining("still lent out");
        assertThatThrownBy(() -> table.liftOwn(file, h)).isInstanceOf(Trap.class).hasMessageContaining("still lent out");
        assertThat(destroyed).isEmpty();
        call.end();
        assertThat(table.handle(h, file).numLends()).isZero();
        table.resourceDrop(file, h, dtor);
        assertThat(destroyed).containsExactly(5);
    }

    @Test
    void liftOwnMovesTheHandleOut() {
        int h = table.resourceNew(file, 9);
        assertThat(table.liftOwn(file, h)).isEqualTo(9);
        assertThatThrownBy(() -> table.resourceRep(file, h)).isInstanceOf(Trap.class);
        assertThat(destroyed).isEmpty();
    }

    @Test
    void borrowsMustBeDroppedBeforeTheCallReturns() {
        HandleTable callee = new HandleTable();
        CallContext call = new CallContext();
        int b = callee.lowerBorrow(file, 77, call);
        assertThat(callee.resourceRep(file, b)).isEqualTo(77);
        assertThat(call.outstandingBorrows()).isEqualTo(1);
        assertThatThrownBy(call::checkBorrowsDropped).isInstanceOf(Trap.class)
                .hasMessageContaining("1 borrowed handle(s) not dropped");
        assertThatThrownBy(() -> callee.liftOwn(file, b)).isInstanceOf(Trap.class).hasMessageContaining("is a borrow");
        callee.resourceDrop(file, b, dtor);
        assertThat(destroyed).as("dropping a borrow never destroys").isEmpty();
        assertThat(call.outstandingBorrows()).isZero();
        call.end();
    }

    @Test
    void borrowIntoTheImplementingInstanceIsTheBareRep() {
        HandleTable impl = new HandleTable();
        impl.implement(file);
        CallContext call = new CallContext();
        assertThat(impl.lowerBorrow(file, 1234, call)).isEqualTo(1234);
        assertThat(impl.size()).isZero();
        assertThat(call.outstandingBorrows()).isZero();
    }

    @Test
    void borrowedHandlesCanBeLentOnAndComeBack() {
        HandleTable callee = new HandleTable();
        CallContext outer = new CallContext();
        int b = callee.lowerBorrow(file, 3, outer);
        CallContext inner = new CallContext();
        assertThat(callee.liftBorrow(file, b, inner)).isEqualTo(3);
        assertThatThrownBy(() -> callee.resourceDrop(file, b, dtor)).isInstanceOf(Trap.class);
        inner.end();
        callee.resourceDrop(file, b, dtor);
        outer.end();
    }

    @Test
    void hostObjectsBackHostResources() {
        HostObjectTable<StringBuilder> objects = new HostObjectTable<>();
        StringBuilder body = new StringBuilder("body");
        int rep = objects.add(body);
        assertThat(rep).isPositive();
        int h = table.lowerOwn(file, rep);
        table.resourceDrop(file, h, r -> objects.remove(r).append(" closed"));
        assertThat(body).hasToString("body closed");
        assertThat(objects.size()).isZero();
        assertThatThrownBy(() -> objects.get(rep)).isInstanceOf(Trap.class).hasMessageContaining("unknown host resource rep");
        assertThat(objects.add(new StringBuilder())).isEqualTo(rep);
    }
}
