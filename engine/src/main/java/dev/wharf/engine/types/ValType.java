package dev.wharf.engine.types;

/** A component value type; {@link #toString()} prints it in WIT syntax ({@code list<string>}, {@code result<u32, string>}). */
public sealed interface ValType extends Type permits PrimitiveType, ListType, RecordType, TupleType, VariantType, EnumType,
        OptionType, ResultType, FlagsType, OwnType, BorrowType {
}
