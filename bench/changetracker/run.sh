#!/usr/bin/env bash
# Commit -> client latency of change-tracking notifications with 1,000 subscribers (not a test).
#
#   bench/changetracker/run.sh [SUBSCRIBERS] [CHANGES]      (defaults 1000 and 200; 50 warm-up changes)
#   BENCH_TRANSPORT=vertx bench/changetracker/run.sh         the subscribers on the Vert.x transport (README,
#                                                             "The Vert.x transport"), the writer too
#
# The server is pinned to core 0 and the client to core 1 (taskset), as bench/run.sh pins them.
# Builds the WAR, adds the benchmark plugin (BenchProbe.java) in WEB-INF/lib of a copy, starts Payara Micro
# with the demo on (every connection auto-subscribed to Post), runs client.js (Node, bench/node's `ws`), stops the server.
# The embedded H2 by default; for PostgreSQL export YOCTOPUS_POSTGRES_URL=jdbc:postgresql://HOST:PORT/DB (and
# YOCTOPUS_POSTGRES_USER, YOCTOPUS_POSTGRES_PASSWORD) first: the server then gets the driver and the post-boot
# commands that make PostgreSQL its default data source (README, "PostgreSQL").
set -euo pipefail
cd "$(dirname "$0")/../.."

subscribers=${1:-1000}
changes=${2:-200}
port=${BENCH_PORT:-18181}
transport=${BENCH_TRANSPORT:-container}
payara_version=6.2025.10
work=target/bench-changetracker
rm -rf "$work"
mkdir -p "$work/classes/META-INF" "$work/war/WEB-INF/lib"

mvn -B -q -DskipTests package
postgres=()
if [[ -n "${YOCTOPUS_POSTGRES_URL:-}" ]]; then
    mvn -B -q dependency:copy -Dartifact=org.postgresql:postgresql:42.7.13 -DoutputDirectory="$work" -Dmdep.stripVersion=true
    postgres=(--addlibs "$work/postgresql.jar" --postbootcommandfile src/main/payara/postgres-postboot-commands.txt)
fi
mvn -B -q dependency:copy -Dartifact=fish.payara.extras:payara-micro:$payara_version:jar \
    -DoutputDirectory="$work" -Dmdep.stripVersion=true
api=$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0 -name 'jakarta.jakartaee-api-10.0.0.jar' | head -n 1)

javac -d "$work/classes" -cp "target/classes:$api" bench/changetracker/BenchProbe.java
printf '<beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>\n' \
    > "$work/classes/META-INF/beans.xml"
jar cf "$work/war/WEB-INF/lib/yoctopus-bench.jar" -C "$work/classes" .
cp target/yoctopus.war "$work/yoctopus-bench.war"
(cd "$work/war" && jar uf ../yoctopus-bench.war WEB-INF/lib/yoctopus-bench.jar)

# pings every 5 s (default 250 ms): 1,000 connections on a loaded 2-core machine would otherwise spend
# the benchmark answering pings, and a starved client could be dropped
client_port=$port
vertx=()
if [[ "$transport" == vertx ]]; then
    client_port=$((port + 1))
    vertx=(-Dyoctopus.transport.vertx.enabled=true -Dyoctopus.transport.vertx.port=$client_port)
elif [[ "$transport" != container ]]; then
    echo "BENCH_TRANSPORT is container or vertx, not $transport" >&2
    exit 2
fi
# BENCH_SERVER_FLAGS: more JVM flags for the server (a flight recording, say)
read -r -a extra <<< "${BENCH_SERVER_FLAGS:-}"
taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC -Dyoctopus.demo.enabled=true -Dyoctopus.ping-interval=5000 "${vertx[@]}" \
    "${extra[@]}" \
    -jar "$work/payara-micro.jar" --nohazelcast --port "$port" --prebootcommandfile src/main/payara/preboot-commands.txt "${postgres[@]}" \
    --deploy "$work/yoctopus-bench.war" --contextroot / >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    grep -q "Payara Micro .* ready" "$work/server.log" && break
    kill -0 $server 2>/dev/null || { tail -50 "$work/server.log"; exit 1; }
    sleep 1
done
grep -q "Payara Micro .* ready" "$work/server.log" || { echo "server not ready" >&2; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "transport: $transport (ws://127.0.0.1:$client_port/ws)"
if [[ ! -d bench/node/node_modules/ws ]]; then
    (cd bench/node && npm ci --no-audit --no-fund --loglevel=error)
fi
taskset -c 1 node bench/changetracker/client.js "ws://127.0.0.1:$client_port/ws" "$subscribers" 50 "$changes"
