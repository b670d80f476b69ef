#!/usr/bin/env bash
# Measures the table of docs/performance.md: every CDI benchmark on Breakwater and on SmallRye Fault Tolerance,
# back to back so that both see the same machine, plus core's typed API next to Resilience4j and Failsafe, with
# -prof gc, on 1 and 2 threads. Build both jars first (see docs/performance.md). Results: benchmarks/target/results/*.json
# (JMH's JSON) and *.txt (JMH's output), machine.txt (JDK, CPU), activity.log (what else ran meanwhile).
#
#   JMH_OPTS   iterations and forks (default: -f 1 -wi 3 -i 5 -w 1s -r 1s)
#   THREADS    thread counts to run (default: "1 2")
#   RUN        a name for a repeated run (run2, ...): its files sit next to the first run's and table.py pools
#              the iterations of all runs of a row
set -euo pipefail
cd "$(dirname "$0")/../.."

breakwater=benchmarks/target/benchmarks.jar
smallrye=benchmarks/target/smallrye/benchmarks-smallrye.jar
opts=${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
threads=${THREADS:-1 2}
suffix=${RUN:+.$RUN}
out=benchmarks/target/results
mkdir -p "$out"
for jar in "$breakwater" "$smallrye"; do
  [ -f "$jar" ] || { echo "missing $jar: build it first (docs/performance.md)" >&2; exit 1; }
done

{
  echo "date: $(date -u +%FT%TZ)"
  java -version 2>&1 | sed 's/^/java: /'
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
  echo "jmh options: $opts -prof gc"
} > "$out/machine$suffix.txt"
cat "$out/machine$suffix.txt"

# Every 10 s, the load and what else used the CPU (over 1 s, the benchmark's own JVMs left out): the machine may
# be shared, and a busy neighbour shows up as a wide error column.
(
  while true; do
    others=$(top -b -c -n 2 -d 1 -w 250 -o %CPU | awk '/^top -/ { frame++ }
      frame == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 > 3 && !/ForkedMain|UnlockDiagnosticVMOptions|benchmarks[-a-z]*\.jar/ {
        cmd = ""; for (i = 12; i <= NF; i++) cmd = cmd " " $i; printf "%s%%%s; ", $9, substr(cmd, 1, 70) }')
    echo "$(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) | others: ${others:-none}"
    sleep 9
  done
) > "$out/activity$suffix.log" 2>&1 &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

run() {
  local name=$1 jar=$2
  shift 2
  echo "$(date -u +%T) $name$suffix (load $(cut -d' ' -f1 /proc/loadavg))"
  # shellcheck disable=SC2086
  java -jar "$jar" $opts -prof gc -rf json -rff "$out/$name$suffix.json" "$@" > "$out/$name$suffix.txt" 2>&1 \
    || { echo "  failed: see $out/$name$suffix.txt" >&2; return 1; }
}

for t in $threads; do
  run "breakwater-sync-t$t" "$breakwater" -t "$t" 'cdi.SyncBenchmark'
  run "smallrye-sync-t$t" "$smallrye" -t "$t" 'cdi.SyncBenchmark'
  run "breakwater-open-t$t" "$breakwater" -t "$t" 'cdi.OpenCircuitBreakerBenchmark'
  run "smallrye-open-t$t" "$smallrye" -t "$t" 'cdi.OpenCircuitBreakerBenchmark'
  run "breakwater-async-t$t" "$breakwater" -t "$t" 'cdi.AsyncBenchmark'
  run "smallrye-async-t$t" "$smallrye" -t "$t" 'cdi.AsyncBenchmark'
  run "core-t$t" "$breakwater" -t "$t" 'core.TypedApiBenchmark'
done
echo "$(date -u +%T) done; table: python3 benchmarks/scripts/table.py $out"
