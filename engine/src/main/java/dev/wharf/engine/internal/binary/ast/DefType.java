package dev.wharf.engine.internal.binary.ast;

import java.util.List;
import java.util.Optional;

/** A component-level type definition ({@code deftype}). Value types first, then func/component/instance/resource. */
public sealed interface DefType {
    int offset();

    record Labeled(String label, ValTypeRef type) {}

    record Case(String label, Optional<ValTypeRef> type) {}

    record Primitive(PrimValType type, int offset) implements DefType {}

    record Record(List<Labeled> fields, int offset) implements DefType {}

    record Variant(List<Case> cases, int offset) implements DefType {}

    record ListOf(ValTypeRef element, int offset) implements DefType {}

    /** Fixed-length list (🔧 gated); parsed, rejected by validation. */
    record FixedList(ValTypeRef element, long length, int offset) implements DefType {}

    record Tuple(List<ValTypeRef> types, int offset) implements DefType {}

    record Flags(List<String> labels, int offset) implements DefType {}

    record Enum(List<String> labels, int offset) implements DefType {}

    record Option(ValTypeRef type, int offset) implements DefType {}

    record Result(Optional<ValTypeRef> ok, Optional<ValTypeRef> err, int offset) implements DefType {}

    record Own(int typeIndex, int offset) implements DefType {}

    record Borrow(int typeIndex, int offset) implements DefType {}

    /** Async streams (🔀); parsed, rejected by validation. */
    record Stream(Optional<ValTypeRef> element, int offset) implements DefType {}

    /** Async futures (🔀); parsed, rejected by validation. */
    record Future(Optional<ValTypeRef> element, int offset) implements DefType {}

    /** Maps (🗺️); parsed, rejected by validation. */
    record MapOf(ValTypeRef key, ValTypeRef value, int offset) implements DefType {}

    /** {@code (func async? (param ...)* (result t)?)}. */
    record Func(boolean async, List<Labeled> params, Optional<ValTypeRef> result, int offset) implements DefType {}

    /** {@code (component decl*)}. */
    record Component(List<Decl> decls, int offset) implements DefType {}

    /** {@code (instance decl*)}. */
    record Instance(List<Decl> decls, int offset) implements DefType {}

    /** {@code (resource (rep i32) (dtor f)?)}; {@code rep} is the core valtype code. */
    record Resource(int rep, Optional<Integer> destructor, int offset) implements DefType {}
}
