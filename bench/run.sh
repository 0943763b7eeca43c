#!/usr/bin/env bash
# The Yoctopus benchmarks. One command runs everything and rewrites the benchmark section of
# bench/RESULTS.md (other sections of that file are kept):
#
#   bash bench/run.sh            # full run, about 30 minutes
#   bash bench/run.sh --smoke    # CI: a few seconds per server at C=10 (both WARs on WildFly and Open Liberty
#                                # too), a small fan-out and a few idle connections; asserts that every reply was
#                                # correct and no idle connection was dropped (not any speed); leaves RESULTS.md
#                                # alone; 2-3 minutes
#   BENCH_SCENARIOS="idlecpu fanout" bash bench/run.sh   # only these scenarios of the full run; the report
#                                # goes to bench/target/run/RESULTS.md and bench/RESULTS.md is left alone
#   BENCH_SCENARIOS="servers" BENCH_LEVELS="50" BENCH_ROUNDS=2 bash bench/run.sh   # the round trips on the
#                                # three servers (WildFly and Open Liberty beside Payara Micro and Node), shorter
#   BENCH_SCENARIOS=cluster bash bench/run.sh   # two clustered Payara Micros against one: fan-out and the
#                                # grid's added latency, about 5 minutes
#
# Needs Java 17, Maven 3.8+, Node.js 18+ with npm (the smoke run skips Node when it is missing), taskset.
# WildFly and Open Liberty are the main build's (pom.xml's profiles wildfly and liberty unpack them into
# target/); when they are missing, the script has Maven unpack them.
# Method, servers and scenarios: bench/README.md. Every process started here is stopped by its PID.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH=$ROOT/bench
OUT=$BENCH/target/run
SMOKE=0
if [[ "${1:-}" == "--smoke" || "${BENCH_SMOKE:-0}" == "1" ]]; then
    SMOKE=1
fi
PORT_BASE=${BENCH_PORT_BASE:-18100}        # never 8080
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_ROUND=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-30}
LEVELS=${BENCH_LEVELS:-"1 50 500"}
IDLE_CONNS=${BENCH_IDLE_CONNS:-10000}
FAN_REPS=5
# the cluster scenario: fan-out repetitions (p50 and p99 over them) and spaced messages for the latency
CLUSTER_REPS=${BENCH_CLUSTER_REPS:-100}
CLUSTER_MESSAGES=${BENCH_CLUSTER_MESSAGES:-2000}
# the scenarios of the full run (bench/README.md); a subset writes its report under bench/target/run only
# (servers: the round trips of roundtrips on WildFly and Open Liberty too, in the same rounds)
# (cluster: the framework on two Payara Micro instances of one data grid against one; not in --smoke)
ALL_SCENARIOS="roundtrips servers remedy samethread fanout baremem idlecpu cluster"
SCENARIOS=${BENCH_SCENARIOS:-$ALL_SCENARIOS}
for scenario in $SCENARIOS; do
    if [[ " $ALL_SCENARIOS " != *" $scenario "* ]]; then
        echo "unknown scenario $scenario in BENCH_SCENARIOS (known: $ALL_SCENARIOS)" >&2
        exit 2
    fi
done
wants() {
    [[ " $SCENARIOS " == *" $1 "* ]]
}
# the framework WAR measured: the one built here unless BENCH_WAR names another (an older commit's, say)
FRAMEWORK_WAR=${BENCH_WAR:-$ROOT/target/yoctopus.war}
# the idle-CPU scenario: the seed's liveness settings (its defaults, and the framework's), a settling time,
# and consecutive windows in which the server's CPU is measured
SEED_PINGS=(250 3)
IDLE_SETTLE=10
IDLE_WINDOW=${BENCH_IDLE_WINDOW:-10}
IDLE_WINDOWS=3
# the same JVM flags for every Java server (the framework and the bare endpoint, on every server)
JVM_FLAGS=(-Xms1g -Xmx1g -XX:+UseG1GC -Dyoctopus.demo.enabled=true)
SERVER_CPU=0
CLIENT_CPU=1

rm -rf "$OUT"
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: > "$RESULTS"
STARTED=$(date +%s)

# ------------------------------------------------------------------ processes, stopped by PID
PIDS=()
stop_pid() {
    local pid=$1
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}
stop_all() {
    local pid
    for pid in "${PIDS[@]}"; do
        stop_pid "$pid"
    done
    PIDS=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ open files
# 10,000 connections take 10,000 descriptors in the server and as many in the client (separate processes):
# raise the soft limit to the hard limit, and shrink the idle scenario if even that is too low.
HARD=$(ulimit -Hn)
if [[ "$HARD" != "unlimited" ]]; then
    ulimit -Sn "$HARD"
    if (( IDLE_CONNS + 2000 > HARD )); then
        IDLE_CONNS=$(( HARD - 2000 ))
        echo "open-file limit $HARD: idle scenario reduced to $IDLE_CONNS connections"
    fi
fi

# ------------------------------------------------------------------ build
if [[ -n "${BENCH_WAR:-}" ]]; then
    echo "== measuring the framework WAR $FRAMEWORK_WAR (BENCH_WAR)"
    [[ -f "$FRAMEWORK_WAR" ]] || { echo "no such WAR: $FRAMEWORK_WAR" >&2; exit 1; }
elif [[ $SMOKE == 1 && -f "$ROOT/target/yoctopus.war" ]]; then
    echo "== using the WAR already built: target/yoctopus.war"
else
    echo "== building the framework WAR"
    mvn -B -q -DskipTests package
fi
echo "== building the load generator and the bare endpoint"
mvn -B -q -f "$BENCH/pom.xml" package
HAVE_NODE=0
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    HAVE_NODE=1
    if [[ ! -d "$BENCH/node/node_modules/ws" ]]; then
        (cd "$BENCH/node" && npm ci --no-audit --no-fund --loglevel=error)
    fi
elif [[ $SMOKE == 0 ]]; then
    echo "Node.js and npm are needed for the baseline" >&2
    exit 1
else
    echo "== Node.js not found: the smoke run skips the Node baseline"
fi

# WildFly and Open Liberty, as the main build unpacks them (pom.xml, profiles wildfly and liberty)
pom_property() {
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1
}
WILDFLY_VERSION=$(pom_property wildfly.version)
LIBERTY_VERSION=$(pom_property openliberty.version)
WILDFLY_HOME=$ROOT/target/wildfly-$WILDFLY_VERSION
LIBERTY_HOME=$ROOT/target/liberty/wlp
if wants servers && [[ ! -x "$WILDFLY_HOME/bin/standalone.sh" || ! -x "$LIBERTY_HOME/bin/server"
        || ! -f "$LIBERTY_HOME/usr/shared/resources/h2/h2.jar" ]]; then
    echo "== unpacking WildFly $WILDFLY_VERSION and Open Liberty $LIBERTY_VERSION into target/ (the main build's executions)"
    mvn -B -q -Pwildfly,liberty dependency:unpack@unpack-wildfly dependency:unpack@unpack-liberty \
        dependency:copy@copy-liberty-h2
fi

MICRO=$BENCH/target/payara-micro.jar
BARE_WAR=$BENCH/bare/target/bare.war
BARE_VERTX="$BENCH/barevertx/target/barevertx.jar:$BENCH/barevertx/target/lib/*"
LOADGEN=(taskset -c "$CLIENT_CPU" java -Xms512m -Xmx2g -XX:+UseG1GC
    -cp "$BENCH/loadgen/target/loadgen.jar:$BENCH/loadgen/target/lib/*" io.yoctopus.bench.LoadGen)

# ------------------------------------------------------------------ servers
declare -A PID_OF PORT_OF
# start_payara NAME WAR PORT [extra JVM flags...]: fresh server pinned to the server core at launch; without a
# data grid (--nohazelcast) unless GRID gives Payara Micro's clustering options (the cluster scenario)
start_payara() {
    local name=$1 war=$2 port=$3 grid=(--nohazelcast)
    shift 3
    [[ -n "${GRID:-}" ]] && read -r -a grid <<< "$GRID"
    mkdir -p "$OUT/$name-root"
    # the product's pre-boot commands (the README's run command uses them too) lift the 4,096-task limit of
    # Grizzly's worker queue, which otherwise drops the reads of thousands of connections sending at once
    taskset -c "$SERVER_CPU" java "${JVM_FLAGS[@]}" "$@" -jar "$MICRO" "${grid[@]}" --port "$port" \
        --prebootcommandfile "${PREBOOT:-$ROOT/src/main/payara/preboot-commands.txt}" \
        --rootdir "$OUT/$name-root" --deploy "$war" --contextroot / > "$OUT/$name.log" 2>&1 &
    track "$name" $! "$port" "ready in" 180 "Payara Micro"
}
# start_node NAME PORT [PING_INTERVAL MAX_LOST_PINGS]: with the last two, it runs the seed's ping loop
start_node() {
    local name=$1 port=$2
    shift 2
    taskset -c "$SERVER_CPU" node --expose-gc "$BENCH/node/server.js" "$port" "$OUT/$name-memory.json" "$@" \
        > "$OUT/$name.log" 2>&1 &
    track "$name" $! "$port" "listening" 10 "Node ws server"
}
# start_bare_vertx NAME PORT: the bare Vert.x endpoint (bench/barevertx), a plain JVM with the same flags, pinned
start_bare_vertx() {
    local name=$1 port=$2
    taskset -c "$SERVER_CPU" java "${JVM_FLAGS[@]}" -cp "$BARE_VERTX" io.yoctopus.bench.barevertx.BareVertx "$port" \
        > "$OUT/$name.log" 2>&1 &
    track "$name" $! "$port" "listening on" 60 "bare Vert.x endpoint"
}
# start_vertx NAME WAR PORT VERTX_PORT [extra JVM flags...]: a Payara Micro whose WAR also serves on the Vert.x
# transport (README, "The Vert.x transport"); the load goes to the Vert.x port, the CPU is the whole process's
start_vertx() {
    local name=$1 war=$2 port=$3 vertx_port=$4
    shift 4
    start_payara "$name" "$war" "$port" -Dyoctopus.transport.vertx.enabled=true \
        -Dyoctopus.transport.vertx.port="$vertx_port" "$@"
    PORT_OF[$name]=$vertx_port
}
# start_wildfly NAME WAR PORT: a fresh WildFly of its own (a copy of the dist's standalone/configuration as its
# base directory, the WAR as ROOT.war at context root /), pinned to the server core; the default standalone.xml,
# as `mvn -Pwildfly package wildfly:run` runs it. HTTP on PORT; its other ports (HTTPS, management, the
# transaction manager's, 4712 to 9993) move by an offset of 10,000 plus ten times the port's distance from the first
# bench port, so that two WildFlys never share one.
start_wildfly() {
    local name=$1 war=$2 port=$3 base=$OUT/$1-base
    local offset=$(( 10000 + 10 * (port - PORT_BASE) ))
    mkdir -p "$base/configuration" "$base/deployments"
    find "$WILDFLY_HOME/standalone/configuration" -maxdepth 1 -type f -exec cp {} "$base/configuration/" \;
    cp "$war" "$base/deployments/ROOT.war"
    # JAVA_OPTS replaces standalone.conf's defaults (heap and these three): the same JVM flags as the others
    JAVA_OPTS="${JVM_FLAGS[*]} -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true" \
        LAUNCH_JBOSS_IN_BACKGROUND=true JBOSS_PIDFILE="$OUT/$name.pid" \
        taskset -c "$SERVER_CPU" "$WILDFLY_HOME/bin/standalone.sh" -Djboss.server.base.dir="$base" \
        -Djboss.socket.binding.port-offset="$offset" -Djboss.http.port=$(( port - offset )) > "$OUT/$name.log" 2>&1 &
    # standalone.sh stays as the JVM's parent and passes TERM on; the server's PID is the JVM's, from the PID file
    track "$name" $! "$port" "WFLYSRV0025" 300 "WildFly $WILDFLY_VERSION" "WFLYSRV0026" "$OUT/$name.pid"
}
# start_liberty NAME WAR PORT: a fresh Open Liberty server of its own (WLP_USER_DIR in the run's directory) with
# the WAR's configuration from src/main/liberty/config (yoctopus.xml and its default data source, H2 as the shared
# library the main build copied), the WAR at context root /, pinned to the server core. `server run` execs the JVM.
start_liberty() {
    local name=$1 war=$2 port=$3 user=$OUT/$1-usr
    local server=$user/servers/$name
    mkdir -p "$server" "$user/shared/resources/h2"
    cp "$ROOT/src/main/liberty/config/yoctopus.xml" "$ROOT/src/main/liberty/config/h2.xml" "$server/"
    cp "$LIBERTY_HOME/usr/shared/resources/h2/h2.jar" "$user/shared/resources/h2/"
    cat > "$server/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<server description="bench/run.sh: $name">
    <include location="yoctopus.xml"/>
    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$port" httpsPort="-1"/>
    <webApplication location="$war" contextRoot="/"/>
</server>
XML
    printf '%s\n' "${JVM_FLAGS[@]}" > "$server/jvm.options"
    WLP_USER_DIR=$user taskset -c "$SERVER_CPU" "$LIBERTY_HOME/bin/server" run "$name" > "$OUT/$name.log" 2>&1 &
    # ready once the application has started (CWWKZ0001I) and the server too (CWWKF0011I)
    track "$name" $! "$port" "CWWKZ0001I" 300 "Open Liberty $LIBERTY_VERSION" "CWWKZ0002E"
    await_log "$name" "CWWKF0011I" 120 "CWWKZ0002E" || { echo "$name did not start; its log: $OUT/$name.log" >&2; exit 1; }
}
# track NAME PID PORT READY_TEXT SECONDS LABEL [FAILED_TEXT [PID_FILE]]: remembers the server, then waits until its
# log says it is ready; with a PID file, PID is a launcher and the server's own PID (the one measured) is in the file
declare -A LAUNCHER_OF
track() {
    local name=$1 pid=$2 port=$3 ready=$4 seconds=$5 label=$6 failed=${7:-} pidfile=${8:-}
    PIDS+=("$pid")
    PID_OF[$name]=$pid
    PORT_OF[$name]=$port
    if await_log "$name" "$ready" "$seconds" "$failed"; then
        if [[ -n "$pidfile" ]]; then
            LAUNCHER_OF[$name]=$pid
            PID_OF[$name]=$(cat "$pidfile")
            PIDS+=("${PID_OF[$name]}")
        fi
        echo "== $name: $label ready on port $port (pid ${PID_OF[$name]})"
        return 0
    fi
    # a launcher's server is stopped by its own PID too
    [[ -n "$pidfile" && -s "$pidfile" ]] && PIDS+=("$(cat "$pidfile")")
    echo "$name did not start; its log: $OUT/$name.log" >&2
    tail -40 "$OUT/$name.log" >&2
    exit 1
}
# await_log NAME TEXT SECONDS [FAILED_TEXT]: until the server's log has TEXT; fails when the server ends, the log
# has FAILED_TEXT, or the time is up
await_log() {
    local name=$1 text=$2 seconds=$3 failed=${4:-}
    for _ in $(seq 1 $(( seconds * 10 ))); do
        if grep -qs "$text" "$OUT/$name.log"; then
            return 0
        fi
        if [[ -n "$failed" ]] && grep -qs "$failed" "$OUT/$name.log"; then
            return 1
        fi
        if ! kill -0 "${PID_OF[$name]}" 2>/dev/null; then
            return 1
        fi
        sleep 0.1
    done
    return 1
}
stop_server() {
    local name=$1 pid=${PID_OF[$1]} launcher=${LAUNCHER_OF[$1]:-} kept=() p
    stop_pid "$pid"
    [[ -n "$launcher" ]] && stop_pid "$launcher"
    for p in "${PIDS[@]}"; do
        [[ "$p" != "$pid" && "$p" != "$launcher" ]] && kept+=("$p")
    done
    PIDS=("${kept[@]+"${kept[@]}"}")
}
url() {
    echo "ws://127.0.0.1:${PORT_OF[$1]}/ws"
}
# rt NAME LABEL C ROUND WARMUP SECONDS [results file]: fails on any wrong or missing reply; a full run
# goes on (the round is kept in the results with its failures, and the run exits with status 1 at the end)
FAILED_ROUNDS=0
rt() {
    if [[ $SMOKE == 0 ]]; then
        rt_once "$@" || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    else
        rt_once "$@"
    fi
}
rt_once() {
    "${LOADGEN[@]}" rt --url "$(url "$1")" --pid "${PID_OF[$1]}" --server "$2" --conns "$3" --round "$4" \
        --warmup "$5" --seconds "$6" --out "${7:-$RESULTS}"
}
# idle_cpu NAME LABEL PINGING PINGS_EXPECTED CONNS SETTLE WINDOW WINDOWS PREWARM [results file]: idle
# connections that only answer pings, the server's CPU over the windows; fails when a connection is dropped
idle_cpu() {
    "${LOADGEN[@]}" idle --url "$(url "$1")" --pid "${PID_OF[$1]}" --server "$2" --pinging "$3" --pings "$4" \
        --conns "$5" --settle "$6" --window "$7" --windows "$8" --prewarm "$9" --out "${10:-$RESULTS}"
}
# ------------------------------------------------------------------ the machine
machine() {
    echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "kernel:      $(uname -sr)"
    echo "cpu:         $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "memory:      $(free -m | awk '/Mem:/ {print $2 " MB"}')"
    echo "java:        $(java -version 2>&1 | head -1)"
    echo "node:        $( (node --version 2>/dev/null || echo none) ) ws $(sed -n 's/.*"ws": "\(.*\)".*/\1/p' "$BENCH/node/package.json")"
    echo "payara:      Payara Micro $(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$BENCH/pom.xml")"
    if wants servers; then
        echo "wildfly:     WildFly $WILDFLY_VERSION (standalone.xml)"
        echo "liberty:     Open Liberty $LIBERTY_VERSION (src/main/liberty/config/yoctopus.xml)"
    fi
    echo "open files:  soft $(ulimit -Sn), hard $(ulimit -Hn)"
    echo "JVM flags of every Java server: ${JVM_FLAGS[*]}"
}
snapshot() {
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "busiest processes:"
    ps -eo pid,pcpu,etime,args --sort=-pcpu | head -8 | cut -c1-160 | sed 's/^/  /'
}

# ================================================================== smoke
if [[ $SMOKE == 1 ]]; then
    # the framework's server serves on the Vert.x transport too (no third server to start): a few seconds more
    start_payara framework "$FRAMEWORK_WAR" $((PORT_BASE + 3)) -Dyoctopus.transport.vertx.enabled=true \
        -Dyoctopus.transport.vertx.port=$((PORT_BASE + 19))
    PID_OF[framework-vertx]=${PID_OF[framework]}
    PORT_OF[framework-vertx]=$((PORT_BASE + 19))
    start_payara bare "$BARE_WAR" $((PORT_BASE + 2))
    start_bare_vertx bare-vertx $((PORT_BASE + 26))
    rt framework framework 10 smoke 1 3 "$OUT/smoke.tsv"
    rt framework-vertx framework-vertx 10 smoke 1 3 "$OUT/smoke.tsv"
    rt bare bare 10 smoke 1 3 "$OUT/smoke.tsv"
    rt bare-vertx bare-vertx 10 smoke 1 3 "$OUT/smoke.tsv"
    "${LOADGEN[@]}" fanout --url "$(url framework)" --pid "${PID_OF[framework]}" --server framework \
        --conns 100 --reps 2 --warmup-reps 1 --probe jvm --histograms "$OUT/framework" --out "$OUT/smoke.tsv"
    "${LOADGEN[@]}" fanout --url "$(url bare)" --pid "${PID_OF[bare]}" --server bare \
        --conns 100 --fanout false --probe jvm --histograms "$OUT/bare" --out "$OUT/smoke.tsv"
    # idle CPU: only that nothing fails (no idle connection dropped, pings where they are expected)
    idle_cpu framework framework "250 ms, 3 lost (defaults)" true 200 2 2 1 0 "$OUT/smoke.tsv"
    if [[ $HAVE_NODE == 1 ]]; then
        start_node node $((PORT_BASE + 1))
        rt node node 10 smoke 1 3 "$OUT/smoke.tsv"
        "${LOADGEN[@]}" fanout --url "$(url node)" --pid "${PID_OF[node]}" --server node \
            --conns 100 --reps 2 --warmup-reps 1 --probe none --out "$OUT/smoke.tsv"
        idle_cpu node node none false 200 2 2 1 0 "$OUT/smoke.tsv"
        start_node node-pings $((PORT_BASE + 11)) "${SEED_PINGS[@]}"
        idle_cpu node-pings node-pings "the seed's loop, ${SEED_PINGS[0]} ms, ${SEED_PINGS[1]} lost" true 200 2 2 1 0 \
            "$OUT/smoke.tsv"
    fi
    # WildFly and Open Liberty: both WARs deploy unchanged and answer correctly; one server at a time
    if wants servers; then
        for server in wildfly liberty; do
            start_$server bare-$server "$BARE_WAR" $((PORT_BASE + 14))
            start_$server framework-$server "$FRAMEWORK_WAR" $((PORT_BASE + 15))
            rt bare-$server bare-$server 10 smoke 1 3 "$OUT/smoke.tsv"
            rt framework-$server framework-$server 10 smoke 1 3 "$OUT/smoke.tsv"
            stop_server framework-$server
            stop_server bare-$server
        done
    fi
    # the report, its histograms and charts too, into bench/target (RESULTS.md is left alone)
    machine > "$OUT/machine.txt"
    "${LOADGEN[@]}" report --results "$OUT/smoke.tsv" --env "$OUT/machine.txt" --target "$OUT/RESULTS.md" \
        --histograms "$OUT" --command "bash bench/run.sh --smoke" --date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
        --duration "$(( $(date +%s) - STARTED )) s"
    echo "== smoke run passed: every reply was correct, no idle connection was dropped"
    exit 0
fi

# ================================================================== full run
{ machine; echo; echo "at the start of the run:"; snapshot; } > "$OUT/machine.txt"
read -r _ u0 n0 s0 i0 w0 q0 sq0 st0 _ < /proc/stat

# ---- 1. round trips: Node, the bare endpoint, the framework (with servers: on WildFly and Open Liberty too, in
#      the same rounds); fresh, warmed, alternated
if wants roundtrips || wants servers; then
    start_node node $((PORT_BASE + 1))
    start_payara bare "$BARE_WAR" $((PORT_BASE + 2))
    start_payara framework "$FRAMEWORK_WAR" $((PORT_BASE + 3))
    start_vertx framework-vertx "$FRAMEWORK_WAR" $((PORT_BASE + 18)) $((PORT_BASE + 19))
    start_bare_vertx bare-vertx $((PORT_BASE + 26))
    servers=(node bare framework framework-vertx bare-vertx)
    if wants servers; then
        start_wildfly bare-wildfly "$BARE_WAR" $((PORT_BASE + 14))
        start_wildfly framework-wildfly "$FRAMEWORK_WAR" $((PORT_BASE + 15))
        start_liberty bare-liberty "$BARE_WAR" $((PORT_BASE + 16))
        start_liberty framework-liberty "$FRAMEWORK_WAR" $((PORT_BASE + 17))
        servers+=(bare-wildfly framework-wildfly bare-liberty framework-liberty)
    fi
    for name in "${servers[@]}"; do
        echo "== warming up $name for ${WARMUP} s"
        rt "$name" "$name" 50 warmup 0 "$WARMUP" "$OUT/warmup.tsv"
    done
    # within a round every server takes its turn; the order rotates from round to round
    for c in $LEVELS; do
        for round in $(seq 1 "$ROUNDS"); do
            for i in "${!servers[@]}"; do
                name=${servers[$(( (i + round - 1) % ${#servers[@]} ))]}
                rt "$name" "$name" "$c" "$round" 2 "$SECONDS_PER_ROUND"
            done
        done
    done
    for name in "${servers[@]}"; do
        stop_server "$name"
    done
fi

# ---- 2. the remedy off: the same two WARs with -Dyoctopus.tyrus.plainScheduler=false
if wants remedy; then
    start_payara bare-before "$BARE_WAR" $((PORT_BASE + 4)) -Dyoctopus.tyrus.plainScheduler=false
    start_payara framework-before "$FRAMEWORK_WAR" $((PORT_BASE + 5)) -Dyoctopus.tyrus.plainScheduler=false
    for name in bare-before framework-before; do
        echo "== warming up $name for ${WARMUP} s"
        rt "$name" "$name" 50 warmup 0 "$WARMUP" "$OUT/warmup.tsv"
    done
    for round in $(seq 1 "$ROUNDS"); do
        order=(bare-before framework-before)
        (( round % 2 == 0 )) && order=(framework-before bare-before)
        for name in "${order[@]}"; do
            rt "$name" "$name" 50 "$round" 2 "$SECONDS_PER_ROUND"
        done
    done
    stop_server framework-before
    stop_server bare-before
fi

# ---- 2b. Grizzly's same-thread I/O strategy (measured, not shipped: a blocking handler would stall its selector)
if wants samethread; then
    { cat "$ROOT/src/main/payara/preboot-commands.txt"
      echo "set configs.config.server-config.network-config.transports.transport.tcp.io-strategy=org.glassfish.grizzly.strategies.SameThreadIOStrategy"
    } > "$OUT/samethread-preboot.txt"
    PREBOOT="$OUT/samethread-preboot.txt" start_payara framework-samethread "$FRAMEWORK_WAR" $((PORT_BASE + 10))
    echo "== warming up framework-samethread for ${WARMUP} s"
    rt framework-samethread framework-samethread 50 warmup 0 "$WARMUP" "$OUT/warmup.tsv"
    for c in 50 500; do
        for round in $(seq 1 "$ROUNDS"); do
            rt framework-samethread framework-samethread "$c" "$round" 2 "$SECONDS_PER_ROUND"
        done
    done
    stop_server framework-samethread
fi

# ---- 3. idle connections (memory, with class histograms) and fan-out, a fresh server each
if wants fanout; then
    start_payara framework-idle "$FRAMEWORK_WAR" $((PORT_BASE + 6))
    "${LOADGEN[@]}" fanout --url "$(url framework-idle)" --pid "${PID_OF[framework-idle]}" --server framework \
        --conns "$IDLE_CONNS" --reps "$FAN_REPS" --probe jvm --histograms "$OUT/framework" --out "$RESULTS" \
        || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server framework-idle
    # the Node baseline sends no pings: the same fan-out with the framework's pings off shows their share
    start_payara framework-nopings "$FRAMEWORK_WAR" $((PORT_BASE + 9)) -Dyoctopus.ping-interval=0
    "${LOADGEN[@]}" fanout --url "$(url framework-nopings)" --pid "${PID_OF[framework-nopings]}" \
        --server framework-nopings --conns "$IDLE_CONNS" --reps "$FAN_REPS" --probe none --out "$RESULTS" \
        || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server framework-nopings
    start_vertx framework-vertx-idle "$FRAMEWORK_WAR" $((PORT_BASE + 20)) $((PORT_BASE + 21))
    "${LOADGEN[@]}" fanout --url "$(url framework-vertx-idle)" --pid "${PID_OF[framework-vertx-idle]}" \
        --server framework-vertx --conns "$IDLE_CONNS" --reps "$FAN_REPS" --probe jvm --out "$RESULTS" \
        || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server framework-vertx-idle
    start_vertx framework-vertx-nopings "$FRAMEWORK_WAR" $((PORT_BASE + 27)) $((PORT_BASE + 28)) -Dyoctopus.ping-interval=0
    "${LOADGEN[@]}" fanout --url "$(url framework-vertx-nopings)" --pid "${PID_OF[framework-vertx-nopings]}" \
        --server framework-vertx-nopings --conns "$IDLE_CONNS" --reps "$FAN_REPS" --probe none --out "$RESULTS" \
        || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server framework-vertx-nopings
    start_node node-idle $((PORT_BASE + 7))
    "${LOADGEN[@]}" fanout --url "$(url node-idle)" --pid "${PID_OF[node-idle]}" --server node \
        --conns "$IDLE_CONNS" --reps "$FAN_REPS" --probe "node:$OUT/node-idle-memory.json" --out "$RESULTS" \
        || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server node-idle
fi
if wants baremem; then
    start_payara bare-idle "$BARE_WAR" $((PORT_BASE + 8))
    "${LOADGEN[@]}" fanout --url "$(url bare-idle)" --pid "${PID_OF[bare-idle]}" --server bare \
        --conns "$IDLE_CONNS" --fanout false --probe jvm --histograms "$OUT/bare" --out "$RESULTS" \
        || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server bare-idle
fi

# ---- 4. idle CPU: the framework's liveness against the seed's ping loop on Node, and Node pinging no one (the
#      floor); a fresh server each, the same connections and windows
if wants idlecpu; then
    start_payara framework-idlecpu "$FRAMEWORK_WAR" $((PORT_BASE + 12))
    idle_cpu framework-idlecpu framework "250 ms, 3 lost (defaults)" true "$IDLE_CONNS" "$IDLE_SETTLE" "$IDLE_WINDOW" \
        "$IDLE_WINDOWS" 200 || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server framework-idlecpu
    start_node node-pings $((PORT_BASE + 11)) "${SEED_PINGS[@]}"
    idle_cpu node-pings node-pings "the seed's loop, ${SEED_PINGS[0]} ms, ${SEED_PINGS[1]} lost" true "$IDLE_CONNS" \
        "$IDLE_SETTLE" "$IDLE_WINDOW" "$IDLE_WINDOWS" 200 || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server node-pings
    start_node node-nopings $((PORT_BASE + 13))
    idle_cpu node-nopings node none false "$IDLE_CONNS" "$IDLE_SETTLE" "$IDLE_WINDOW" "$IDLE_WINDOWS" 200 \
        || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    stop_server node-nopings
fi

# ---- 5. the cluster: two Payara Micro instances of one data grid on loopback (README, "Clustering"), against the
#      first alone before the second joins. Both instances are pinned to the server core, as every server is: on two
#      cores the other one is the load generator's, which receives all 10,000 notifications and must not compete
#      with a server; so the two instances share the one core a single instance has, and the figures show what
#      clustering costs (the grid's hop, a frame serialized and handled on both), not what a second machine adds.
if wants cluster; then
    grid_ports=($((PORT_BASE + 24)) $((PORT_BASE + 25)))
    # the grid on loopback only; pings every 2 s as ClusterIT has them: at the default 250 ms and 3 lost, a load
    # generator starved for a second and a half on the shared machine has its connections closed as dead (the
    # first run, at a load average of 14-18: the liveness checks closed 2,106 of A's connections and 1,518 of
    # B's, "silent for 1698 ms, 4 pings unanswered"; a fan-out then waits for connections that are gone)
    cluster_flags=(-Dhazelcast.socket.bind.any=false -Dyoctopus.ping-interval=2000)
    # cluster_grid GRID_PORT: Payara Micro's clustering options of one instance; every member named (a port range
    # together with --interfaces crashes Payara at start), a cluster name of this run's own
    cluster_grid() {
        echo "--clusterMode tcpip:127.0.0.1:${grid_ports[0]},127.0.0.1:${grid_ports[1]} --interfaces 127.0.0.1" \
            "--hzPublicAddress 127.0.0.1 --clusterName yoctopus-bench-$$ --startport $1"
    }
    GRID="$(cluster_grid "${grid_ports[0]}") --name cluster-a" start_payara cluster-a "$FRAMEWORK_WAR" \
        $((PORT_BASE + 22)) "${cluster_flags[@]}"
    grep -q "cluster: Hazelcast data grid" "$OUT/cluster-a.log" \
        || { echo "cluster-a is not on the data grid; its log: $OUT/cluster-a.log" >&2; exit 1; }
    echo "at the start of the cluster scenario:" >> "$OUT/machine.txt"
    snapshot >> "$OUT/machine.txt"
    measure_cluster() {
        "${LOADGEN[@]}" cluster --conns "$IDLE_CONNS" --reps "$CLUSTER_REPS" --warmup-reps 20 --receivers 20 \
            --messages "$CLUSTER_MESSAGES" --warmup-messages 500 --spacing 10 --out "$RESULTS" "$@" \
            || FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    }
    # one instance: every connection on A, a grid of one member (nothing published)
    measure_cluster --server one --urls "$(url cluster-a)" --pids "${PID_OF[cluster-a]}"
    GRID="$(cluster_grid "${grid_ports[1]}") --name cluster-b" start_payara cluster-b "$FRAMEWORK_WAR" \
        $((PORT_BASE + 23)) "${cluster_flags[@]}"
    # two instances: the load generator waits until a message sent on A reaches B before it measures
    measure_cluster --server two --urls "$(url cluster-a),$(url cluster-b)" \
        --pids "${PID_OF[cluster-a]},${PID_OF[cluster-b]}"
    stop_server cluster-b
    stop_server cluster-a
fi

# ---- the report
read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat
total=$(( (u1 + n1 + s1 + i1 + w1 + q1 + sq1 + st1) - (u0 + n0 + s0 + i0 + w0 + q0 + sq0 + st0) ))
{
    echo
    echo "at the end of the run:"
    snapshot
    echo "CPU steal over the whole run: $(awk -v s=$(( st1 - st0 )) -v t="$total" 'BEGIN { printf "%.2f%%", t ? 100 * s / t : 0 }')"
} >> "$OUT/machine.txt"
ELAPSED=$(( $(date +%s) - STARTED ))
# only a run of every scenario rewrites the section of bench/RESULTS.md; a subset reports beside its results
REPORT=$BENCH/RESULTS.md
COMMAND="bash bench/run.sh"
if [[ "$SCENARIOS" != "$ALL_SCENARIOS" ]]; then
    REPORT=$OUT/RESULTS.md
    COMMAND="BENCH_SCENARIOS=\"$SCENARIOS\" $COMMAND"
fi
"${LOADGEN[@]}" report --results "$RESULTS" --env "$OUT/machine.txt" --target "$REPORT" \
    --histograms "$OUT" \
    --command "$COMMAND" --date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    --duration "$(( ELAPSED / 60 )) min $(( ELAPSED % 60 )) s"
if (( FAILED_ROUNDS > 0 )); then
    echo "$FAILED_ROUNDS measurement(s) had wrong or missing replies or dropped idle connections:" \
        "see the log above and $REPORT" >&2
    exit 1
fi
