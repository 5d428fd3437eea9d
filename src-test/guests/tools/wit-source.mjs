// Builds one WIT source text: the root package file as is, then every dependency file as a nested
// `package ns:name@ver { ... }` block,
// so jco's in-process wasm-tools can embed it without reading a directory (jco 1.35's `embed --wit <dir>`
// panics on the path). Each input file must declare exactly one package with `package ...;`.
import { readFileSync } from 'node:fs';

export function witSource(rootFile, files) {
  const root = readFileSync(rootFile, 'utf8');
  const byPkg = new Map();
  for (const f of files) {
    let text = readFileSync(f, 'utf8');
    // strip comments first so the package header is easy to find (doc comments do not change types)
    text = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const m = text.match(/^\s*package\s+([^;{\s]+)\s*;/m);
    if (!m) throw new Error(`${f}: no 'package ...;' header`);
    const body = text.slice(0, m.index) + text.slice(m.index + m[0].length);
    const list = byPkg.get(m[1]) ?? [];
    list.push(body);
    byPkg.set(m[1], list);
  }
  let out = root + '\n';
  for (const [pkg, bodies] of byPkg) out += `package ${pkg} {\n${bodies.join('\n')}\n}\n`;
  return out;
}
