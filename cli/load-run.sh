#!/usr/bin/env bash
# Load run of Encrypt against cks xks-proxy over loopback HTTPS with keep-alive, the proxy and the
# client in separate JVMs: the most requests per second on 8 connections (closed loop), then
# p50/p99 latency at a steady 5,000 requests per second (open loop), each with the CPU time per
# request of client and proxy. Each run warms up first. Hold the shared lock so that no other
# measurement runs at the same time:
#
#   ./mvnw -B -ntp -pl cli -am package -DskipTests
#   flock /tmp/cks-bench.lock bash cli/load-run.sh
#
# Environment: JAR (default cli/target/cks.jar), PORT (default 18443), WARMUP and DURATION in
# seconds (default 15 and 20), RATE (default 5000), CONNECTIONS (default 8).
set -euo pipefail
jar="${JAR:-$(dirname "$0")/target/cks.jar}"
work="$(mktemp -d)"
port="${PORT:-18443}"
trap 'kill "$proxy" 2>/dev/null || true; rm -rf "$work"' EXIT

java -jar "$jar" xks-proxy --write-config "$work/store.json" >/dev/null
# The per-request log lines are DEBUG; INFO keeps them out of the measurement.
java -Dorg.slf4j.simpleLogger.log.dev.cks.local.requests=info -jar "$jar" xks-proxy \
  --port "$port" --config "$work/store.json" --key k1 --cert-out "$work/proxy.pem" \
  >"$work/proxy.out" 2>&1 &
proxy=$!
for _ in $(seq 1 100); do
  grep -q "XKS proxy serving" "$work/proxy.out" 2>/dev/null && break
  kill -0 "$proxy" 2>/dev/null || break
  sleep 0.2
done
if ! kill -0 "$proxy" 2>/dev/null || ! grep -q "XKS proxy serving" "$work/proxy.out"; then
  echo "the proxy did not start on port $port:" >&2
  cat "$work/proxy.out" >&2
  exit 1
fi

common=(--port "$port" --config "$work/store.json" --trust "$work/proxy.pem" --key k1
  --connections "${CONNECTIONS:-8}" --warmup "${WARMUP:-15}" --duration "${DURATION:-20}"
  --timeout-ms 5000 --server-pid "$proxy")
java -jar "$jar" load-xks "${common[@]}"
java -jar "$jar" load-xks "${common[@]}" --rate "${RATE:-5000}"
