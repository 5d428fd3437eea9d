package dev.wharf.engine.internal.binary.ast;

/** A reference {@code (sort idx)} into one index space. */
public record SortIdx(Sort sort, int index) {
    @Override
    public String toString() {
        return "(" + sort + " " + index + ")";
    }
}
