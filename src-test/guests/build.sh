#!/usr/bin/env bash
# Builds every Wharf guest fixture component from the sources in src-test/guests/.
#
#   build.sh            build what is missing or stale (idempotent; installs the toolchains when missing)
#   build.sh --force    rebuild every fixture
#   build.sh --check    rebuild every small fixture into a temp dir and fail if any differs from the
#                       committed binary in src-test/fixtures/, or if any manifest sourceSha256 is stale
#
# Fixtures (name = file stem):
#   c/<name>.c        C: Debian clang --target=wasm32-wasi + wasi-libc -> core module, then jco's
#                     componentEmbed (WIT world) + componentNew (preview1 reactor adapter only if needed)
#   js/<name>/        JS: componentize-js (StarlingMonkey); entry point index.js
#   wat/<name>.wat    component text: jco parse, then jco wit must decode it
#   rust/<name>.rs    Rust: Debian rustc --target wasm32-wasi (preview1 std, single-file cdylib crate, no
#                     Cargo, no crates) -> core module, then the same jco steps as C (the preview1 reactor
#                     adapter always: Rust std imports preview1); rust/wasi_http.rs is the shared ABI glue
#   rust-p2/<name>.rs Rust for wasm32-wasip2: rustup's rustc, linked by its own wasm-component-ld (the component is
#                     made by the Rust toolchain, no jco, no adapter), #![no_std] + alloc. That target's rust-std
#                     cannot be installed here, so core and alloc are built for it (RUSTC_BOOTSTRAP, like
#                     -Zbuild-std) from the toolchain's own sources, recovered from its rust-docs source pages
#                     (tools/rustdoc-src.mjs); rust-p2/sysroot/compiler_builtins.rs stands in for that crate.
#                     Each fixture is a handler source from rust/ plus rust-p2/runtime.rs (allocator, panic, print).
# The WIT world of a C fixture is the `wharf-world: <world>` marker in its source (default http-fixture);
# the worlds are in wit/wharf-fixtures.wit.
#
# Outputs: small fixtures (c, wat) -> src-test/fixtures/<name>.wasm (committed); large ones (js, ~12 MB)
# -> ${WHARF_FIXTURE_CACHE:-$HOME/.cache/wharf/fixtures}/<name>-<first 16 hex of sourceSha256>.wasm,
# symlinked at src-test/fixtures/large/<name>.wasm (git-ignored). src-test/fixtures/manifest.json lists all.
#
# sourceSha256 (manifest field), precisely: the lowercase hex SHA-256 of the byte concatenation, with no
# separators, of the files in the entry's `source` list, in that order; paths are relative to
# src-test/guests/. The list is:
#   c:   c/<name>.c, c/wasi_http.h, wit/wharf-fixtures.wit, [wit/deps/keyvalue/keyvalue.wit for
#        kv-fixture | wit/deps/config/store.wit for config-fixture], package-lock.json
#   js:  every file under js/<name>/ (sorted by path, byte order), wit/wharf-fixtures.wit, package-lock.json
#   wat: wat/<name>.wat, package-lock.json
#   rust: rust/<name>.rs, rust/wasi_http.rs, wit/wharf-fixtures.wit, package-lock.json
#   rust-p2: rust-p2/<name>.rs, the rust/*.rs files it includes (#[path]), rust/wasi_http.rs, rust-p2/runtime.rs,
#        rust-p2/sysroot/compiler_builtins.rs, wit/wharf-fixtures.wit, package-lock.json
# (package-lock.json pins the toolchain, so bumping componentize-js/jco makes every fixture stale.)
set -euo pipefail

GUESTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FIXTURES="$(cd "$GUESTS/.." && pwd)/fixtures"
CACHE="${WHARF_FIXTURE_CACHE:-$HOME/.cache/wharf/fixtures}"
MANIFEST="$FIXTURES/manifest.json"

MODE=build
for arg in "$@"; do
  case "$arg" in
    --force) MODE=force ;;
    --check) MODE=check ;;
    -h | --help)
      sed -n '2,8p' "$0"
      exit 0
      ;;
    *)
      echo "build.sh: unknown argument $arg (use --force or --check)" >&2
      exit 2
      ;;
  esac
done

log() { echo "[guests] $*" >&2; }
die() {
  echo "[guests] ERROR: $*" >&2
  exit 1
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/wharf-guests.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# ------------------------------------------------------------------------------------ toolchains

# rustc + libstd-rust-dev-wasm32: Debian's Rust 1.63 with the wasm32-wasi (preview1) std, for rust/ fixtures
APT_PACKAGES=(clang lld wasi-libc libclang-rt-14-dev-wasm32 rustc libstd-rust-dev-wasm32)

ensure_apt() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  log "installing apt packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_npm() {
  command -v node >/dev/null || die "node (>= 20) is required"
  command -v npm >/dev/null || die "npm is required"
  local stamp="$GUESTS/node_modules/.wharf-lock-sha256" want
  want="$(cat "$GUESTS/package.json" "$GUESTS/package-lock.json" | sha256sum | cut -c1-64)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  log "installing npm tools (npm ci)"
  (cd "$GUESTS" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$want" >"$stamp"
}

ensure_apt
ensure_npm

JCO_DIR="$GUESTS/node_modules/@bytecodealliance/jco"
CJS_DIR="$GUESTS/node_modules/@bytecodealliance/componentize-js"
JCO=(node "$JCO_DIR/dist/jco.js")
TOOL=(node "$GUESTS/tools/fixture-tool.mjs")
pkg_version() { node -p "require('$1/package.json').version"; }
JCO_VERSION="$(pkg_version "$JCO_DIR")"
CJS_VERSION="$(pkg_version "$CJS_DIR")"

CLANG="$(command -v clang-14 || command -v clang)" || die "clang not found"
CLANG_VERSION="$("$CLANG" --version | head -1 | grep -o '[0-9][0-9.]*' | head -1)"
WASI_LIBC_VERSION="$(dpkg-query -W -f='${Version}' wasi-libc 2>/dev/null || echo unknown)"
SYSROOT_FLAGS=()
# Debian's clang finds wasi-libc in /usr/{include,lib}/wasm32-wasi by itself; other layouts use a sysroot
if [ -d /usr/share/wasi-sysroot ]; then SYSROOT_FLAGS=(--sysroot=/usr/share/wasi-sysroot); fi

# Debian's rustc, not a rustup one that may come first on PATH (and lacks the wasm32-wasi target)
RUSTC=/usr/bin/rustc
[ -d "$("$RUSTC" --print sysroot)/lib/rustlib/wasm32-wasi" ] || die "$RUSTC has no wasm32-wasi std (apt-get install libstd-rust-dev-wasm32)"
RUSTC_VERSION="$("$RUSTC" --version | cut -d' ' -f2)"
RUST_STD_VERSION="$(dpkg-query -W -f='${Version}' libstd-rust-dev-wasm32 2>/dev/null || echo unknown)"

TOOLCHAIN_C="clang $CLANG_VERSION + wasi-libc $WASI_LIBC_VERSION + jco $JCO_VERSION"
TOOLCHAIN_JS="componentize-js $CJS_VERSION + jco $JCO_VERSION preview1 reactor adapter"
TOOLCHAIN_RUST="rustc $RUSTC_VERSION + libstd-rust-dev-wasm32 $RUST_STD_VERSION (wasm32-wasi) + jco $JCO_VERSION preview1 reactor adapter"
TOOLCHAIN_WAT="jco $JCO_VERSION (wasm-tools parse)"

# rustup's rustc (not Debian's) for rust-p2/: it knows wasm32-wasip2 and ships wasm-component-ld and the rust-docs
# source pages. Its wasm32-wasip2 rust-std is not needed (and cannot be installed here).
find_rustc_p2() {
  local c sysroot host
  for c in "${WHARF_RUSTC_P2:-}" "$HOME/.cargo/bin/rustc" /usr/local/cargo/bin/rustc; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    sysroot="$("$c" --print sysroot 2>/dev/null)" || continue
    host="$("$c" -vV | sed -n 's/^host: //p')"
    if [ -x "$sysroot/lib/rustlib/$host/bin/wasm-component-ld" ] &&
      [ -f "$sysroot/share/doc/rust/html/src/core/lib.rs.html" ] &&
      "$c" --print target-list | grep -qx wasm32-wasip2; then
      echo "$c"
      return 0
    fi
  done
  return 1
}
RUSTC_P2="$(find_rustc_p2 || true)"
TOOLCHAIN_RUST_P2="none (no rustup rustc with wasm32-wasip2, wasm-component-ld and rust-docs)"
if [ -n "$RUSTC_P2" ]; then
  RUSTC_P2_SYSROOT="$("$RUSTC_P2" --print sysroot)"
  RUSTC_P2_HOST="$("$RUSTC_P2" -vV | sed -n 's/^host: //p')"
  WASM_COMPONENT_LD_VERSION="$("$RUSTC_P2_SYSROOT/lib/rustlib/$RUSTC_P2_HOST/bin/wasm-component-ld" --version | cut -d' ' -f2)"
  TOOLCHAIN_RUST_P2="rustc $("$RUSTC_P2" --version | cut -d' ' -f2) (wasm32-wasip2, no_std: core + alloc built from its own sources) + wasm-component-ld $WASM_COMPONENT_LD_VERSION"
fi

# ------------------------------------------------------------------------------------ WIT

# The wasi:* packages come from the WIT jco ships (lib/wit/builtin/<version>/wasi-<pkg>/package.wit).
# jco 1.35 ships complete 0.2.x WIT only for 0.2.12 (its 0.2.10 folder holds just io, clocks and sockets,
# without their worlds), so the 0.2.10 packages are the 0.2.12 text with the version renamed, minus
# wasi:cli/exit's exit-with-code, which 0.2.10 still gated behind @unstable(feature = cli-exit-with-code).
# Upstream WASI v0.2.10..v0.2.12 changed nothing else in these packages but version numbers.
WASI_WIT_FROM=0.2.12
WASI_WIT_AS=0.2.10
WIT="$WORK/wit"
mkdir -p "$WIT/deps"
cp "$GUESTS/wit/wharf-fixtures.wit" "$WIT/"
cp -r "$GUESTS/wit/deps/." "$WIT/deps/"
for pkg in cli clocks filesystem http io random sockets; do
  src="$JCO_DIR/lib/wit/builtin/$WASI_WIT_FROM/wasi-$pkg/package.wit"
  [ -f "$src" ] || die "jco $JCO_VERSION does not ship $src"
  mkdir -p "$WIT/deps/$pkg"
  sed -e "s/@${WASI_WIT_FROM//./\\.}\\b/@$WASI_WIT_AS/g" -e '/exit-with-code: func/d' "$src" >"$WIT/deps/$pkg/package.wit"
done

# ------------------------------------------------------------------------------------ helpers

ENTRIES="$WORK/entries.tsv"
: >"$ENTRIES"
mkdir -p "$WORK/out"
declare -A SECONDS_BY_KIND=([c]=0 [js]=0 [wat]=0 [rust]=0 [rust-p2]=0)
declare -A BUILT_BY_KIND=([c]=0 [js]=0 [wat]=0 [rust]=0 [rust-p2]=0)
FAILED=()
CHECK_FAILED=()

source_hash() { (cd "$GUESTS" && cat -- "$@" | sha256sum | cut -c1-64); }

declare -A RECORDED_HASH=() RECORDED_TOOLCHAIN=()
while read -r n h tc; do
  RECORDED_HASH[$n]=$h
  RECORDED_TOOLCHAIN[$n]=$tc
done < <("${TOOL[@]}" manifest-hashes "$MANIFEST")

build_c() { # name world out
  local name=$1 world=$2 out=$3
  "$CLANG" --target=wasm32-wasi "${SYSROOT_FLAGS[@]}" -O2 -mexec-model=reactor -Wall -Wextra -Werror \
    -Wl,--strip-debug "$GUESTS/c/$name.c" -o "$WORK/$name.core.wasm" &&
    "${TOOL[@]}" c-component "$WORK/$name.core.wasm" "$out" "wharf:fixtures/$world" "$WIT"
}

build_rust() { # name out
  local name=$1 out=$2
  # Reproducible: no debug info, symbols stripped, one codegen unit, the guests folder remapped out of the
  # panic-location paths; the crate is a cdylib (a reactor: exports, no _start).
  "$RUSTC" --edition 2021 --target wasm32-wasi --crate-type cdylib --crate-name "${name//-/_}" -O \
    -C debuginfo=0 -C strip=symbols -C codegen-units=1 --remap-path-prefix "$GUESTS=." -D warnings \
    "rust/$name.rs" -o "$WORK/$name.core.wasm" >&2 &&
    "${TOOL[@]}" c-component "$WORK/$name.core.wasm" "$out" "wharf:fixtures/http-fixture" "$WIT"
}

# Compiles one library crate of the wasm32-wasip2 sysroot, creating empty the files rustdoc never rendered (Markdown
# pulled in by include_str! for docs, modules compiled out on the host the docs were made on) as rustc asks for them.
compile_sysroot_crate() { # dir crate root.rs rustc-args...
  local dir=$1 crate=$2 root=$3 attempt output missing
  shift 3
  for attempt in 1 2 3 4 5 6; do
    if output="$(cd "$dir" && RUSTC_BOOTSTRAP=1 "$RUSTC_P2" --edition 2024 --crate-type rlib --crate-name "$crate" \
      --target wasm32-wasip2 -O -C debuginfo=0 -C codegen-units=1 -C panic=abort -Zforce-unstable-if-unmarked \
      --cap-lints allow -L . "$@" -o "lib$crate.rlib" "$root" 2>&1)"; then
      return 0
    fi
    missing="$(grep -oE "couldn't read \`[^\`]+\`|create file \"[^\"]+\"" <<<"$output" |
      sed -E 's/^couldn.t read `(.*)`$/\1/; s/^create file "(.*)"$/\1/' | sort -u)"
    if [ -z "$missing" ]; then
      echo "$output" | tail -40 >&2
      return 1
    fi
    while read -r f; do
      mkdir -p "$dir/$(dirname "$f")"
      : >"$dir/$f"
    done <<<"$missing"
  done
  echo "$output" | tail -40 >&2
  return 1
}

# The sysroot (libcore, liballoc, libcompiler_builtins rlibs) for $RUSTC_P2, built once per rustc and cached.
rust_p2_sysroot() {
  local key dir docs
  key="$( ("$RUSTC_P2" -vV && cat "$GUESTS/rust-p2/sysroot/compiler_builtins.rs") | sha256sum | cut -c1-16)"
  dir="$CACHE/rust-wasip2-sysroot-$key"
  if [ ! -f "$dir/liballoc.rlib" ]; then
    log "building core and alloc for wasm32-wasip2 from $("$RUSTC_P2" --version)'s own sources (once per rustc)"
    docs="$RUSTC_P2_SYSROOT/share/doc/rust/html/src"
    local build="$WORK/rust-p2-sysroot"
    rm -rf "$build"
    mkdir -p "$build/library/core"
    node "$GUESTS/tools/rustdoc-src.mjs" "$docs/core" "$build/library/core/src" &&
      node "$GUESTS/tools/rustdoc-src.mjs" "$docs/alloc" "$build/library/alloc/src" || return 1
    # core's pages hold stdarch and portable-simd under core/ (its lib.rs reaches them as ../../<name>)
    mv "$build/library/core/src/stdarch" "$build/library/core/src/portable-simd" "$build/library/"
    cp "$GUESTS/rust-p2/sysroot/compiler_builtins.rs" "$build/"
    compile_sysroot_crate "$build" core library/core/src/lib.rs &&
      compile_sysroot_crate "$build" compiler_builtins compiler_builtins.rs --extern core=libcore.rlib &&
      compile_sysroot_crate "$build" alloc library/alloc/src/lib.rs || return 1
    mkdir -p "$dir.tmp"
    cp "$build"/lib*.rlib "$dir.tmp/"
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

build_rust_p2() { # name out
  local name=$1 out=$2 sysroot
  sysroot="$(rust_p2_sysroot)" || return 1
  "${TOOL[@]}" world-wit http-fixture "$WIT" "$WORK/http-fixture.single.wit" &&
    "$RUSTC_P2" --edition 2021 --target wasm32-wasip2 --crate-type cdylib --crate-name "${name//-/_}" -O \
      -C debuginfo=0 -C codegen-units=1 -C panic=abort --remap-path-prefix "$GUESTS=." -D warnings \
      -L "$sysroot" -C link-arg=--component-type -C "link-arg=$WORK/http-fixture.single.wit" \
      "rust-p2/$name.rs" -o "$out" >&2
}

build_js() { # name out
  local name=$1 out=$2
  # -d stdio: the proxy world's stdout/stderr are imported anyway, but StarlingMonkey's stdio feature goes
  # through jco's preview1 *reactor* adapter, whose fd_fdstat_get pulls wasi:filesystem and
  # wasi:cli/terminal-* imports that are not in wasi:http/proxy.
  (cd "$GUESTS/js/$name" && node "$CJS_DIR/src/cli.js" index.js --wit "$WIT" --world-name http-fixture \
    -d stdio -o "$out" >&2)
}

build_wat() { # name out
  local name=$1 out=$2
  # jco parse does not validate; decoding the WIT validates the component
  "${JCO[@]}" parse "$GUESTS/wat/$name.wat" -o "$out" >&2 &&
    "${JCO[@]}" wit "$out" >"$WORK/$name.wit" || {
    rm -f "$out"
    return 1
  }
}

# fixture <kind> <name> <world> <source>...
fixture() {
  local kind=$1 name=$2 world=$3
  shift 3
  local sources=("$@") hash large=false out toolchain
  hash="$(source_hash "${sources[@]}")"
  case "$kind" in
    c) toolchain=$TOOLCHAIN_C ;;
    js) toolchain=$TOOLCHAIN_JS large=true ;;
    wat) toolchain=$TOOLCHAIN_WAT ;;
    rust) toolchain=$TOOLCHAIN_RUST ;;
    rust-p2) toolchain=$TOOLCHAIN_RUST_P2 ;;
  esac

  if [ "$kind" = rust-p2 ] && [ "$MODE" = check ] && [ "$toolchain" != "${RECORDED_TOOLCHAIN[$name]:-}" ]; then
    # the bytes depend on the exact rustc (a rustup toolchain, not pinned by the Debian snapshot): another one
    # cannot reproduce them, so only the source hash is checked
    log "rust-p2 fixture $name: built with ${RECORDED_TOOLCHAIN[$name]:-?}, this machine has $toolchain: checking its sources only"
    [ "${RECORDED_HASH[$name]:-}" = "$hash" ] ||
      CHECK_FAILED+=("$name: manifest sourceSha256 ${RECORDED_HASH[$name]:-<missing>} != sources $hash (run build.sh)")
    return 0
  fi

  if [ "$MODE" = check ]; then
    local recorded=${RECORDED_HASH[$name]:-}
    if [ "$recorded" != "$hash" ]; then
      CHECK_FAILED+=("$name: manifest sourceSha256 ${recorded:-<missing>} != sources $hash (run build.sh)")
    fi
    [ "$large" = true ] && return 0 # componentize-js output is checked by sourceSha256 only
    out="$WORK/out/$name.wasm"
  elif [ "$large" = true ]; then
    out="$CACHE/$name-${hash:0:16}.wasm"
  else
    out="$FIXTURES/$name.wasm"
  fi

  local stale=false
  if [ "$MODE" != build ] || [ ! -f "$out" ]; then
    stale=true
  elif [ "$large" = false ] && [ "${RECORDED_HASH[$name]:-}" != "$hash" ]; then
    stale=true
  fi

  if [ "$stale" = true ]; then
    log "building $kind fixture $name"
    local t0=$SECONDS tmp="$WORK/$name.new.wasm"
    rm -f "$tmp"
    if case "$kind" in
      c) build_c "$name" "$world" "$tmp" ;;
      js) build_js "$name" "$tmp" ;;
      wat) build_wat "$name" "$tmp" ;;
      rust) build_rust "$name" "$tmp" ;;
      rust-p2) if [ -n "$RUSTC_P2" ]; then build_rust_p2 "$name" "$tmp"; else log "$TOOLCHAIN_RUST_P2" && false; fi ;;
    esac; then
      mkdir -p "$(dirname "$out")"
      mv "$tmp" "$out"
      SECONDS_BY_KIND[$kind]=$((SECONDS_BY_KIND[$kind] + SECONDS - t0))
      BUILT_BY_KIND[$kind]=$((BUILT_BY_KIND[$kind] + 1))
    else
      FAILED+=("$name")
      log "FAILED: $kind fixture $name"
      return 0
    fi
  fi

  if [ "$MODE" = check ]; then
    if ! cmp -s "$out" "$FIXTURES/$name.wasm"; then
      CHECK_FAILED+=("$name: rebuilt binary differs from src-test/fixtures/$name.wasm")
    fi
    return 0
  fi
  if [ "$large" = true ]; then
    mkdir -p "$FIXTURES/large"
    ln -sfn "$out" "$FIXTURES/large/$name.wasm"
  fi
  # a binary that was not rebuilt keeps the toolchain that built it
  [ "$stale" = false ] && [ -n "${RECORDED_TOOLCHAIN[$name]:-}" ] && toolchain=${RECORDED_TOOLCHAIN[$name]}
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$kind" "$large" "$toolchain" "$out" "$hash" "${sources[*]}" >>"$ENTRIES"
}

# ------------------------------------------------------------------------------------ fixtures

cd "$GUESTS"
shopt -s nullglob

for f in c/*.c; do
  name="$(basename "$f" .c)"
  world="$(grep -o 'wharf-world: [a-z-]*' "$f" | head -1 | cut -d' ' -f2 || true)"
  world="${world:-http-fixture}"
  extra=()
  case "$world" in
    kv-fixture) extra=(wit/deps/keyvalue/keyvalue.wit) ;;
    config-fixture) extra=(wit/deps/config/store.wit) ;;
  esac
  fixture c "$name" "$world" "$f" c/wasi_http.h wit/wharf-fixtures.wit "${extra[@]}" package-lock.json
done

for f in wat/*.wat; do
  fixture wat "$(basename "$f" .wat)" - "$f" package-lock.json
done

for f in rust/*.rs; do
  name="$(basename "$f" .rs)"
  [ "$name" = wasi_http ] && continue # the shared glue, not a fixture
  fixture rust "$name" http-fixture "$f" rust/wasi_http.rs wit/wharf-fixtures.wit package-lock.json
done

for f in rust-p2/*.rs; do
  name="$(basename "$f" .rs)"
  [ "$name" = runtime ] && continue # the shared no_std runtime, not a fixture
  mapfile -t handlers < <(grep -oE '#\[path = "\.\./rust/[a-z0-9_-]+\.rs"\]' "$f" | sed -E 's/.*"\.\.\/(.*)".*/\1/')
  fixture rust-p2 "$name" http-fixture "$f" "${handlers[@]}" rust/wasi_http.rs rust-p2/runtime.rs \
    rust-p2/sysroot/compiler_builtins.rs wit/wharf-fixtures.wit package-lock.json
done

for d in js/*/; do
  name="$(basename "$d")"
  [ -f "$d/index.js" ] || die "$d has no index.js"
  mapfile -t files < <(find "${d%/}" -type f | LC_ALL=C sort)
  fixture js "$name" http-fixture "${files[@]}" wit/wharf-fixtures.wit package-lock.json
done

# ------------------------------------------------------------------------------------ report

for kind in c wat rust rust-p2 js; do
  [ "${BUILT_BY_KIND[$kind]}" -gt 0 ] &&
    log "$kind: built ${BUILT_BY_KIND[$kind]} fixture(s) in ${SECONDS_BY_KIND[$kind]}s"
done

if [ "$MODE" = check ]; then
  [ ${#FAILED[@]} -eq 0 ] || die "fixtures failed to build: ${FAILED[*]}"
  if [ ${#CHECK_FAILED[@]} -gt 0 ]; then
    printf '[guests] CHECK FAILED: %s\n' "${CHECK_FAILED[@]}" >&2
    exit 1
  fi
  log "check passed: every small fixture rebuilds byte-identical, manifest sourceSha256 up to date"
  exit 0
fi

[ ${#FAILED[@]} -eq 0 ] || die "fixtures failed to build: ${FAILED[*]} (manifest not updated)"
"${TOOL[@]}" manifest-write "$MANIFEST" "$ENTRIES"
log "fixtures up to date ($(wc -l <"$ENTRIES") in manifest)"
