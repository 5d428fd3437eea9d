package dev.wharf.engine.internal.binary.ast;

/** A canonical ABI option. */
public sealed interface CanonOpt {
    enum Encoding { UTF8, UTF16, LATIN1_UTF16 }

    record StringEncoding(Encoding encoding) implements CanonOpt {
        @Override
        public String toString() {
            return "string-encoding=" + switch (encoding) {
                case UTF8 -> "utf8";
                case UTF16 -> "utf16";
                case LATIN1_UTF16 -> "latin1+utf16";
            };
        }
    }

    record Memory(int coreMemoryIndex) implements CanonOpt {}

    record Realloc(int coreFuncIndex) implements CanonOpt {}

    record PostReturn(int coreFuncIndex) implements CanonOpt {}

    record Async() implements CanonOpt {}

    record Callback(int coreFuncIndex) implements CanonOpt {}
}
