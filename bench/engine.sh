#!/usr/bin/env bash
# Runs the engine's JMH benchmarks (engine/src/test/java/dev/wharf/engine/bench) and prints a
# table and the side-by-side ratios. Bounded: one fork per benchmark, fixed iteration counts.
#
#   bash bench/engine.sh             # hello-c and host calls: -f 1 -wi 5 -i 5 -w 2s -r 1s,
#                                    # hello-js: -f 1 -wi 5 -i 5 -w 2s -r 2s   (about 6 minutes)
#   bash bench/engine.sh --quick     # -wi 3 -i 3 -w 2s -r 1s; hello-js -wi 3 -i 3 -w 2s -r 2s (about 4 min)
#   bash bench/engine.sh HostCall    # only benchmarks matching a JMH regex (one run, the first options)
#   bash bench/engine.sh -- -prof gc # anything after -- goes to JMH; -f/-wi/-i/-w/-r given there
#                                    # replace the defaults
#
# Warm-up is 10 s (5 x 2 s): on this 2-core machine, with other builds running, parse and
# instantiate of hello-c took 6-8 s to reach steady state (the JIT competes for the cores), and
# 3 x 1 s left them 3-5x too slow. hello-js gets longer measurement iterations (an operation is
# milliseconds). Needs src-test/fixtures (hello-c.wasm, large/hello-js.wasm):
# bash src-test/guests/build.sh; without large/hello-js.wasm the JS run is skipped.
# Offline Maven (-o): run ./mvnw once online if the JMH artifacts are not in ~/.m2 yet.
# Results: engine/target/bench/results.csv (JMH CSV), jmh.log, summary.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

jmh_opts=(-f 1 -wi 5 -i 5 -w 2s -r 1s)
js_opts=(-f 1 -wi 5 -i 5 -w 2s -r 2s)
filters=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) jmh_opts=(-f 1 -wi 3 -i 3 -w 2s -r 1s); js_opts=(-f 1 -wi 3 -i 3 -w 2s -r 2s) ;;
    --) shift; extra=("$@"); break ;;
    -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
    *) filters+=("$1") ;;
  esac
  shift
done

# Options given after -- replace the same defaults (JMH refuses an option twice).
without_overridden() {
  local -a kept=()
  while [ $# -gt 0 ]; do
    local flag=$1 value=$2 overridden=no
    shift 2
    for e in "${extra[@]+"${extra[@]}"}"; do [ "$e" = "$flag" ] && overridden=yes; done
    [ $overridden = yes ] || kept+=("$flag" "$value")
  done
  [ ${#kept[@]} -eq 0 ] || printf '%s\n' "${kept[@]}"
}
mapfile -t jmh_opts < <(without_overridden "${jmh_opts[@]}")
mapfile -t js_opts < <(without_overridden "${js_opts[@]}")

. "$root/.mvn/wrapper/select-jdk.sh"
java="${JAVA_HOME:?no JDK found}/bin/java"

out="$root/engine/target/bench"
echo "== compiling the engine and its benchmarks"
./mvnw -q -o -pl engine test-compile
./mvnw -q -o -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/classpath.txt >/dev/null
cp="$root/engine/target/test-classes:$root/engine/target/classes:$(cat "$out/classpath.txt")"

chicory=$(sed -n 's:.*<chicory.version>\(.*\)</chicory.version>.*:\1:p' pom.xml | head -n 1)
jdk=$("$java" -version 2>&1 | head -n 1)
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $jdk; Chicory $chicory"
load_before=$(uptime | sed 's/.*load average: //')
echo "== load average before (1, 5, 15 min): $load_before"

cd "$root/engine" # the benchmarks find ../src-test/fixtures from here
run_jmh() { # csv-file options... -- regexes...
  local csv=$1; shift
  "$java" -cp "$cp" org.openjdk.jmh.Main -foe true -rf csv -rff "$csv" "$@" 2>&1 | tee -a "$out/jmh.log"
}
: >"$out/jmh.log"
rm -f "$out"/results*.csv
if [ ${#filters[@]} -gt 0 ]; then
  run_jmh "$out/results.csv" "${jmh_opts[@]}" "${extra[@]+"${extra[@]}"}" "${filters[@]}"
else
  run_jmh "$out/results.csv" "${jmh_opts[@]}" "${extra[@]+"${extra[@]}"}" 'dev\.wharf\.engine\.bench\.(HelloC|HostCall|CoreSnapshot|Pool)Benchmark'
  if [ -f "$root/src-test/fixtures/large/hello-js.wasm" ]; then
    run_jmh "$out/results-js.csv" "${js_opts[@]}" "${extra[@]+"${extra[@]}"}" 'dev\.wharf\.engine\.bench\.HelloJsBenchmark'
    tail -n +2 "$out/results-js.csv" >>"$out/results.csv"
  else
    echo "== skipped HelloJsBenchmark: no src-test/fixtures/large/hello-js.wasm (bash src-test/guests/build.sh)"
  fi
fi

load_after=$(uptime | sed 's/.*load average: //')
echo
echo "== load average before: $load_before; after: $load_after"
echo "== JMH options: ${jmh_opts[*]} (hello-js: ${js_opts[*]}) ${extra[*]+"${extra[*]}"}"
echo
# Table and ratios from the CSV (scores converted to microseconds for the ratios).
awk -F, '
  function unq(s) { gsub(/"/, "", s); return s }
  NR == 1 { next }
  {
    name = unq($1); sub(/.*\./, "", name); sub(/^dev\.wharf\.engine\.bench\./, "", name)
    cls = unq($1); sub(/\.[^.]*$/, "", cls); sub(/.*\./, "", cls)
    score = unq($5) + 0; err = unq($6) + 0; unit = unq($7)
    f = (unit ~ /^ns/) ? 0.001 : (unit ~ /^ms/) ? 1000 : (unit ~ /^s\//) ? 1000000 : 1
    us[name] = score * f; uerr[name] = err * f
    printf "| %-20s | %-28s | %12.3f | %10.3f | %-6s |\n", cls, name, score, err, unit > "/dev/stderr"
  }
  function ratio(label, a, b) {
    if ((a in us) && (b in us) && us[b] > 0) printf "| %-58s | %9.2fx |\n", label, us[a] / us[b]
  }
  function diff(label, a, b) {
    if ((a in us) && (b in us)) printf "| %-58s | %7.0f ns |\n", label, (us[a] - us[b]) * 1000
  }
  END {
    print "| ratio (same run) | value |"
    print "| --- | --- |"
    ratio("instantiateHelloC / coreInstantiateHelloCMain", "instantiateHelloC", "coreInstantiateHelloCMain")
    ratio("coreInstantiateHelloCMain / coreResetHelloCMain", "coreInstantiateHelloCMain", "coreResetHelloCMain")
    ratio("instantiateHelloC / coreResetHelloCMain", "instantiateHelloC", "coreResetHelloCMain")
    ratio("planHelloC / parseHelloC", "planHelloC", "parseHelloC")
    ratio("planHelloC / prepareHelloC", "planHelloC", "prepareHelloC")
    ratio("instantiateHelloJs / instantiateHelloC", "instantiateHelloJs", "instantiateHelloC")
    ratio("instantiate1MiB / reset1MiB", "instantiate1MiB", "reset1MiB")
    ratio("instantiate1MiB / resetAfterGrow1MiB", "instantiate1MiB", "resetAfterGrow1MiB")
    ratio("instantiate1MiB / snapshot1MiB", "instantiate1MiB", "snapshot1MiB")
    ratio("instantiateCloseHelloC / poolAcquireReleaseHelloC", "instantiateCloseHelloC", "poolAcquireReleaseHelloC")
    ratio("instantiateResettableHelloC / instantiateCloseHelloC", "instantiateResettableHelloC", "instantiateCloseHelloC")
    ratio("hostCallRoundTripString / exportCallString", "hostCallRoundTripString", "exportCallString")
    ratio("hostCallRoundTripStringRaw / exportCallString", "hostCallRoundTripStringRaw", "exportCallString")
    diff("host call round trip, string (minus exportCallString)", "hostCallRoundTripString", "exportCallString")
    diff("host call round trip, raw (minus exportCallString)", "hostCallRoundTripStringRaw", "exportCallString")
  }' "$out/results.csv" 2>"$out/table.txt" >"$out/ratios.txt"
{
  echo "| class | benchmark | score | ± error (99.9%) | unit |"
  echo "| --- | --- | ---: | ---: | --- |"
  cat "$out/table.txt"
  echo
  cat "$out/ratios.txt"
} | tee "$out/summary.md"
