#!/usr/bin/env bash
# leakgate's load generator against autocannon, on one Node hello-world, in alternating pairs.
#
#   bench/load-vs-autocannon.sh [PAIRS]        (default 5 pairs; CONNECTIONS=10 and DURATION=10 seconds by default)
#   TEMPLATED=1 bench/load-vs-autocannon.sh    a fresh id in every request: leakgate's {{uuid}} against autocannon's
#                                              own id replacement (-I). autocannon replaces [<id>] in bodies only and
#                                              refuses it in a URL, so both POST /items {"id": "<a fresh id>"}
#
# Each pair runs `leakgate-cli.jar load URL --connections 10 --duration 10 --json` and `autocannon -c 10 -d 10 --json
# URL`, taking turns at going first, and compares requests per second: leakgate's `requestsPerSecond`, autocannon's
# own average (`requests.average`). Both figures include each tool's warm-up (JIT) and exclude its process start.
# Prints every pair and the median ratio leakgate/autocannon; exits 1 when that median is below 1.0.
set -euo pipefail

PAIRS=${1:-5}
CONNECTIONS=${CONNECTIONS:-10}
SECONDS_PER_RUN=${DURATION:-10}
BENCH=$(cd "$(dirname "$0")" && pwd)
JAR="$BENCH/../leakgate-core/target/leakgate-cli.jar"

if [ ! -f "$JAR" ]; then
  echo "Missing $JAR; build it first: mvn -B package -pl leakgate-core -DskipTests" >&2
  exit 2
fi
AUTOCANNON="$BENCH/node_modules/.bin/autocannon"
if [ ! -x "$AUTOCANNON" ]; then
  # One package.json serves both benchmarks: memlab's install scripts (a browser download) are not needed here.
  (cd "$BENCH" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund >&2)
fi
WORK=$(mktemp -d)

node "$BENCH/hello.js" > "$WORK/server.out" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do
  grep -q '^listening ' "$WORK/server.out" && break
  sleep 0.1
done
PORT=$(sed -n 's/^listening //p' "$WORK/server.out")
[ -n "$PORT" ] || { echo "hello.js did not start" >&2; exit 2; }
URL="http://127.0.0.1:$PORT/"
LEAKGATE_URL=$URL
LEAKGATE_ARGS=()
AUTOCANNON_ARGS=()
AUTOCANNON_URL=$URL
if [ "${TEMPLATED:-0}" = 1 ]; then
  LEAKGATE_URL="${URL}items"
  LEAKGATE_ARGS=(--method POST --content-type application/json --body '{"id": "{{uuid}}"}')
  AUTOCANNON_URL="${URL}items"
  AUTOCANNON_ARGS=(-I -m POST -H content-type=application/json -b '{"id": "[<id>]"}')
fi

json_field() { # FILE EXPRESSION: evaluates EXPRESSION on the JSON object in FILE, bound to `r`
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(eval(process.argv[2]))' "$1" "$2"
}

run_leakgate() {
  java -jar "$JAR" load "$LEAKGATE_URL" "${LEAKGATE_ARGS[@]}" --connections "$CONNECTIONS" --duration "$SECONDS_PER_RUN" --json > "$WORK/leakgate.json"
  json_field "$WORK/leakgate.json" 'Math.round(r.requestsPerSecond)'
}

run_autocannon() {
  "$AUTOCANNON" -c "$CONNECTIONS" -d "$SECONDS_PER_RUN" "${AUTOCANNON_ARGS[@]}" --json "$AUTOCANNON_URL" > "$WORK/autocannon.json" 2> "$WORK/autocannon.err" \
    || { cat "$WORK/autocannon.err" >&2; exit 2; }
  json_field "$WORK/autocannon.json" 'Math.round(r.requests.average)'
}

echo "leakgate load vs autocannon $(json_field "$BENCH/node_modules/autocannon/package.json" r.version):" \
  "$CONNECTIONS connections, $SECONDS_PER_RUN s per run, $PAIRS pairs, Node $(node --version) hello-world:" \
  "leakgate ${LEAKGATE_ARGS[*]} on $LEAKGATE_URL, autocannon ${AUTOCANNON_ARGS[*]} on $AUTOCANNON_URL"
# Neither contender should meet a cold server.
"$AUTOCANNON" -c "$CONNECTIONS" -d 2 "$URL" > /dev/null 2>&1

RATIOS=()
for pair in $(seq "$PAIRS"); do
  if [ $((pair % 2)) -eq 1 ]; then
    LEAKGATE=$(run_leakgate); AUTOCANNON_RATE=$(run_autocannon)
  else
    AUTOCANNON_RATE=$(run_autocannon); LEAKGATE=$(run_leakgate)
  fi
  RATIO=$(node -p "($LEAKGATE / $AUTOCANNON_RATE).toFixed(2)")
  RATIOS+=("$RATIO")
  echo "pair $pair: leakgate $LEAKGATE req/s, autocannon $AUTOCANNON_RATE req/s, ratio $RATIO"
done

MEDIAN=$(node -p "const r = '${RATIOS[*]}'.split(' ').map(Number).sort((a, b) => a - b);
  (r.length % 2 ? r[(r.length - 1) / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2).toFixed(2)")
echo "median ratio leakgate/autocannon: $MEDIAN (target: at least 1.00)"
node -e "process.exit($MEDIAN >= 1 ? 0 : 1)"
