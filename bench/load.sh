#!/usr/bin/env bash
# HTTP load on loopback: hello-c and hello-js served by Wharf's developer mode (./wharf serve), by
# `jco serve` (the reference host: jco's transpiled component on Node), and by a plain Spring WebFlux
# handler that returns the same bytes with no component (the gateway's floor), side by side in one run,
# with the same wrk connections and threads for every target. Prints requests/s, p50 and p99 latency,
# and the ratios Wharf / jco and Wharf / WebFlux.
#
#   bash bench/load.sh                 # 5 s warm-up + 10 s measured per target (about 2.5 minutes)
#   bash bench/load.sh --long          # 15 s warm-up + 60 s measured per target (about 10 minutes)
#   bash bench/load.sh -d 20 -w 5      # measured / warm-up seconds per target
#   bash bench/load.sh -c 32 -t 2      # wrk connections / threads (default 16 / 2)
#   bash bench/load.sh hello-c         # one fixture only (hello-c or hello-js)
#
# Needs, from a fresh clone: ./mvnw -q -o package -DskipTests -Dwharf.fixtures.skipBuild=true (the exec
# jar platform-app/target/wharf-platform-exec.jar and src-test/target/test-classes, where the plain
# WebFlux server lives), the fixtures (src-test/fixtures/hello-c.wasm, src-test/fixtures/large/hello-js.wasm
# and jco in src-test/guests/node_modules: bash src-test/guests/build.sh), Node.js, curl, and wrk
# (installed with apt-get when missing, as build.sh installs its tools). Without hello-js.wasm the JS
# rows are skipped. Everything listens on 127.0.0.1 only.
#
# jco serve runs with --isolate-requests instance: a fresh component instance per request, as Wharf
# does today (hello-js needs it: a componentize-js instance traps on its second request). For hello-c
# the script also measures jco's default mode, one instance reused for every request.
# Results: target/bench/load.md (the table) and target/bench/load-*.txt (wrk's output per target).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

duration=10
warmup=5
connections=16
threads=2
fixtures=()
while [ $# -gt 0 ]; do
  case "$1" in
    --long) duration=60; warmup=15 ;;
    -d) duration=$2; shift ;;
    -w) warmup=$2; shift ;;
    -c) connections=$2; shift ;;
    -t) threads=$2; shift ;;
    hello-c | hello-js) fixtures+=("$1") ;;
    -h | --help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "load.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#fixtures[@]} -gt 0 ] || fixtures=(hello-c hello-js)

. "$root/.mvn/wrapper/select-jdk.sh"
java="${JAVA_HOME:?no JDK found}/bin/java"
jar="$root/platform-app/target/wharf-platform-exec.jar"
classes="$root/src-test/target/test-classes"
jco="$root/src-test/guests/node_modules/.bin/jco"
out="$root/target/bench"
mkdir -p "$out"

for need in "$jar" "$classes/dev/wharf/srctest/bench/PlainWebFluxServer.class"; do
  if [ ! -e "$need" ]; then
    echo "load.sh: $need is missing; run ./mvnw -q -o package -DskipTests -Dwharf.fixtures.skipBuild=true" >&2
    exit 2
  fi
done
if [ ! -x "$jco" ]; then
  echo "load.sh: $jco is missing; run bash src-test/guests/build.sh" >&2
  exit 2
fi
if ! command -v wrk >/dev/null; then
  echo "== installing wrk (apt-get)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || { echo "load.sh: needs curl" >&2; exit 2; }

# Servers this script started (process group leaders), stopped on exit whatever happens.
pids=()
stop_all() {
  for p in "${pids[@]+"${pids[@]}"}"; do
    kill -- "-$p" 2>/dev/null || true
  done
  for p in "${pids[@]+"${pids[@]}"}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 -- "-$p" 2>/dev/null || true
  done
  pids=()
}
trap stop_all EXIT INT TERM

free_port() {
  local p
  for p in $(seq 18400 18499); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "load.sh: no free port in 18400-18499" >&2
  exit 1
}

# start <log> <command...>: runs it in its own process group (so jco's second Node process goes too).
start() {
  local log=$1
  shift
  setsid "$@" >"$log" 2>&1 &
  pids+=($!)
}

wait_ready() { # <url> <log>
  for _ in $(seq 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" = 200 ]; then return 0; fi
    sleep 0.5
  done
  echo "load.sh: $1 did not answer 200 within 120 s; its log:" >&2
  tail -20 "$2" >&2
  exit 1
}

# measure <label> <url>: warm-up, then the measured wrk run; appends a row "label rps p50 p99 non2xx errors".
rows=()
measure() {
  local label=$1 url=$2 file="$out/load-$1.txt"
  wrk -t "$threads" -c "$connections" -d "${warmup}s" "$url" >/dev/null
  wrk -t "$threads" -c "$connections" -d "${duration}s" --latency "$url" >"$file"
  local rps p50 p99 non2xx errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
  p50=$(awk '$1 == "50%" {print $2}' "$file")
  p99=$(awk '$1 == "99%" {print $2}' "$file")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
  errors=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$file")
  rows+=("$label ${rps:-0} ${p50:-?} ${p99:-?} ${non2xx:-0} ${errors:-0}")
  printf '   %-22s %10s req/s   p50 %8s   p99 %8s   non-2xx %s   socket errors %s\n' \
    "$label" "${rps:-0}" "${p50:-?}" "${p99:-?}" "${non2xx:-0}" "${errors:-0}"
}

fixture_file() {
  case "$1" in
    hello-c) echo "$root/src-test/fixtures/hello-c.wasm" ;;
    hello-js) echo "$root/src-test/fixtures/large/hello-js.wasm" ;;
  esac
}
fixture_body() {
  case "$1" in
    hello-c) echo "hello from c" ;;
    hello-js) echo "hello from js" ;;
  esac
}

echo "== load.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(nproc) cores, $(uname -sr)"
echo "   JDK: $("$java" -version 2>&1 | head -1); Node $(node --version); jco $("$jco" --version); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "   wrk -t $threads -c $connections; warm-up ${warmup} s, measured ${duration} s per target"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

for f in "${fixtures[@]}"; do
  wasm=$(fixture_file "$f")
  if [ ! -f "$wasm" ]; then
    echo "== $f: $wasm is missing (bash src-test/guests/build.sh), skipped"
    continue
  fi
  echo "== $f"

  port=$(free_port)
  start "$out/server-wharf-$f.log" "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" serve "$wasm" --port "$port"
  wait_ready "http://127.0.0.1:$port/" "$out/server-wharf-$f.log"
  measure "wharf-$f" "http://127.0.0.1:$port/"
  stop_all

  port=$(free_port)
  start "$out/server-jco-$f.log" "$jco" serve "$wasm" --port "$port" --host 127.0.0.1 --isolate-requests instance
  wait_ready "http://127.0.0.1:$port/" "$out/server-jco-$f.log"
  measure "jco-$f" "http://127.0.0.1:$port/"
  stop_all

  if [ "$f" = hello-c ]; then
    port=$(free_port)
    start "$out/server-jco-reuse-$f.log" "$jco" serve "$wasm" --port "$port" --host 127.0.0.1
    wait_ready "http://127.0.0.1:$port/" "$out/server-jco-reuse-$f.log"
    measure "jco-reuse-$f" "http://127.0.0.1:$port/"
    stop_all
  fi

  port=$(free_port)
  start "$out/server-webflux-$f.log" "$java" --enable-native-access=ALL-UNNAMED \
    -Dloader.path="$classes" -Dloader.main=dev.wharf.srctest.bench.PlainWebFluxServer \
    -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher \
    --server.port="$port" --bench.body="$(fixture_body "$f")"
  wait_ready "http://127.0.0.1:$port/" "$out/server-webflux-$f.log"
  measure "webflux-$f" "http://127.0.0.1:$port/"
  stop_all
done

echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The table, with the ratios of Wharf's requests/s to the others'.
rps_of() { # <label>: its requests/s, or nothing
  local r
  for r in "${rows[@]+"${rows[@]}"}"; do
    read -r name rps _ <<<"$r"
    if [ "$name" = "$1" ]; then echo "$rps"; return; fi
  done
}
{
  echo "| target | requests/s | p50 | p99 | non-2xx | socket errors | Wharf / this |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for r in "${rows[@]+"${rows[@]}"}"; do
    set -- $r
    name=$1
    fixture=${name#wharf-}; fixture=${fixture#jco-reuse-}; fixture=${fixture#jco-}; fixture=${fixture#webflux-}
    wharf=$(rps_of "wharf-$fixture")
    ratio=""
    if [ -n "$wharf" ] && [ "$name" != "wharf-$fixture" ]; then
      ratio=$(awk -v a="$wharf" -v b="$2" 'BEGIN { if (b > 0) printf "%.3g", a / b }')
    fi
    echo "| $name | $2 | $3 | $4 | $5 | $6 | $ratio |"
  done
} >"$out/load.md"
echo
cat "$out/load.md"
echo
echo "Results: $out/load.md, wrk output in $out/load-*.txt"
