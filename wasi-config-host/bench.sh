#!/usr/bin/env bash
# Measures what a guest's wasi:config get costs (JMH, dev.wharf.wasi.config.bench.ConfigGetBenchmark) and prints
# the scores and the plugin's share over the trivial-host baseline. Bounded: one fork, fixed iterations
# (-f 1 -wi 5 -i 5 -w 2s -r 1s: about 1.5 minutes). Anything after -- goes to JMH and replaces those defaults.
#
#   bash wasi-config-host/bench.sh
#   bash wasi-config-host/bench.sh -- -wi 3 -i 3
#
# Offline Maven (-o). Results: wasi-config-host/target/bench/results.csv and jmh.log.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
opts=(-f 1 -wi 5 -i 5 -w 2s -r 1s)
if [ "${1:-}" = "--" ]; then
  shift
  opts=("$@")
fi

. "$root/.mvn/wrapper/select-jdk.sh"
java="${JAVA_HOME:?no JDK found}/bin/java"
out="$root/wasi-config-host/target/bench"
mkdir -p "$out"
echo "== compiling wasi-config-host and its benchmark"
./mvnw -q -o -pl wasi-config-host -am test-compile -Dwharf.fixtures.skipBuild=true
./mvnw -q -o -pl wasi-config-host dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench/classpath.txt >/dev/null
# the engine from this checkout (the reactor build above), not a jar that may sit in ~/.m2
cp="$root/wasi-config-host/target/test-classes:$root/wasi-config-host/target/classes:$root/engine/target/classes"
cp="$cp:$(cat "$out/classpath.txt")"

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $("$java" -version 2>&1 | head -n 1)"
echo "== load average before (1, 5, 15 min): $(uptime | sed 's/.*load average: //')"
"$java" -cp "$cp" org.openjdk.jmh.Main -foe true -rf csv -rff "$out/results.csv" "${opts[@]}" \
  'dev\.wharf\.wasi\.config\.bench\.ConfigGetBenchmark' 2>&1 | tee "$out/jmh.log"
echo "== load average after: $(uptime | sed 's/.*load average: //')"
awk -F, '
  function unq(s) { gsub(/"/, "", s); return s }
  NR == 1 { next }
  { name = unq($1); sub(/.*\./, "", name); ns[name] = unq($5) + 0; err[name] = unq($6) + 0
    printf "| %-24s | %10.1f ns | +/- %8.1f |\n", name, ns[name], err[name] }
  END {
    printf "| get (present) minus baseline | %7.0f ns |\n", ns["getPresentKey"] - ns["baselineTrivialHostGet"]
    printf "| get (absent) minus baseline  | %7.0f ns |\n", ns["getAbsentKey"] - ns["baselineTrivialHostGet"]
    printf "| first get in a fresh instance (minus instantiateOnly) | %7.0f ns |\n", ns["instantiateAndFirstGet"] - ns["instantiateOnly"]
  }' "$out/results.csv"
