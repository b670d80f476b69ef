#!/usr/bin/env bash
# Build time, startup time, memory and steady cost per request of the same Quarkus application (100 guarded
# methods, 30 of them @Asynchronous) on Breakwater and on quarkus-smallrye-fault-tolerance, one dependency apart
# (the Maven profiles breakwater and smallrye), next to the same application without fault tolerance (profile
# none: the annotations guard nothing), all in one run, builds and starts taking turns. Prints the Markdown table
# of docs/performance.md; raw figures, logs and activity.log (what else used the CPU meanwhile) go to
# benchmarks/quarkus-startup/target/results. A benchmark, not a test: no build runs it. Install Breakwater into a
# local repository first (MAVEN_ARGS chooses it for the builds here too), e.g. a private one chained to ~/.m2:
#   export MAVEN_ARGS="-Dmaven.repo.local=/tmp/bw-m2 -Dmaven.repo.local.tail=$HOME/.m2/repository"
#   ./mvnw -B -q install -DskipTests -pl impl/cdi,quarkus-extension/runtime,quarkus-extension/deployment -am
#
#   BUILDS    measured builds per application (default 1), after one unmeasured build each; 0: no build at all,
#             the applications built before are measured
#   STARTS    measured starts per application (default 5)
#   CALLERS   concurrent callers of the steady load (default 2)
#   WARMUP_S  seconds of load before each steady measurement (default 10)
#   REQUESTS  measured requests of each steady load (default 2000)
#   ANSWERED  requests to the 30 asynchronous endpoints after the last start of each implementation (default 100000)
#   ANSWERED_CALLERS, DEADLINE_MS  their concurrent callers (default 4) and each one's deadline (default 10000)
# Each application listens on a free loopback port, chosen anew for each start. With the defaults it takes about
# 12 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")"

builds=${BUILDS:-1}
starts=${STARTS:-5}
callers=${CALLERS:-2}
warmup=${WARMUP_S:-10}
requests=${REQUESTS:-2000}
answered_requests=${ANSWERED:-100000}
answered_callers=${ANSWERED_CALLERS:-4}
deadline_ms=${DEADLINE_MS:-10000}
impls=(breakwater smallrye none)
out=target/results
rm -rf "$out" && mkdir -p "$out" target/driver
javac -d target/driver driver/LoadDriver.java

{
  echo "date: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
  java -version 2>&1 | sed 's/^/java: /'
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores;" \
       "memory: $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "BUILDS=$builds STARTS=$starts CALLERS=$callers WARMUP_S=$warmup REQUESTS=$requests ANSWERED=$answered_requests" \
       "ANSWERED_CALLERS=$answered_callers DEADLINE_MS=$deadline_ms"
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
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

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
  [ "$(curl -sf --max-time 5 "http://127.0.0.1:$port$1")" = "$2" ]
}

# Every guarded method once, on its failing path where it has one, checking its answer: the swap keeps the
# application's behaviour.
smoke() {
  local n
  for n in $(seq -w 1 20); do
    answers "/s$n/retry" "retried $n" && answers "/s$n/timeout" "timed out $n" \
      && answers "/s$n/circuit-breaker" "closed $n" && answers "/s$n/bulkhead" "bulkhead $n" \
      && answers "/s$n/fallback" "fell back $n" || { echo "wrong answer from /s$n/*" >&2; return 1; }
  done
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
threads() { ls "/proc/$1/task" | wc -l; }
# CPU time (user + system, all threads) the process has used so far, in ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

# steady <impl> <path> <answer> <name>: the steady load on one endpoint; appends the server's CPU time per request
# and the mean time a caller waits for an answer, in µs.
steady() {
  local impl=$1 path=$2 answer=$3 name=$4 result
  result=$(java -cp target/driver LoadDriver steady "$app" "$(getconf CLK_TCK)" "$callers" "$warmup" "$requests" \
    "http://127.0.0.1:$port$path" "$answer") || { echo "$impl: steady load on $path failed" >&2; exit 1; }
  echo "$(date -u +%T) $impl $path: $result" >> "$out/steady.log"
  echo "$result" | awk '{ print $10 }' >> "$out/$impl.$name-cpu-us"
  echo "$result" | awk '{ print $8 }' >> "$out/$impl.$name-wait-us"
}

# asynchronous_targets: sets targets to the 30 asynchronous endpoints, each followed by its answer.
asynchronous_targets() {
  local n
  targets=()
  for n in $(seq -w 1 20); do
    targets+=("http://127.0.0.1:$port/s$n/bulkhead" "bulkhead $n")
    if (( 10#$n % 2 )); then targets+=("http://127.0.0.1:$port/s$n/circuit-breaker" "closed $n"); fi
  done
}

# start <impl> <log> <last>: starts the application, waits for the first answer of a guarded endpoint, reads its
# CPU time, RSS and threads; calls every guarded method once (not without fault tolerance, whose failing paths
# fail), reads the RSS again; runs the steady loads (70 synchronous methods a request, then all 100), reads RSS and
# threads, and RSS after a full GC; after the last start, sends the ANSWERED requests to the asynchronous endpoints.
start() {
  local impl=$1 log=$2 last=$3 start
  port=$(free_port)
  start=$(now_ms)
  java -Dquarkus.http.host=127.0.0.1 "-Dquarkus.http.port=$port" -jar "target/$impl/quarkus-app/quarkus-run.jar" \
    > "$log" 2>&1 &
  app=$!
  until answers /s02/circuit-breaker "closed 02" 2>/dev/null; do
    kill -0 "$app" 2>/dev/null || { echo "$impl did not start: see $log" >&2; exit 1; }
    sleep 0.01
  done
  echo $(( $(now_ms) - start )) >> "$out/$impl.first-response-ms"
  cpu_ms "$app" >> "$out/$impl.start-cpu-ms"
  rss_kib "$app" >> "$out/$impl.rss-first-kib"
  threads "$app" >> "$out/$impl.threads-first"
  if [ "$impl" != none ]; then
    smoke || { echo "$impl: see $log" >&2; exit 1; }
    rss_kib "$app" >> "$out/$impl.rss-all-kib"
  fi
  steady "$impl" /load/sync 70 sync
  steady "$impl" /load/all 100 all
  # /load/all's floor with the hops: the 30 asynchronous calls replaced by bare hops to the worker pool.
  if [ "$impl" = none ]; then steady "$impl" /load/hops 100 hops; fi
  rss_kib "$app" >> "$out/$impl.rss-load-kib"
  threads "$app" >> "$out/$impl.threads-load"
  jcmd "$app" GC.run > /dev/null
  rss_kib "$app" >> "$out/$impl.rss-gc-kib"
  if [ "$last" = yes ] && [ "$impl" != none ]; then
    asynchronous_targets
    java -cp target/driver LoadDriver answered "$answered_callers" "$answered_requests" "$deadline_ms" \
      "${targets[@]}" | tee "$out/$impl.answered.txt" || { echo "$impl: not every request answered" >&2; exit 1; }
  fi
  kill "$app" && wait "$app" || true
  app=
  sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' "$log" | awk '{ print $1 * 1000 }' >> "$out/$impl.started-in-ms"
}

# Rotate which application goes first, so that none always follows another.
order() {
  local k=$(( $1 % ${#impls[@]} ))
  echo "${impls[@]:k}" "${impls[@]:0:k}"
}

for impl in "${impls[@]}"; do
  (( builds > 0 )) || break
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
    start "$impl" "$out/$impl.start-$i.log" "$([ "$i" = "$starts" ] && echo yes || echo no)"
  done
done

# stats <file> <divisor> <decimals>: "median (min-max)" of the numbers in the file, each divided by the divisor.
stats() {
  [ -s "$1" ] || { echo "-"; return; }
  sort -n "$1" | awk -v d="$2" -v f="%.$3f" '{ v[NR] = $1 / d }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf f " (" f "-" f ")", m, v[1], v[NR] }'
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

row() {
  local label=$1 metric=$2 divisor=$3 decimals=$4
  [ -s "$out/breakwater.$metric" ] || return 0
  printf '| %s | %s | %s | %s | %.2f |\n' "$label" "$(stats "$out/breakwater.$metric" "$divisor" "$decimals")" \
    "$(stats "$out/smallrye.$metric" "$divisor" "$decimals")" "$(stats "$out/none.$metric" "$divisor" "$decimals")" \
    "$(echo "$(median "$out/breakwater.$metric") $(median "$out/smallrye.$metric")" | awk '{ print $1 / $2 }')"
}

# above <label> <metric> <divisor> <decimals> [<floor metric>]: the medians less the median without fault
# tolerance (of the floor metric, if given).
above() {
  local label=$1 metric=$2 divisor=$3 decimals=$4 floor=${5:-$2}
  echo "$(median "$out/breakwater.$metric") $(median "$out/smallrye.$metric") $(median "$out/none.$floor")" \
    | awk -v label="$label" -v d="$divisor" -v f="%.$4f" '{
        b = ($1 - $3) / d; s = ($2 - $3) / d
        printf "| %s | " f " | " f " | 0 | %.2f |\n", label, b, s, b / s }'
}

echo
echo "| median (min-max) | Breakwater | SmallRye Fault Tolerance | without fault tolerance | Breakwater / SmallRye |"
echo "|---|---:|---:|---:|---:|"
row "build: \`clean package -DskipTests\`, wall time (s), $builds builds" build-ms 1000 1
row "build: CPU time of Maven, user + system (s)" build-cpu-ms 1000 1
row "build: Quarkus augmentation, wall time (s)" augmentation-ms 1000 2
row "start: launch to first answer of a guarded endpoint (ms), $starts starts" first-response-ms 1 0
row "start: CPU time of the JVM until then, user + system (ms)" start-cpu-ms 1 0
row "start: Quarkus's \"started in\" (ms)" started-in-ms 1 0
row "RSS after the first answer (MiB)" rss-first-kib 1024 1
row "live threads after the first answer" threads-first 1 0
row "RSS after each of the 100 guarded methods answered once (MiB)" rss-all-kib 1024 1
row "steady, 70 synchronous methods a request: server CPU per request (µs)" sync-cpu-us 1 0
row "steady, 70 synchronous methods a request: mean wait per request, $callers callers (µs)" sync-wait-us 1 0
row "steady, all 100 methods a request: server CPU per request (µs)" all-cpu-us 1 0
row "steady, all 100 methods a request: mean wait per request, $callers callers (µs)" all-wait-us 1 0
printf '| %s | | | %s | |\n' "steady, /load/hops (70 synchronous calls, 30 bare hops to the worker pool): server CPU per request (µs)" \
  "$(stats "$out/none.hops-cpu-us" 1 0)"
printf '| %s | | | %s | |\n' "steady, /load/hops: mean wait per request, $callers callers (µs)" "$(stats "$out/none.hops-wait-us" 1 0)"
row "RSS after the steady loads (MiB)" rss-load-kib 1024 1
row "RSS after the steady loads and a full GC (MiB)" rss-gc-kib 1024 1
row "live threads after the steady loads" threads-load 1 0
echo
echo "| median, less the median without fault tolerance | Breakwater | SmallRye Fault Tolerance | without fault tolerance | Breakwater / SmallRye |"
echo "|---|---:|---:|---:|---:|"
above "start: Quarkus's \"started in\" (ms)" started-in-ms 1 0
above "steady, 70 synchronous methods a request: server CPU per request (µs)" sync-cpu-us 1 0
above "steady, 70 synchronous methods a request: mean wait per request (µs)" sync-wait-us 1 0
above "steady, all 100 methods a request: server CPU per request (µs)" all-cpu-us 1 0
above "steady, all 100 methods a request: mean wait per request (µs)" all-wait-us 1 0
above "steady, all 100 methods a request: server CPU per request above the floor with a bare hop per asynchronous call (µs)" all-cpu-us 1 0 hops-cpu-us
above "steady, all 100 methods a request: mean wait per request above the floor with a bare hop per asynchronous call (µs)" all-wait-us 1 0 hops-wait-us
above "RSS after the steady loads and a full GC (MiB)" rss-gc-kib 1024 1
above "live threads after the steady loads" threads-load 1 0
echo
for impl in breakwater smallrye; do
  echo "$impl, $answered_requests requests to the 30 asynchronous endpoints, $answered_callers callers: $(cat "$out/$impl.answered.txt")"
done
