#!/usr/bin/env bash
# Build time, startup time and memory of the same Quarkus application (100 guarded methods) on Breakwater and on
# quarkus-smallrye-fault-tolerance, one dependency apart (the Maven profiles breakwater and smallrye). Prints the
# Markdown table of docs/performance.md; raw figures, logs and activity.log (what else used the CPU meanwhile)
# go to benchmarks/quarkus-startup/target/results. Install Breakwater into the local repository first:
#   ./mvnw -B -q install -DskipTests -pl impl/cdi,quarkus-extension/runtime,quarkus-extension/deployment -am
#
#   BUILDS  measured builds per implementation (default 5), after one unmeasured build each
#   STARTS  measured starts per implementation (default 10)
#   PORT    HTTP port of the application (default 18731); it must be free
set -euo pipefail
cd "$(dirname "$0")"

builds=${BUILDS:-5}
starts=${STARTS:-10}
port=${PORT:-18731}
impls=(breakwater smallrye)
out=target/results
rm -rf "$out" && mkdir -p "$out"

if curl -s -o /dev/null "http://localhost:$port/"; then
  echo "port $port is in use: set PORT" >&2; exit 1
fi

{
  echo "date: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
  java -version 2>&1 | sed 's/^/java: /'
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores;" \
       "memory: $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
} | tee "$out/machine.txt"

# Every 10 s, the load and the processes of others above 3 % CPU (over 1 s; this script's own process group left out).
own=$(ps -o pgid= -p $$ | tr -d ' ')
(
  while true; do
    frames=$(top -b -c -n 2 -d 1 -w 250 -o %CPU)
    others=$(echo "$frames" | awk -v own="$own" -v groups="$(ps -eo pid=,pgid= | tr '\n' ' ')" '
      BEGIN { n = split(groups, g, " "); for (i = 1; i < n; i += 2) pgid[g[i]] = g[i + 1] }
      /^top -/ { frame++ }
      frame == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 > 3 && pgid[$1] != own {
        cmd = ""; for (i = 12; i <= NF; i++) cmd = cmd " " $i; printf "%s%%%s; ", $9, substr(cmd, 1, 70) }')
    echo "$(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) | others: ${others:-none}"
    sleep 9
  done
) > "$out/activity.log" 2>&1 &
sampler=$!
app=
trap 'kill "$sampler" 2>/dev/null || true; [ -z "$app" ] || kill "$app" 2>/dev/null || true' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# build <impl> <log>: a clean fast-jar build, offline; appends its wall time, the CPU time of Maven (user + system,
# less disturbed by a busy machine than the wall time) and Quarkus's augmentation time, in ms.
build() {
  local impl=$1 log=$2 times
  times=$( { TIMEFORMAT='%R %U %S'; time ../../mvnw -B -o clean package -DskipTests "-P$impl" > "$log" 2>&1; } 2>&1 ) \
    || { echo "build of $impl failed: see $log" >&2; exit 1; }
  echo "$times" | awk '{ print $1 * 1000 }' >> "$out/$impl.build-ms"
  echo "$times" | awk '{ print ($2 + $3) * 1000 }' >> "$out/$impl.build-cpu-ms"
  sed -n 's/.*Quarkus augmentation completed in \([0-9]*\)ms.*/\1/p' "$log" >> "$out/$impl.augmentation-ms"
}

# answers <path> <expected body>: whether the running application answers it with 200.
answers() {
  [ "$(curl -sf --max-time 5 "http://localhost:$port$1")" = "$2" ]
}

# Every guarded method once, checking its answer: the swap keeps the application's behaviour.
smoke() {
  local n
  for n in $(seq -w 1 20); do
    answers "/s$n/retry" "retried $n" && answers "/s$n/timeout" "timed out $n" \
      && answers "/s$n/circuit-breaker" "closed $n" && answers "/s$n/bulkhead" "bulkhead $n" \
      && answers "/s$n/fallback" "fell back $n" || { echo "wrong answer from /s$n/*" >&2; return 1; }
  done
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
# CPU time (user + system, all threads) the process has used so far, in ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

# start <impl> <log>: starts the application, waits for the first answer of a guarded endpoint, reads its CPU time
# and RSS,
# calls all 100 guarded methods, reads the RSS again, stops it.
start() {
  local impl=$1 log=$2 start
  start=$(now_ms)
  java "-Dquarkus.http.port=$port" -jar "target/$impl/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
  app=$!
  until answers /s01/retry "retried 01" 2>/dev/null; do
    kill -0 "$app" 2>/dev/null || { echo "$impl did not start: see $log" >&2; exit 1; }
    sleep 0.01
  done
  echo $(( $(now_ms) - start )) >> "$out/$impl.first-response-ms"
  cpu_ms "$app" >> "$out/$impl.start-cpu-ms"
  rss_kib "$app" >> "$out/$impl.rss-first-kib"
  smoke || { echo "$impl: see $log" >&2; exit 1; }
  rss_kib "$app" >> "$out/$impl.rss-all-kib"
  kill "$app" && wait "$app" || true
  app=
  sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' "$log" | awk '{ print $1 * 1000 }' >> "$out/$impl.started-in-ms"
}

# Alternate which implementation goes first, so neither always follows the other.
order() {
  if (( $1 % 2 )); then echo "${impls[@]}"; else echo "${impls[1]} ${impls[0]}"; fi
}

for impl in "${impls[@]}"; do
  echo "$(date -u +%T) warm-up build: $impl"
  build "$impl" "$out/$impl.warmup-build.log"
  rm "$out/$impl.build-ms" "$out/$impl.build-cpu-ms" "$out/$impl.augmentation-ms"
done
for i in $(seq 1 "$builds"); do
  for impl in $(order "$i"); do
    echo "$(date -u +%T) build $i: $impl"
    build "$impl" "$out/$impl.build-$i.log"
  done
done
for i in $(seq 1 "$starts"); do
  for impl in $(order "$i"); do
    echo "$(date -u +%T) start $i: $impl"
    start "$impl" "$out/$impl.start-$i.log"
  done
done

# stats <file> <divisor> <decimals>: "median (min-max)" of the numbers in the file, each divided by the divisor.
stats() {
  sort -n "$1" | awk -v d="$2" -v f="%.$3f" '{ v[NR] = $1 / d }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf f " (" f "-" f ")", m, v[1], v[NR] }'
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

row() {
  local label=$1 metric=$2 divisor=$3 decimals=$4
  printf '| %s | %s | %s | %.2f |\n' "$label" "$(stats "$out/breakwater.$metric" "$divisor" "$decimals")" \
    "$(stats "$out/smallrye.$metric" "$divisor" "$decimals")" \
    "$(echo "$(median "$out/breakwater.$metric") $(median "$out/smallrye.$metric")" | awk '{ print $1 / $2 }')"
}

echo
echo "| median (min-max) | Breakwater | SmallRye Fault Tolerance | Breakwater / SmallRye |"
echo "|---|---:|---:|---:|"
row "build: \`clean package -DskipTests\`, wall time (s), $builds builds" build-ms 1000 1
row "build: CPU time of Maven, user + system (s)" build-cpu-ms 1000 1
row "build: Quarkus augmentation, wall time (s)" augmentation-ms 1000 2
row "start: launch to first answer of a guarded endpoint (ms), $starts starts" first-response-ms 1 0
row "start: CPU time of the JVM until then, user + system (ms)" start-cpu-ms 1 0
row "start: Quarkus's \"started in\" (ms)" started-in-ms 1 0
row "RSS after the first answer (MiB)" rss-first-kib 1024 1
row "RSS after each of the 100 guarded methods answered once (MiB)" rss-all-kib 1024 1
