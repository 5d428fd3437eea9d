// Helpers for build.sh (run with node from src-test/guests; uses only the pinned jco from node_modules).
//
//   c-component <core.wasm> <out.wasm> <world> <wit-dir>
//       (for C and Rust core modules alike)
//       jco's componentEmbed (WIT into the component-type custom section) + componentNew. The preview1
//       reactor adapter shipped in @bytecodealliance/jco/lib is applied only when the core module imports
//       wasi_snapshot_preview1 (i.e. it uses libc I/O): giving it to a module that does not need it would
//       still merge the adapter's wasi:*@0.2.12 world into the component's imports.
//   world-wit <world> <wit-dir> <out.wit>
//       writes one WIT file whose root package holds only <world> (from wharf-fixtures.wit), its dependencies
//       nested: what rustc's wasm-component-ld takes as --component-type (it cannot pick among several worlds).
//   world <component.wasm>
//       prints {"imports": [...], "exports": [...]} of the component's root world, from jco's componentWit.
//   manifest-hashes <manifest.json>
//       prints "<name> <sourceSha256> <toolchain>" per manifest entry (nothing when there is no manifest).
//   manifest-write <manifest.json> <entries.tsv>
//       writes the manifest, sorted by name, from lines
//       "<name>\t<kind>\t<large>\t<toolchain>\t<component.wasm>\t<sourceSha256>\t<source> <source>..."
//       (wasmSha256, size and world are read from each component).
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { witSource } from './wit-source.mjs';

// jco (and its wasm-tools) load lazily: the manifest commands do not need them
const jco = () => import('@bytecodealliance/jco');

function witFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...witFiles(p));
    else if (e.endsWith('.wit')) out.push(p);
  }
  return out;
}

async function worldOf(bytes) {
  const wit = await (await jco()).componentWit(bytes);
  const m = wit.match(/world root \{([\s\S]*?)\n\}/);
  const imports = [];
  const exports = [];
  for (const line of (m ? m[1] : '').split('\n')) {
    // `import wasi:io/poll@0.2.10;` or, for functions/interfaces inline, `import name: ...` / `export name: func(...)`
    const l = line.trim().match(/^(import|export)\s+([^:;\s]+(?::[^;\s{]+)?)\s*[;:{]?/);
    if (!l) continue;
    let name = l[2];
    if (!name.includes('/') && name.endsWith(':')) name = name.slice(0, -1);
    (l[1] === 'import' ? imports : exports).push(name.replace(/;$/, ''));
  }
  return { imports, exports };
}

const [cmd, ...args] = process.argv.slice(2);
switch (cmd) {
  case 'c-component': {
    const [core, out, world, witDir] = args;
    const bytes = readFileSync(core);
    const src = witSource(join(witDir, 'wharf-fixtures.wit'), witFiles(join(witDir, 'deps')));
    const needsAdapter = WebAssembly.Module.imports(new WebAssembly.Module(bytes)).some(
      (i) => i.module === 'wasi_snapshot_preview1',
    );
    const { componentEmbed, componentNew, preview1AdapterReactorPath } = await jco();
    const embedded = await componentEmbed({ binary: bytes, witSource: src, world, stringEncoding: 'utf8' });
    const adapters = needsAdapter
      ? [['wasi_snapshot_preview1', readFileSync(preview1AdapterReactorPath())]]
      : [];
    writeFileSync(out, await componentNew(embedded, adapters));
    break;
  }
  case 'world-wit': {
    const [world, witDir, out] = args;
    const root = readFileSync(join(witDir, 'wharf-fixtures.wit'), 'utf8');
    const pkg = root.match(/^package\s+[^;]+;/m);
    const body = root.match(new RegExp(`^world ${world} \\{[\\s\\S]*?^\\}`, 'm'));
    if (!pkg || !body) throw new Error(`no world ${world} in wharf-fixtures.wit`);
    const single = join(witDir, `.${world}.wit`);
    writeFileSync(single, `${pkg[0]}\n\n${body[0]}\n`);
    writeFileSync(out, witSource(single, witFiles(join(witDir, 'deps'))));
    break;
  }
  case 'world': {
    console.log(JSON.stringify(await worldOf(readFileSync(args[0]))));
    break;
  }
  case 'manifest-hashes': {
    const [file] = args;
    if (!existsSync(file)) break;
    for (const e of JSON.parse(readFileSync(file, 'utf8')).fixtures ?? []) console.log(`${e.name} ${e.sourceSha256} ${e.toolchain}`);
    break;
  }
  case 'manifest-write': {
    const [file, tsv] = args;
    const fixtures = [];
    for (const line of readFileSync(tsv, 'utf8').split('\n').filter(Boolean)) {
      const [name, kind, large, toolchain, wasm, sourceSha256, sources] = line.split('\t');
      const bytes = readFileSync(wasm);
      fixtures.push({
        name,
        kind,
        source: sources.split(' '),
        sourceSha256,
        wasmSha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        large: large === 'true',
        toolchain,
        world: await worldOf(bytes),
      });
    }
    fixtures.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // the format (and the sourceSha256 definition) is documented in build.sh and README.md
    const manifest = {
      fixtures,
    };
    writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
    break;
  }
  default:
    console.error(`unknown command ${cmd}`);
    process.exit(2);
}
