#!/usr/bin/env bash
# Milliseconds from `java -jar` to /observe/health answering UP, for the packaged server on a fresh embedded store.
# Usage: bash bench/start-time.sh [jar] [port]   (defaults: backend/target/backend.jar, 18081; package it first)
set -euo pipefail
jar="${1:-backend/target/backend.jar}"; port="${2:-18081}"; data="$(mktemp -d)"
java_bin="$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64/bin/java 2>/dev/null || command -v java)"
start=$(date +%s%N)
DATA_DIR="$data" PORT="$port" HOST=127.0.0.1 BOOTSTRAP_ADMIN_EMAIL=admin@example.org \
  BOOTSTRAP_ADMIN_PASSWORD='a long enough passphrase here' "$java_bin" -jar "$jar" > "$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1200); do
  if curl -sf "http://127.0.0.1:$port/observe/health" 2>/dev/null | grep -q UP; then
    echo $(( ($(date +%s%N) - start) / 1000000 )); exit 0
  fi
  kill -0 $pid 2>/dev/null || { echo "the server stopped; see its log:" >&2; cat "$data/server.log" >&2; exit 1; }
  sleep 0.05
done
echo "not UP within 60 s" >&2; exit 1
