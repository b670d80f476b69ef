#!/usr/bin/env bash
# Breakwater's Dev UI card tested in a real browser: starts the checkout example in dev mode on a free loopback port,
# runs devui-card.mjs (puppeteer-core driving Debian's headless Chromium) against it, and stops the application
# whatever happens. The build runs it in the integration-test phase of examples/checkout (see its pom.xml).
#
# Usage: run-devui-browser-test.sh <repository root> <Quarkus version> offline=<true or false, as Maven's -o>
# Needs chromium (or CHROMIUM=/path/to/chrome), node 18+ and npm. Without chromium it fails and says how to get it:
# CI installs it (.ci/run); a developer may instead skip this test with -Dbreakwater.devui.skip=true.
# Bounded in time: the application must answer within DEVUI_START_TIMEOUT_S (default 240) seconds, and each check
# in the browser waits at most DEVUI_TIMEOUT_MS (default 30000) milliseconds.
set -euo pipefail

root=$(cd "$1" && pwd)
quarkus_version=$2
offline=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$root/examples/checkout/target/devui-browser-test
start_timeout=${DEVUI_START_TIMEOUT_S:-240}

fail() {
  echo "Dev UI browser test FAILED: $*" >&2
  exit 1
}

if [ -n "${CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || fail "CHROMIUM=$CHROMIUM is not an executable file"
fi
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || fail "no Chromium found (looked for chromium and chromium-browser on the \
PATH, and CHROMIUM). Install it (Debian/Ubuntu: apt-get install -y chromium) or point CHROMIUM at a Chrome binary; \
or skip this test with -Dbreakwater.devui.skip=true"
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are needed (node 18 or newer)"

mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/devui-card.mjs" "$work/"
cd "$work"
# npm ci only when the lock file changed since the last install: a rebuild without network still runs the test.
if ! cmp -s package-lock.json node_modules/.installed-package-lock.json 2>/dev/null; then
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-package-lock.json
fi

port=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => {
  console.log(s.address().port); s.close(); })")
base=http://127.0.0.1:$port

maven_flags=(-B)
[ "$offline" = offline=true ] && maven_flags+=(-o)
began=$(date +%s)
# Its own session (setsid), so that stopping it stops the whole tree: the wrapper, Maven and the application's JVM.
# process-test-classes first: a module's test jar (impl/redis's, which impl/cdi's tests use) resolves from the
# reactor only once the module's tests are compiled in the same run.
setsid "$root/mvnw" "${maven_flags[@]}" -f "$root/pom.xml" -pl examples/checkout -am \
  process-test-classes "io.quarkus.platform:quarkus-maven-plugin:$quarkus_version:dev" \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Ddebug=false \
  -Dquarkus.console.enabled=false -Dquarkus.analytics.disabled=true -Dquarkus.test.continuous-testing=disabled \
  > dev-mode.log 2>&1 &
dev=$!

checks=
stop() {
  [ -z "$checks" ] || kill -TERM "$checks" 2>/dev/null || true
  kill -TERM -- "-$dev" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 -- "-$dev" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$dev" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "Dev UI browser test: checkout example in dev mode on $base (log: $work/dev-mode.log)"
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  kill -0 "$dev" 2>/dev/null || { tail -n 40 dev-mode.log >&2; fail "dev mode ended before it listened on $port"; }
  [ $(($(date +%s) - began)) -lt "$start_timeout" ] \
    || { tail -n 40 dev-mode.log >&2; fail "dev mode did not listen on $port within $start_timeout s"; }
  sleep 0.5
done
echo "Dev UI browser test: dev mode listening after $(($(date +%s) - began)) s"

# In the background and waited for: a signal to this script then stops everything at once, not after the checks.
CHROMIUM=$chromium node devui-card.mjs "$base" &
checks=$!
wait "$checks" || { tail -n 40 dev-mode.log >&2; fail "see the check above"; }
echo "Dev UI browser test: passed in $(($(date +%s) - began)) s"
