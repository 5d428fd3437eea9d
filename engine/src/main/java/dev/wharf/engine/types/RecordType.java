package dev.wharf.engine.types;

import java.util.List;
import java.util.stream.Collectors;

/** {@code record { a: u32, b: string }}. */
public record RecordType(List<Field> fields) implements ValType {
    public record Field(String name, ValType type) {
        @Override
        public String toString() {
            return name + ": " + type;
        }
    }

    public RecordType {
        fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
        return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "record { ", " }"));
    }
}
