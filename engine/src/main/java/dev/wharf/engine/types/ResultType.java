package dev.wharf.engine.types;

import java.util.Optional;

/** {@code result}, {@code result<T>}, {@code result<_, E>}, {@code result<T, E>}. */
public record ResultType(Optional<ValType> ok, Optional<ValType> err) implements ValType {

    @Override
    public String toString() {
        if (ok.isEmpty() && err.isEmpty()) {
            return "result";
        }
        if (err.isEmpty()) {
            return "result<" + ok.get() + ">";
        }
        return "result<" + ok.map(Object::toString).orElse("_") + ", " + err.get() + ">";
    }
}
