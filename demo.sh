#!/usr/bin/env bash
# The Breakwater demo: builds the checkout example and its demo driver, starts the checkout service, and runs the
# circuit breaker's story against it over HTTP (healthy traffic, gateway outage, breaker opens, fast failures,
# recovery through half-open, closed again), then prints the timeline. Exits 0 when the story happened.
#
#   ./demo.sh            build (if needed), run the story, stop the service
#   ./demo.sh --serve    build (if needed), start the service and leave it running for curl, /q/health, /q/metrics
#   ./demo.sh --fleet    build (if needed), start Redis and three checkout replicas sharing one payment gateway, cut
#                        the gateway with cluster mode off, then again on (the replicas' breakers as one fleet on
#                        Redis), and print how long each replica took to stop calling it and how many calls the
#                        outage cost (about a minute; needs redis-server: apt-get install -y redis-server)
#
# DEMO_PORT picks the port (default 8080; --fleet takes free loopback ports). Needs a JDK 17 or newer; Maven
# comes with the wrapper.
set -euo pipefail
cd "$(dirname "$0")"

mode=story
case "${1:-}" in
  "") ;;
  --serve) mode=serve ;;
  --fleet) mode=fleet ;;
  -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

port="${DEMO_PORT:-8080}"
app_jar=examples/checkout/target/quarkus-app/quarkus-run.jar
driver_jar=examples/demo-driver/target/demo-driver.jar
mkdir -p target
build_log=target/demo-build.log
app_log=target/demo-app.log
build_stamp=target/demo-build.stamp

if ! command -v java >/dev/null 2>&1; then
  echo "No java on the PATH: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)." >&2
  exit 2
fi

if [ "$mode" = fleet ] && ! { command -v redis-server && command -v redis-cli; } >/dev/null 2>&1; then
  echo "./demo.sh --fleet needs redis-server and redis-cli (Redis 7.0 or later) for cluster mode." >&2
  echo "Install them (Debian/Ubuntu: apt-get install -y redis-server) and run it again." >&2
  exit 2
fi

# Waits for a background job, drawing a spinner with the elapsed time.
spin() {
  local pid=$1 label=$2 start=$SECONDS i=0 frames='|/-\'
  while kill -0 "$pid" 2>/dev/null; do
    if [ -t 2 ]; then
      printf '\r  %s %s  %ds ' "${frames:i++%4:1}" "$label" $((SECONDS - start)) >&2
    fi
    sleep 0.2
  done
  [ -t 2 ] && printf '\r\033[2K' >&2
  wait "$pid"
}

# A build is needed when a jar is missing or a source changed since the last build of the demo.
needs_build() {
  [ -f "$app_jar" ] && [ -f "$driver_jar" ] && [ -f "$build_stamp" ] || return 0
  [ -n "$(find pom.xml examples impl quarkus-extension -newer "$build_stamp" -not -path '*/target/*' \
            \( -name '*.java' -o -name '*.xml' -o -name '*.properties' \) -print -quit)" ]
}

if needs_build; then
  echo "Building the checkout example and the demo driver (the first build also downloads dependencies: a few minutes)..." >&2
  started=$SECONDS
  touch "$build_stamp.next"   # sources changed during the build are newer than this and rebuild next time
  ./mvnw -B -q -pl examples/checkout,examples/demo-driver -am package -DskipTests >"$build_log" 2>&1 &
  if ! spin $! "building"; then
    echo "The build failed; the end of $build_log:" >&2
    tail -40 "$build_log" >&2
    exit 2
  fi
  mv "$build_stamp.next" "$build_stamp"
  echo "  built in $((SECONDS - started)) s" >&2
fi

# Starts redis-server on a free loopback port, without persistence, in a temporary directory: sets redis_port.
start_redis() {
  local attempt i
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    redis_port=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; then
      continue
    fi
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$redis_dir" \
      >"$redis_log" 2>&1 &
    redis_pid=$!
    for i in $(seq 1 50); do
      if ! kill -0 "$redis_pid" 2>/dev/null; then
        break   # the port was taken after all: another one
      fi
      if [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ]; then
        return 0
      fi
      sleep 0.1
    done
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    redis_pid=
  done
  echo "redis-server did not start; the end of $redis_log:" >&2
  tail -20 "$redis_log" >&2
  return 1
}

if [ "$mode" = fleet ]; then
  fleet_logs=target/demo-fleet
  mkdir -p "$fleet_logs"
  redis_log=$fleet_logs/redis.log
  redis_dir=$(mktemp -d "${TMPDIR:-/tmp}/breakwater-demo-redis.XXXXXX")
  redis_pid=
  trap '[ -z "$redis_pid" ] || { kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; }; rm -rf "$redis_dir"' EXIT
  start_redis
  echo "Redis on 127.0.0.1:$redis_port (log: $redis_log)" >&2
  status=0
  java -jar "$driver_jar" --fleet "$app_jar" "$fleet_logs" "redis://127.0.0.1:$redis_port" || status=$?
  exit "$status"
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Port $port is already in use; choose another with DEMO_PORT=<port> $0" >&2
  exit 2
fi

# The per-environment override at work: this environment variable shortens the breaker's delay from the 10 s in
# application.properties to 6 s, so the story fits in well under a minute.
export DEV_BREAKWATER_EXAMPLES_CHECKOUT_PAYMENTSERVICE_CHARGE_CIRCUITBREAKER_DELAY="${DEMO_BREAKER_DELAY_MS:-6000}"
export QUARKUS_HTTP_PORT="$port"

if [ "$mode" = serve ]; then
  cat >&2 <<EOT
Starting the checkout service on http://localhost:$port (Ctrl-C stops it). Try:
  curl -s -XPOST localhost:$port/checkout -H 'Content-Type: application/json' -d '{"orderId":"o-1","amountCents":1250}'
  curl -s localhost:$port/catalogue
  curl -s -XPOST localhost:$port/gateway/knobs -H 'Content-Type: application/json' -d '{"outage":true}'
  curl -s -XPOST localhost:$port/gateway/knobs -H 'Content-Type: application/json' -d '{"failureRate":0.3,"latencyMs":200}'
  curl -s localhost:$port/gateway/stats
  curl -s localhost:$port/q/health
  curl -s localhost:$port/q/metrics | grep '^ft_circuitbreaker'
  java -jar $driver_jar http://localhost:$port     # the story, against this service
EOT
  exec java -jar "$app_jar"
fi

echo "Starting the checkout service on port $port (log: $app_log)..." >&2
java -jar "$app_jar" >"$app_log" 2>&1 &
app_pid=$!
trap 'kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true' EXIT

status=0
java -jar "$driver_jar" "http://localhost:$port" || status=$?
if [ "$status" -eq 2 ]; then
  echo "The end of $app_log:" >&2
  tail -20 "$app_log" >&2
fi
exit "$status"
