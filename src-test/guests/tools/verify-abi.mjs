// Round-trips every function of the abi-* WAT fixtures through jco's JS host (an independent Canonical
// ABI implementation): node tools/verify-abi.mjs   (run from src-test/guests after build.sh)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deepStrictEqual as eq } from 'node:assert';
import { transpile } from '@bytecodealliance/jco';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const fixtures = resolve(import.meta.dirname, '../../fixtures');
const work = mkdtempSync(join(tmpdir(), 'wharf-abi-'));
async function load(name) {
  const { files } = await transpile(readFileSync(join(fixtures, `${name}.wasm`)), { name, quiet: true });
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(join(work, name, file, '..'), { recursive: true });
    writeFileSync(join(work, name, file), bytes);
  }
  return import(pathToFileURL(join(work, name, `${name}.js`)).href);
}
let checks = 0;
const check = (actual, expected) => { eq(actual, expected); checks++; };
try {
  const { scalars: s } = await load('abi-scalars');
  check(s.echoBool(true), true); check(s.notBool(true), false);
  check(s.echoS8(-128), -128); check(s.echoU8(255), 255); check(s.echoS16(-32768), -32768); check(s.echoU16(65535), 65535);
  check(s.echoS32(-2147483648), -2147483648); check(s.echoU32(4294967295), 4294967295);
  check(s.echoS64(-(2n ** 63n)), -(2n ** 63n)); check(s.echoU64(2n ** 64n - 1n), 2n ** 64n - 1n);
  check(s.echoF32(1.5), 1.5); check(s.echoF64(Math.PI), Math.PI); check(s.echoChar('🦀'), '🦀');
  check(s.addOneU32(4294967295), 0); check(s.negateS64(5n), -5n);

  const { stringsLists: l } = await load('abi-strings-lists');
  check(l.echoString('héllo ✓'), 'héllo ✓'); check(l.stringLen('héllo'), 6);
  check([...l.echoBytes(new Uint8Array([0, 1, 255]))], [0, 1, 255]); check([...l.reverseBytes(new Uint8Array([1, 2, 3]))], [3, 2, 1]);
  check(l.echoStrings(['a', '', 'ccc']), ['a', '', 'ccc']); check([...l.echoU64s(new BigUint64Array([1n, 2n ** 64n - 1n]))], [1n, 2n ** 64n - 1n]);
  for (let k = 0; k < 500; k++) l.echoString('x'.repeat(10000)); // post-return resets the bump allocator

  const { aggregates: a } = await load('abi-aggregates');
  check(a.echoPoint({ x: -1, y: 2 }), { x: -1, y: 2 }); check(a.pointAdd({ x: 1, y: 2 }, { x: 10, y: 20 }), { x: 11, y: 22 });
  check(a.echoItem({ name: 'nut', qty: 7, price: 1.25 }), { name: 'nut', qty: 7, price: 1.25 });
  check(a.echoTuple([-7, 't']), [-7, 't']);
  for (const v of [{ tag: 'circle', val: 2.5 }, { tag: 'rect', val: { x: 3, y: 4 } }, { tag: 'none' },
    { tag: 'items', val: [{ name: 'a', qty: 1, price: 0.5 }, { name: 'bb', qty: 2, price: 1e100 }] }]) check(a.echoShape(v), v);
  check(a.echoColor('blue'), 'blue'); check(a.echoOptionU32(5), 5); check(a.echoOptionU32(undefined), undefined);
  check(a.echoOptionString('s'), 's'); check(a.echoOptionString(undefined), undefined);
  check(a.echoResult({ tag: 'ok', val: 42 }), 42);
  try { a.echoResult({ tag: 'err', val: 'bad' }); throw new Error('expected err'); } catch (e) { check(e.payload, 'bad'); }
  check(a.echoSmallFlags({ a: true, c: true }), { a: true, b: false, c: true });
  check(a.echoMediumFlags({ m11: true }).m11, true); check(a.echoBigFlags({ f31: true, f0: true }).f31, true);

  const { resources: r } = await load('abi-resources');
  const c = new r.Counter(41);
  check(c.increment(), 42); check(c.get(), 42); check(r.readCounter(c), 42); check(r.droppedCount(), 0);
  check(r.consume(new r.Counter(7)), 7); check(r.droppedCount(), 1);
  c[Symbol.dispose](); check(r.droppedCount(), 2);

  const { spill: p } = await load('abi-spill');
  check(p.sum17(...Array.from({ length: 17 }, (_, k) => k + 1)), 153n);
  const mixed = [200, -300, 4000000000, -9000000000000n, 1.5, Math.E, 'Ж', true, 'spilled ✓', new Uint8Array([9, 8, 7]), 2n ** 64n - 1n, 1, 2, 3, 4, 5, 6];
  const back = p.echoMixed(...mixed);
  back[9] = new Uint8Array(back[9]);
  check(back, mixed);
  console.log(`abi fixtures: ${checks} round-trip checks passed`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
