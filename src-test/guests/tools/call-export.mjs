// Calls one exported function of a component on jco's JS host (transpiled, WASI from preview2-shim) and prints
// its result as one line "RESULT <json>" (or "TRAP <message>"), for ForeignComponentsTest's comparisons:
//   node tools/call-export.mjs <component.wasm> <interface or ""> <function> '<json array of arguments>'
// 64-bit integers are passed and printed as decimal strings.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco';

const [file, iface, fn, argsJson] = process.argv.slice(2);
const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const work = mkdtempSync(join(tmpdir(), 'wharf-call-'));
try {
  const { files } = await transpile(readFileSync(file), { name: 'component', quiet: true });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(work, name)), { recursive: true });
    writeFileSync(join(work, name), bytes);
  }
  // the transpiled module imports @bytecodealliance/preview2-shim; make it resolvable from the temp directory
  const shim = resolve(fileURLToPath(import.meta.resolve('@bytecodealliance/preview2-shim')), '../../../');
  mkdirSync(join(work, 'node_modules', '@bytecodealliance'), { recursive: true });
  symlinkSync(shim, join(work, 'node_modules', '@bytecodealliance', 'preview2-shim'), 'dir');
  const module = await import(pathToFileURL(join(work, 'component.js')).href);
  const target = iface ? module[iface] : module;
  const args = JSON.parse(argsJson).map((a) => (typeof a === 'string' && /^-?\d+n$/.test(a) ? BigInt(a.slice(0, -1)) : a));
  let out;
  try {
    // a resource's static function "[static]r.f" is the static method f of the class R
    const stat = fn.match(/^\[static\]([^.]+)\.(.+)$/);
    const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
    const result = stat ? target[pascal(stat[1])][camel(stat[2])](...args) : target[camel(fn)](...args);
    out = 'RESULT ' + JSON.stringify(result === undefined ? null : result, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch (e) {
    out = 'TRAP ' + String(e && e.message ? e.message : e).split('\n')[0];
  }
  process.stdout.write('\n' + out + '\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
