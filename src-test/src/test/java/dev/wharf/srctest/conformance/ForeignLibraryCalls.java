package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentExtern;
import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Trap;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.values.WitValue;
import dev.wharf.srctest.fixtures.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The exported functions of a foreign library component whose parameters and result are integers, bools or strings,
 * called with fixed arguments on Wharf and on jco ({@code src-test/guests/tools/call-export.mjs}). jco is called
 * twice: a function whose two answers differ there (time, randomness) is only reported. Otherwise Wharf must give
 * the same result, or trap where jco traps.
 */
final class ForeignLibraryCalls {

    private static final Set<PrimitiveType> SIMPLE = Set.of(PrimitiveType.BOOL, PrimitiveType.S8, PrimitiveType.U8,
            PrimitiveType.S16, PrimitiveType.U16, PrimitiveType.S32, PrimitiveType.U32, PrimitiveType.S64,
            PrimitiveType.U64, PrimitiveType.STRING);
    private static final String TRAP = "TRAP";

    /** One callable export: {@code iface} is empty for a function exported by the component itself. */
    record Callable(String iface, String name, FuncType type) {
        String label() {
            return iface.isEmpty() ? name : iface + "#" + name;
        }
    }

    private ForeignLibraryCalls() {
    }

    /** Methods and constructors need a resource handle first: only free functions and resources' statics are called. */
    private static boolean callable(String name) {
        return !name.startsWith("[method]") && !name.startsWith("[constructor]");
    }

    static List<Callable> callables(List<ComponentExtern> exports) {
        List<Callable> out = new ArrayList<>();
        for (ComponentExtern e : exports) {
            if (e.type() instanceof FuncType f && simple(f) && callable(e.name())) {
                out.add(new Callable("", e.name(), f));
            } else if (e.type() instanceof InstanceType instance) {
                instance.exports().forEach((name, t) -> {
                    if (t instanceof FuncType f && simple(f) && callable(name)) {
                        out.add(new Callable(e.name(), name, f));
                    }
                });
            }
        }
        return out;
    }

    private static boolean simple(FuncType f) {
        return !f.async() && f.params().stream().allMatch(p -> SIMPLE.contains(p.type()))
                && f.result().map(SIMPLE::contains).orElse(true);
    }

    /** Calls {@code c} on {@code instance} (a fresh one per call) and, when jco is installed, compares. */
    static void check(Path file, Callable c, ComponentInstance instance, ForeignReport report) throws Exception {
        List<WitValue> args = new ArrayList<>();
        List<String> jsonArgs = new ArrayList<>();
        for (int i = 0; i < c.type().params().size(); i++) {
            ValType t = c.type().params().get(i).type();
            args.add(argument((PrimitiveType) t, i));
            jsonArgs.add(json((PrimitiveType) t, i));
        }
        String wharf;
        String trapped = "";
        try {
            WitValue result = c.iface().isEmpty()
                    ? instance.function(c.name()).call(args)
                    : instance.function(c.iface(), c.name()).call(args);
            wharf = c.type().result().isEmpty() ? "null" : show(result);
        } catch (Trap trap) {
            wharf = TRAP;
            trapped = " [" + trap.getMessage() + "]";
        }
        if (!JcoServe.available()) {
            report.note(c.label(), wharf + trapped);
            return;
        }
        String first = callOnJco(file, c, jsonArgs);
        String second = callOnJco(file, c, jsonArgs);
        if (first.startsWith("(jco failed")) {
            report.note(c.label(), wharf + trapped + " " + first);
            return;
        }
        if (!first.equals(second)) {
            report.note(c.label(), wharf + trapped + " (jco not deterministic: " + first + ", " + second + ")");
            return;
        }
        report.note(c.label(), wharf + trapped + (wharf.equals(first) ? " (= jco)" : " (jco: " + first + ")"));
        assertThat(wharf).as(c.label() + "(" + String.join(", ", jsonArgs) + ") on Wharf and on jco").isEqualTo(first);
    }

    private static WitValue argument(PrimitiveType t, int i) {
        int n = 3 + i;
        return switch (t) {
            case BOOL -> WitValue.bool(true);
            case S8 -> WitValue.s8(n);
            case U8 -> WitValue.u8(n);
            case S16 -> WitValue.s16(n);
            case U16 -> WitValue.u16(n);
            case S32 -> WitValue.s32(n);
            case U32 -> WitValue.u32(n);
            case S64 -> WitValue.s64(n);
            case U64 -> WitValue.u64(n);
            case STRING -> WitValue.string("wharf-" + i);
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    private static String json(PrimitiveType t, int i) {
        return switch (t) {
            case BOOL -> "true";
            case S64, U64 -> "\"" + (3 + i) + "n\"";
            case STRING -> "\"wharf-" + i + "\"";
            default -> Integer.toString(3 + i);
        };
    }

    /** As call-export.mjs prints it: JSON, 64-bit integers as decimal strings. */
    private static String show(WitValue v) {
        return switch (v) {
            case WitValue.Bool b -> Boolean.toString(b.value());
            case WitValue.S8 x -> Byte.toString(x.value());
            case WitValue.U8 x -> Integer.toString(x.value());
            case WitValue.S16 x -> Short.toString(x.value());
            case WitValue.U16 x -> Integer.toString(x.value());
            case WitValue.S32 x -> Integer.toString(x.value());
            case WitValue.U32 x -> Long.toString(x.asLong());
            case WitValue.S64 x -> "\"" + x.value() + "\"";
            case WitValue.U64 x -> "\"" + Long.toUnsignedString(x.bits()) + "\"";
            case WitValue.Str s -> jsonString(s.value());
            default -> v.toString();
        };
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String callOnJco(Path file, Callable c, List<String> jsonArgs) throws IOException, InterruptedException {
        Path guests = Fixtures.guestsDir();
        Process p = new ProcessBuilder("node", guests.resolve("tools/call-export.mjs").toString(), file.toString(),
                c.iface(), c.name(), "[" + String.join(",", jsonArgs) + "]")
                .directory(guests.toFile()).redirectErrorStream(true)
                // an empty stdin, as Wharf gives: a guest reading it sees its end instead of waiting
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        reader.join(10_000);
        String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
        return text.lines().filter(l -> l.startsWith("RESULT ") || l.startsWith("TRAP ")).reduce((a, b) -> b)
                .map(l -> l.startsWith(TRAP) ? TRAP : l.substring("RESULT ".length()))
                .orElse("(jco failed: " + text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output") + ")");
    }
}
