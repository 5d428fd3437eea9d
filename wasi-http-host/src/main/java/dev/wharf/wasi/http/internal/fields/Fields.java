package dev.wharf.wasi.http.internal.fields;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code wasi:http/types.fields} resource (headers and trailers): an ordered multi-map from a header name
 * to byte values.
 *
 * <ul>
 *   <li>Names are stored lowercased (as wasmtime does through the {@code http} crate), so lookups are
 *       case-insensitive and {@link #entries()} shows lowercase names.</li>
 *   <li>Entries keep insertion order and repeated values of a name stay in the order they were added;
 *       {@link #set} replaces all values of a name and puts the new ones where the name first appeared.</li>
 *   <li>Names must be RFC 9110 tokens; values must not contain control bytes other than HTAB (so no CR, LF,
 *       NUL - the bytes that would allow header injection), else {@link HeaderError#INVALID_SYNTAX}.</li>
 *   <li>{@link ForbiddenHeaders} names give {@link HeaderError#FORBIDDEN} on every mutation and in
 *       {@link #fromList}.</li>
 *   <li>Fields handed to the guest as part of a request/response are {@link #immutable}: every mutation
 *       gives {@link HeaderError#IMMUTABLE}; {@link #copy()} ({@code clone}) gives a mutable copy.</li>
 * </ul>
 *
 * Values are copied in and out, so neither the guest nor the gateway can change a snapshot behind our back.
 * Not thread-safe: a fields resource belongs to one guest instance (one thread at a time).
 */
public final class Fields {
    private record Entry(String name, byte[] value) {}

    private final ArrayList<Entry> entries;
    private final ForbiddenHeaders forbidden;
    private boolean immutable;

    private Fields(ArrayList<Entry> entries, ForbiddenHeaders forbidden, boolean immutable) {
        this.entries = entries;
        this.forbidden = forbidden;
        this.immutable = immutable;
    }

    /** {@code constructor()}: empty, mutable, default forbidden list. */
    public Fields() {
        this(ForbiddenHeaders.DEFAULT);
    }

    public Fields(ForbiddenHeaders forbidden) {
        this(new ArrayList<>(), forbidden, false);
    }

    /** {@code from-list}: validates every entry; the first problem is the error. */
    public static Fields fromList(List<? extends java.util.Map.Entry<String, byte[]>> list, ForbiddenHeaders forbidden)
            throws HeaderErrorException {
        Fields f = new Fields(forbidden);
        for (var e : list) {
            f.append(e.getKey(), e.getValue());
        }
        return f;
    }

    public static Fields fromList(List<? extends java.util.Map.Entry<String, byte[]>> list) throws HeaderErrorException {
        return fromList(list, ForbiddenHeaders.DEFAULT);
    }

    /**
     * Host-built fields (an incoming request's headers and trailers, an outbound response's headers, as received):
     * immutable, syntax still checked (the HTTP stack already did; defence in depth), and without the names a guest
     * may not set ({@link ForbiddenHeaders#DEFAULT}: hop-by-hop headers and {@code host}), as wasmtime and jco hand
     * them over. Those describe the connection, not the message; the request's authority is
     * {@code incoming-request.authority}. A clone keeps the same forbidden list.
     */
    public static Fields received(List<? extends java.util.Map.Entry<String, byte[]>> list) throws HeaderErrorException {
        Fields f = new Fields(ForbiddenHeaders.DEFAULT);
        for (var e : list) {
            String key = normalizeOrNull(e.getKey());
            if (key == null) {
                throw new HeaderErrorException(HeaderError.INVALID_SYNTAX, "invalid header name");
            }
            if (f.forbidden.forbids(key)) {
                continue;
            }
            checkValue(e.getValue());
            f.entries.add(new Entry(key, e.getValue().clone()));
        }
        f.immutable = true;
        return f;
    }

    /** {@code get}: all values of {@code name} in order; an invalid name simply has no values. */
    public List<byte[]> get(String name) {
        String key = normalizeOrNull(name);
        List<byte[]> out = new ArrayList<>();
        if (key != null) {
            for (Entry e : entries) {
                if (e.name.equals(key)) {
                    out.add(e.value.clone());
                }
            }
        }
        return out;
    }

    /** {@code has}. */
    public boolean has(String name) {
        String key = normalizeOrNull(name);
        if (key == null) {
            return false;
        }
        for (Entry e : entries) {
            if (e.name.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** {@code set}: replaces all values of {@code name}; all-or-nothing if a value is invalid. */
    public void set(String name, List<byte[]> values) throws HeaderErrorException {
        String key = checkMutation(name);
        for (byte[] v : values) {
            checkValue(v);
        }
        int at = indexOfFirst(key);
        entries.removeIf(e -> e.name.equals(key));
        if (at < 0 || at > entries.size()) {
            at = entries.size();
        }
        List<Entry> added = new ArrayList<>(values.size());
        for (byte[] v : values) {
            added.add(new Entry(key, v.clone()));
        }
        entries.addAll(at, added);
    }

    /** {@code delete}: removes every value of {@code name} (absent is fine). */
    public void delete(String name) throws HeaderErrorException {
        String key = checkMutation(name);
        entries.removeIf(e -> e.name.equals(key));
    }

    /** {@code append}: adds one more value after the existing ones. */
    public void append(String name, byte[] value) throws HeaderErrorException {
        String key = checkMutation(name);
        checkValue(value);
        entries.add(new Entry(key, value.clone()));
    }

    /** {@code entries}: every (lowercased name, value) pair in order; a name may repeat. */
    public List<java.util.Map.Entry<String, byte[]>> entries() {
        List<java.util.Map.Entry<String, byte[]>> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(java.util.Map.entry(e.name, e.value.clone()));
        }
        return out;
    }

    /** {@code clone}: a mutable deep copy with the same forbidden list. */
    public Fields copy() {
        return new Fields(new ArrayList<>(entries), forbidden, false);
    }

    /** An immutable snapshot (e.g. trailers handed to the gateway, which must not see later guest edits). */
    public Fields immutableCopy() {
        return new Fields(new ArrayList<>(entries), forbidden, true);
    }

    /** Marks these fields immutable: they now belong to a request/response. Irreversible. */
    public void freeze() {
        immutable = true;
    }

    public boolean isImmutable() {
        return immutable;
    }

    public int size() {
        return entries.size();
    }

    /**
     * The single {@code content-length} value if there is exactly one and it is a valid non-negative decimal;
     * -1 if absent; {@link HeaderError#INVALID_SYNTAX} if repeated or malformed.
     */
    public long contentLength() throws HeaderErrorException {
        List<byte[]> values = get("content-length");
        if (values.isEmpty()) {
            return -1;
        }
        if (values.size() > 1) {
            // Identical duplicates are tolerated by RFC 9110, but a guest has no reason to send them.
            throw new HeaderErrorException(HeaderError.INVALID_SYNTAX, "repeated content-length");
        }
        String s = new String(values.get(0), java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HeaderErrorException(HeaderError.INVALID_SYNTAX, "content-length is not a number");
        }
        return Long.parseLong(s);
    }

    private int indexOfFirst(String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Order of checks as in wasmtime: immutable, then syntax, then forbidden. */
    private String checkMutation(String name) throws HeaderErrorException {
        if (immutable) {
            throw new HeaderErrorException(HeaderError.IMMUTABLE, "fields are immutable");
        }
        String key = normalizeOrNull(name);
        if (key == null) {
            throw new HeaderErrorException(HeaderError.INVALID_SYNTAX, "invalid header name");
        }
        if (forbidden.forbids(key)) {
            throw new HeaderErrorException(HeaderError.FORBIDDEN, key);
        }
        return key;
    }

    /** Lowercased name, or null if it is not an RFC 9110 token. */
    static String normalizeOrNull(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return null;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code s} is an RFC 9110 token (a method or header name). */
    public static boolean isToken(String s) {
        return normalizeOrNull(s) != null;
    }

    /** RFC 9110 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
    private static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Like the {@code http} crate behind wasmtime: visible ASCII, obs-text (0x80-0xFF), SP and HTAB only. */
    private static void checkValue(byte[] value) throws HeaderErrorException {
        Objects.requireNonNull(value, "value");
        for (byte b : value) {
            int c = b & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HeaderErrorException(HeaderError.INVALID_SYNTAX, "control byte 0x" + Integer.toHexString(c) + " in value");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Fields[");
        for (Entry e : entries) {
            sb.append(e.name).append(": ").append(new String(e.value, java.nio.charset.StandardCharsets.ISO_8859_1)).append("; ");
        }
        return sb.append(immutable ? "immutable]" : "mutable]").toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fields other) || other.entries.size() != entries.size()) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry a = entries.get(i);
            Entry b = other.entries.get(i);
            if (!a.name.equals(b.name) || !Arrays.equals(a.value, b.value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return entries.size();
    }
}
