package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.io.Poll;
import dev.wharf.wasi.http.internal.io.Pollable;
import java.util.ArrayList;
import java.util.List;

/** {@code wasi:io/poll}: {@code pollable} is a {@link Pollable}; {@code poll} is {@link Poll#poll}. */
public final class PollBindings {
    private PollBindings() {}

    public static void register(Binder b) {
        b.resource(Wasi.IO_POLL, Wasi.POLLABLE, null);
        b.fn(Wasi.IO_POLL, "[method]pollable.ready", "func(self: borrow<pollable>) -> bool",
                (c, a) -> WitValue.bool(c.<Pollable>resources(Wasi.POLLABLE).get(a.get(0)).ready()));
        b.fn(Wasi.IO_POLL, "[method]pollable.block", "func(self: borrow<pollable>)", (c, a) -> {
            Poll.block(c.<Pollable>resources(Wasi.POLLABLE).get(a.get(0)));
            return null;
        });
        b.fn(Wasi.IO_POLL, "poll", "func(in: list<borrow<pollable>>) -> list<u32>", (c, a) -> {
            List<Pollable> in = new ArrayList<>();
            for (WitValue p : Values.list(a.get(0))) {
                in.add(c.<Pollable>resources(Wasi.POLLABLE).get(p));
            }
            int[] ready = Poll.poll(in);
            List<WitValue> out = new ArrayList<>(ready.length);
            for (int i : ready) {
                out.add(WitValue.u32(i));
            }
            return WitValue.list(out);
        });
    }
}
