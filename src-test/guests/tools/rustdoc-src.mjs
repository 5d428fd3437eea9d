// Recovers a Rust library's source files from the rustdoc "source" pages a rustup toolchain ships in its rust-docs
// component (share/doc/rust/html/src/<crate>/**/*.rs.html): each page holds one file, line by line, as highlighted
// HTML. Used by build.sh to build core and alloc for wasm32-wasip2 when that target's rust-std (and rust-src) cannot
// be installed: the pages are the sources of the very rustc that compiles them.
//
//   node rustdoc-src.mjs <html-src-dir> <out-dir>
//
// Line-number anchors and tags are dropped and entities decoded; files that rustdoc never rendered (Markdown pulled
// in by include_str! for docs, modules compiled out on the documenting host) are created empty by build.sh.
import { readFileSync, writeFileSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';

const [srcDir, outDir] = process.argv.slice(2);
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (ENTITIES[e] ?? m),
  );

let count = 0;
function walk(dir) {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!entry.endsWith('.rs.html')) continue;
    const page = readFileSync(path, 'utf8');
    const m = page.match(/<pre class="rust"><code>([\s\S]*?)<\/code><\/pre>/);
    if (!m) throw new Error(`${path}: no source listing`);
    let text = decode(m[1].replace(/<a href=#\d+ id=\d+ data-nosnippet>\d+<\/a>/g, '').replace(/<[^>]+>/g, ''));
    if (!text.endsWith('\n')) text += '\n';
    const out = join(outDir, relative(srcDir, path).slice(0, -'.html'.length));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    count++;
  }
}
walk(srcDir);
console.error(`[rustdoc-src] ${count} files from ${srcDir}`);
