#!/usr/bin/env bash
# The store bench (bench/README.md, "The store as users run it"): builds the packaged server and the bench, then
# StoreBench seeds the default store and a memory store, runs the packaged server on each in its own process and
# loads it with autocannon. Knobs are environment variables, e.g.
#   USERS=50 PER_USER=50 DURATION=3 bash bench/store-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q -pl bench -am verify -Pstore-bench -DskipTests
