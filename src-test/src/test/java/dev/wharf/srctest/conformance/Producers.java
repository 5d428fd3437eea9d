package dev.wharf.srctest.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code producers} custom sections of a component and of every core module and component nested in it
 * (tool-conventions ProducersSection.md): which languages, compilers and tools made it, e.g. {@code TinyGo 0.37.0}
 * or {@code wit-component 0.227.1}. The foreign-component report names each file's toolchain from them, so that a
 * reader can tell a TinyGo binary from a Rust one without trusting the file name.
 */
record Producers(List<String> entries) {

    Producers {
        entries = List.copyOf(entries);
    }

    /** Every distinct {@code field: name version} entry, outermost first; empty for bytes that are not WebAssembly. */
    static Producers of(byte[] bytes) {
        Set<String> found = new LinkedHashSet<>();
        try {
            walk(bytes, 0, bytes.length, found);
        } catch (RuntimeException e) {
            found.add("(unreadable producers section: " + e.getMessage() + ")");
        }
        return new Producers(new ArrayList<>(found));
    }

    /** The entries that name a language or a compiler (not the wit-component plumbing every component has). */
    String toolchain() {
        List<String> kept = entries.stream()
                .filter(e -> !e.startsWith("processed-by: wit-component") && !e.startsWith("processed-by: wit-bindgen"))
                .toList();
        return String.join("; ", kept.isEmpty() ? entries : kept);
    }

    private static void walk(byte[] b, int start, int end, Set<String> found) {
        if (end - start < 8 || b[start] != 0 || b[start + 1] != 'a' || b[start + 2] != 's' || b[start + 3] != 'm') {
            return;
        }
        boolean component = b[start + 4] == 0x0d; // layer 1: component; version 1: core module
        int[] pos = {start + 8};
        while (pos[0] < end) {
            int id = b[pos[0]++] & 0xff;
            int size = (int) leb(b, pos);
            int sectionEnd = pos[0] + size;
            if (id == 0) {
                int[] p = {pos[0]};
                if (name(b, p).equals("producers")) {
                    readProducers(b, p, found);
                }
            } else if (component && (id == 1 || id == 4)) { // a nested core module or component
                walk(b, pos[0], sectionEnd, found);
            }
            pos[0] = sectionEnd;
        }
    }

    private static void readProducers(byte[] b, int[] p, Set<String> found) {
        long fields = leb(b, p);
        for (long f = 0; f < fields; f++) {
            String field = name(b, p);
            long values = leb(b, p);
            for (long v = 0; v < values; v++) {
                String value = name(b, p);
                String version = name(b, p);
                found.add(field + ": " + (version.isEmpty() ? value : value + " " + version));
            }
        }
    }

    private static long leb(byte[] b, int[] p) {
        long result = 0;
        int shift = 0;
        while (true) {
            int x = b[p[0]++] & 0xff;
            result |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return result;
            }
            shift += 7;
        }
    }

    private static String name(byte[] b, int[] p) {
        int length = (int) leb(b, p);
        String s = new String(b, p[0], length, StandardCharsets.UTF_8);
        p[0] += length;
        return s;
    }
}
