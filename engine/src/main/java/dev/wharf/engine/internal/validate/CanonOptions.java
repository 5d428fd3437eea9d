package dev.wharf.engine.internal.validate;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.internal.binary.ast.CanonOpt;
import dev.wharf.engine.internal.binary.ast.Sort;
import java.util.List;
import java.util.Optional;

/** The canonical options of one lift/lower, checked for duplicates and index ranges. */
public record CanonOptions(CanonOpt.Encoding encoding, Optional<Integer> memory, Optional<Integer> realloc,
        Optional<Integer> postReturn) {

    static CanonOptions of(Scope scope, List<CanonOpt> opts, String where) {
        CanonOpt.Encoding encoding = null;
        Integer memory = null;
        Integer realloc = null;
        Integer postReturn = null;
        for (CanonOpt o : opts) {
            switch (o) {
                case CanonOpt.StringEncoding e -> {
                    if (encoding != null) {
                        throw new InvalidComponentException(where + ": string-encoding given more than once");
                    }
                    encoding = e.encoding();
                }
                case CanonOpt.Memory m -> {
                    if (memory != null) {
                        throw new InvalidComponentException(where + ": memory option given more than once");
                    }
                    scope.checkIndex(Sort.CORE_MEMORY, m.coreMemoryIndex(), where + ", memory option");
                    memory = m.coreMemoryIndex();
                }
                case CanonOpt.Realloc r -> {
                    if (realloc != null) {
                        throw new InvalidComponentException(where + ": realloc option given more than once");
                    }
                    scope.checkIndex(Sort.CORE_FUNC, r.coreFuncIndex(), where + ", realloc option");
                    realloc = r.coreFuncIndex();
                }
                case CanonOpt.PostReturn p -> {
                    if (postReturn != null) {
                        throw new InvalidComponentException(where + ": post-return option given more than once");
                    }
                    scope.checkIndex(Sort.CORE_FUNC, p.coreFuncIndex(), where + ", post-return option");
                    postReturn = p.coreFuncIndex();
                }
                case CanonOpt.Async a -> throw new UnsupportedComponentFeatureException("async canonical option", where);
                case CanonOpt.Callback c -> throw new UnsupportedComponentFeatureException("callback canonical option", where);
            }
        }
        return new CanonOptions(encoding == null ? CanonOpt.Encoding.UTF8 : encoding, Optional.ofNullable(memory),
                Optional.ofNullable(realloc), Optional.ofNullable(postReturn));
    }
}
