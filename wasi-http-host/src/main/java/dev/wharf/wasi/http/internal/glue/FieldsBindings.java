package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Caller;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.fields.Fields;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code wasi:http/types.fields} ({@code headers}, {@code trailers}): a {@link Fields}. */
public final class FieldsBindings {
    private static final String HE = "header-error";

    private FieldsBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.FIELDS, null);
        b.fn(t, "[constructor]fields", "func() -> own<fields>", (c, a) -> c.resources(Wasi.FIELDS).insert(new Fields()));
        b.fn(t, "[static]fields.from-list", "func(entries: list<tuple<string, list<u8>>>) -> result<own<fields>, " + HE + ">",
                (c, a) -> {
                    List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
                    for (WitValue e : Values.list(a.get(0))) {
                        List<WitValue> pair = ((WitValue.TupleValue) e).elements();
                        entries.add(new AbstractMap.SimpleImmutableEntry<>(Values.str(pair.get(0)), Values.bytes(pair.get(1))));
                    }
                    return WitValue.ok(c.resources(Wasi.FIELDS).insert(Fields.fromList(entries)));
                });
        b.fn(t, "[method]fields.get", "func(self: borrow<fields>, name: string) -> list<list<u8>>", (c, a) -> {
            List<WitValue> out = new ArrayList<>();
            for (byte[] v : fields(c, a.get(0)).get(Values.str(a.get(1)))) {
                out.add(WitValue.bytes(v));
            }
            return WitValue.list(out);
        });
        b.fn(t, "[method]fields.has", "func(self: borrow<fields>, name: string) -> bool",
                (c, a) -> WitValue.bool(fields(c, a.get(0)).has(Values.str(a.get(1)))));
        b.fn(t, "[method]fields.set", "func(self: borrow<fields>, name: string, value: list<list<u8>>) -> result<_, " + HE + ">",
                (c, a) -> {
                    List<byte[]> values = new ArrayList<>();
                    for (WitValue v : Values.list(a.get(2))) {
                        values.add(Values.bytes(v));
                    }
                    fields(c, a.get(0)).set(Values.str(a.get(1)), values);
                    return WitValue.ok();
                });
        b.fn(t, "[method]fields.delete", "func(self: borrow<fields>, name: string) -> result<_, " + HE + ">", (c, a) -> {
            fields(c, a.get(0)).delete(Values.str(a.get(1)));
            return WitValue.ok();
        });
        b.fn(t, "[method]fields.append", "func(self: borrow<fields>, name: string, value: list<u8>) -> result<_, " + HE + ">",
                (c, a) -> {
                    fields(c, a.get(0)).append(Values.str(a.get(1)), Values.bytes(a.get(2)));
                    return WitValue.ok();
                });
        b.fn(t, "[method]fields.entries", "func(self: borrow<fields>) -> list<tuple<string, list<u8>>>", (c, a) -> {
            List<WitValue> out = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : fields(c, a.get(0)).entries()) {
                out.add(WitValue.tuple(WitValue.string(e.getKey()), WitValue.bytes(e.getValue())));
            }
            return WitValue.list(out);
        });
        b.fn(t, "[method]fields.clone", "func(self: borrow<fields>) -> own<fields>",
                (c, a) -> c.resources(Wasi.FIELDS).insert(fields(c, a.get(0)).copy()));
    }

    static Fields fields(Caller c, WitValue handle) {
        return c.<Fields>resources(Wasi.FIELDS).get(handle);
    }
}
