#!/usr/bin/env bash
# Bounded benchmark of wasi:keyvalue on PostgreSQL: get, set and increment through a real guest (kv-draft2 ->
# KeyValuePlugin -> PostgresBackend) beside the plain JDBC statement for the same operation, on the same embedded
# PostgreSQL and connection pool, one thread. 5 measured rounds of N operations after one warm-up round each;
# prints ops/s and p50/p99 latency of both, and the ratios (record them in docs/benchmarks.md).
#
#   bash bench/keyvalue.sh          # N = 1000 (about a minute; writes are fsync-bound)
#   bash bench/keyvalue.sh 3000     # steadier (about 3.5 minutes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
ops=${1:-1000}
./mvnw -q -o -pl platform-app -am package dependency:build-classpath -DskipTests -Dwharf.fixtures.skipBuild=true \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="$root/platform-app/target/test-classes:$root/platform-app/target/classes:$(cat platform-app/target/bench-classpath.txt)"
. "$root/.mvn/wrapper/select-jdk.sh"
java_bin="${JAVA_HOME:?no JDK found}/bin/java"
cd platform-app
exec "$java_bin" -cp "$cp" -Dwharf.data-dir=target/bench-data dev.wharf.platform.keyvalue.KeyValueBench "$ops"
