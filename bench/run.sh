#!/usr/bin/env bash
# Twofold benchmarks, one command: see bench/README.md.
#
#   bench/run.sh [--postgres | --both] [--devices N] [--warmup S] [--duration S]
#                [--no-startup | --startup-only] [--startup-runs N] [--jfr] [--endpoints] [--wait-idle]
#                [--recovery] [--directory [--directory-users N]] [--users-page [--users-page-identities N]]
#
# Builds the WAR if it is missing (mvn package -DskipTests in the repository root) and this bench project,
# starts the appliance (Payara Micro, target/payara-micro.jar) on a free port with a fresh data directory
# in /tmp — on H2 by default, on PostgreSQL with --postgres (embedded PostgreSQL 14, or a fresh database
# on TWOFOLD_TEST_PG_URL when set), on both one after the other with --both — runs the login benchmark
# against it, stops it, then runs the startup comparison (empty WAR vs twofold.war on H2).
# With --recovery, each appliance also runs the recovery benchmark (restores/s with the OTP captured from
# the benchmark's own SMTP server, duplications/s by QR) after the login benchmark.
# With --directory, each appliance runs the directory sync benchmark instead of the login benchmark (and no
# startup comparison): two real OpenLDAP slapd (bin/slapd-sandbox) with --directory-users N users (default
# 100000) and N/10, full syncs of both with time and heap, then incremental syncs of the big one.
# With --users-page, each appliance runs the users page benchmark instead (and no startup comparison): its database
# gets --users-page-identities N identities (default 1000000) and 2N devices by JDBC (on H2 with the appliance stopped,
# since it holds the file), then the dashboard's users page is timed in 8 scenarios against p95 <= 200 ms.
# Everything printed is also kept in bench/target/run-<date>.log.
# The figures in RESULTS.md come from: bench/run.sh --wait-idle --both --endpoints --startup-runs 3
# (directory sync: bench/run.sh --wait-idle --directory --both; users page: bench/run.sh --wait-idle --users-page --both)
#
# Defaults (flags win over environment): BENCH_DEVICES=8 BENCH_WARMUP=150 BENCH_DURATION=30
# BENCH_STARTUP_RUNS=1 BENCH_IDLE=10 BENCH_DIRECTORY_USERS=100000 BENCH_USERS_PAGE_IDENTITIES=1000000
# BENCH_PAGE_JIT_WARMUP=60 BENCH_PAGE_WARMUP=20 BENCH_PAGE_REQUESTS=200; BENCH_APPLIANCE_JAVA_OPTS (e.g.
# "-Xmx512m") goes to every Payara Micro JVM started here, BENCH_LOADGEN_JAVA_OPTS to the login
# benchmark's JVM; BENCH_KEEP=1 keeps the temporary directory (logs, data, with --directory the slapd
# sandboxes, LDIF files and the appliance's GC log).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DEVICES=${BENCH_DEVICES:-8}
WARMUP=${BENCH_WARMUP:-150}
DURATION=${BENCH_DURATION:-30}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-1}
IDLE=${BENCH_IDLE:-10}
APPLIANCE_JAVA_OPTS=${BENCH_APPLIANCE_JAVA_OPTS:-}
DATABASES=(h2)
LOGINS=1
STARTUP=1
JFR=0
ENDPOINTS=0
WAIT_IDLE=0
RECOVERY=0
DIRECTORY=0
DIRECTORY_USERS=${BENCH_DIRECTORY_USERS:-100000}
USERS_PAGE=0
USERS_PAGE_IDENTITIES=${BENCH_USERS_PAGE_IDENTITIES:-1000000}

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) DATABASES=(postgres) ;;
    --both) DATABASES=(h2 postgres) ;;
    --h2) DATABASES=(h2) ;;
    --devices) DEVICES=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --startup-runs) STARTUP_RUNS=$2; shift ;;
    --no-startup) STARTUP=0 ;;
    --startup-only) LOGINS=0 ;;
    --jfr) JFR=1 ;;
    --endpoints) ENDPOINTS=1 ;;
    --wait-idle) WAIT_IDLE=1 ;;
    --recovery) RECOVERY=1 ;;
    --directory) DIRECTORY=1 ;;
    --directory-users) DIRECTORY_USERS=$2; shift ;;
    --users-page) USERS_PAGE=1 ;;
    --users-page-identities) USERS_PAGE_IDENTITIES=$2; shift ;;
    -h|--help) usage 0 ;;
    *) echo "Unknown option $1" >&2; usage 2 ;;
  esac
  shift
done

mkdir -p "$BENCH_DIR/target"
RUN_LOG="$BENCH_DIR/target/run-$(date +%Y%m%d-%H%M%S).log"
exec > >(tee "$RUN_LOG") 2>&1

WORK=$(mktemp -d /tmp/twofold-bench.XXXXXX)
APP_PID=""
PG_PID=""
cleanup() {
  local slapd_dir
  for slapd_dir in "$WORK"/*/ldap/*/slapd; do
    [ -d "$slapd_dir" ] && "$ROOT/bin/slapd-sandbox" stop "$slapd_dir"
  done
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$PG_PID" ] && kill "$PG_PID" 2>/dev/null && wait "$PG_PID" 2>/dev/null || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

machine() {
  echo "== Machine"
  echo "date:   $(date)"
  echo "cores:  $(nproc)   CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "RAM:    $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "java:   $(java -version 2>&1 | head -1)"
  echo "load:   $(uptime | sed 's/.*load average/load average/')   (other work on the machine skews every figure)"
}

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! ss -Hltn "sport = :$port" | grep -q .; then echo "$port"; return; fi
  done
}

# --wait-idle: on a shared machine, start only once the 1-minute load average is below
# BENCH_IDLE_LOAD (0.8), checking every 30 s for at most BENCH_IDLE_WAIT_MIN (60) minutes.
if [ "$WAIT_IDLE" = 1 ]; then
  waited=0
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v max="${BENCH_IDLE_LOAD:-0.8}" 'BEGIN { exit !(l >= max) }'; do
    if [ $waited -ge $(( ${BENCH_IDLE_WAIT_MIN:-60} * 60 )) ]; then
      echo "still busy after ${BENCH_IDLE_WAIT_MIN:-60} min (load $(cut -d' ' -f1-3 /proc/loadavg)); running anyway"; break
    fi
    [ $waited = 0 ] && echo "waiting for an idle machine (load $(cut -d' ' -f1-3 /proc/loadavg))"
    sleep 30; waited=$((waited + 30))
  done
fi

machine

# --- build -----------------------------------------------------------------------------------
if [ ! -f "$ROOT/target/twofold.war" ] || [ ! -f "$ROOT/target/payara-micro.jar" ]; then
  echo "== Building the WAR (mvn -q -B package -DskipTests)"
  (cd "$ROOT" && mvn -q -B package -DskipTests)
fi
echo "== Building the bench project"
(cd "$BENCH_DIR" && mvn -q -B package)
CP="$BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/classpath.txt")"
PAYARA="$ROOT/target/payara-micro.jar"
WAR="$ROOT/target/twofold.war"
echo "WAR: $WAR ($(date -r "$WAR" '+%F %T'))"

# --- one appliance per database ---------------------------------------------------------------
# start_appliance DB [again]: PostgreSQL first when DB is postgres, then Payara Micro with a fresh data directory
# in $WORK/DB; sets APP_DIR APP_LABEL APP_PORT APP_PASSWORD APP_PID DB_PID SMTP_PORT (and PG_PID).
# "again" (H2 only) boots on the data directory and first admin password of the previous start.
start_appliance() {
  local db=$1 again=${2:-} env=()
  APP_DIR="$WORK/$db"
  DB_PID=""
  mkdir -p "$APP_DIR"
  if [ "$db" = postgres ]; then
    APP_LABEL=PostgreSQL
    java -cp "$CP" org.twofold.bench.BenchPostgres --dir="$APP_DIR/postgres" --env-file="$APP_DIR/db.env" &
    PG_PID=$!
    for _ in $(seq 1 240); do
      [ -f "$APP_DIR/db.env" ] && break
      kill -0 "$PG_PID" 2>/dev/null || { wait "$PG_PID" || true; PG_PID=""; [ -f "$APP_DIR/db.env" ] && break; echo "PostgreSQL did not start" >&2; return 1; }
      sleep 0.5
    done
    [ -f "$APP_DIR/db.env" ] || { echo "PostgreSQL did not start within 2 minutes" >&2; return 1; }
    # shellcheck disable=SC1091
    . "$APP_DIR/db.env"
    env=(TWOFOLD_DB_URL="$TWOFOLD_DB_URL" TWOFOLD_DB_USER="$TWOFOLD_DB_USER" TWOFOLD_DB_PASSWORD="$TWOFOLD_DB_PASSWORD")
    DB_PID=$BENCH_DB_PID
  else
    APP_LABEL=H2
  fi
  APP_PORT=$(free_port)
  [ -n "$again" ] || APP_PASSWORD="bench-$RANDOM$RANDOM-admin"
  SMTP_PORT=$(free_port)
  # the recovery benchmark acts from one client address per worker (X-Forwarded-For), as real phones would
  env+=(TWOFOLD_MAIL_HOST=127.0.0.1 TWOFOLD_MAIL_PORT="$SMTP_PORT" TWOFOLD_HTTP_TRUSTED_PROXIES=127.0.0.1)
  echo
  echo "== Starting the appliance on $APP_LABEL (port $APP_PORT, data $APP_DIR/data)"
  local started=$SECONDS
  # shellcheck disable=SC2086
  (cd "$APP_DIR" && exec env "${env[@]}" TWOFOLD_DATA_DIR="$APP_DIR/data" TWOFOLD_ADMIN_INITIAL_PASSWORD="$APP_PASSWORD" \
      java $APPLIANCE_JAVA_OPTS -jar "$PAYARA" --nocluster --deploy "$WAR" --port "$APP_PORT") \
      > "$APP_DIR/payara.log" 2>&1 &
  APP_PID=$!
  until curl -sf "http://127.0.0.1:$APP_PORT/health/ready" > /dev/null; do
    if ! kill -0 "$APP_PID" 2>/dev/null || [ $((SECONDS - started)) -gt 300 ]; then
      echo "The appliance did not become ready; last log lines:" >&2; tail -40 "$APP_DIR/payara.log" >&2; return 1
    fi
    sleep 0.5
  done
  echo "ready after $((SECONDS - started)) s (pid $APP_PID); load $(cut -d' ' -f1-3 /proc/loadavg)"
  JFR_FILE="$BENCH_DIR/target/appliance-$db.jfr"
  if [ "$JFR" = 1 ]; then
    # recorded from ready on (boot excluded)
    rm -f "$JFR_FILE"
    jcmd "$APP_PID" JFR.start name=bench settings=profile filename="$JFR_FILE" > /dev/null
    echo "JFR recording the appliance to $JFR_FILE"
  fi
}

# stop_appliance OUTPUT: notes SEVERE lines of the appliance log, stops the appliance (and PostgreSQL), and
# with --jfr prints the hotspots of the window the benchmark's OUTPUT names in its WINDOW line.
stop_appliance() {
  local output=$1
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if grep -q -E "SEVERE|Exception" "$APP_DIR/payara.log"; then
    echo "note: the appliance log has $(grep -c -E 'SEVERE|Exception' "$APP_DIR/payara.log") SEVERE/Exception lines (BENCH_KEEP=1 keeps $APP_DIR/payara.log)"
  fi
  if [ "$JFR" = 1 ]; then
    jcmd "$APP_PID" JFR.stop name=bench > /dev/null || true
  fi
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  if [ -n "$PG_PID" ]; then
    kill "$PG_PID" 2>/dev/null || true
    wait "$PG_PID" 2>/dev/null || true
    PG_PID=""
  fi
  if [ "$JFR" = 1 ] && [ -f "$JFR_FILE" ]; then
    echo
    local window
    window=$(awk '/^WINDOW/ {print "--from=" $2 " --until=" $3; exit}' "$output")
    # shellcheck disable=SC2086
    java -cp "$CP" org.twofold.bench.JfrHotspots "$JFR_FILE" $window || true
  fi
}

login_benchmark() {
  start_appliance "$1" || return 1
  echo
  local rc=0
  # shellcheck disable=SC2086
  java ${BENCH_LOADGEN_JAVA_OPTS:-} -cp "$CP" org.twofold.bench.LoginBenchmark --url="http://127.0.0.1:$APP_PORT/" --admin-password="$APP_PASSWORD" \
      --devices="$DEVICES" --warmup="$WARMUP" --duration="$DURATION" \
      --appliance-pid="$APP_PID" --db-pid="$DB_PID" --label="$APP_LABEL" | tee "$APP_DIR/login.out" || rc=$?
  if [ "$ENDPOINTS" = 1 ]; then
    java -cp "$CP" org.twofold.bench.EndpointCosts --url="http://127.0.0.1:$APP_PORT/" --admin-password="$APP_PASSWORD" \
        --appliance-pid="$APP_PID" || rc=$?
  fi
  if [ "$RECOVERY" = 1 ]; then
    echo
    java -cp "$CP" org.twofold.bench.RecoveryBenchmark --url="http://127.0.0.1:$APP_PORT/" --admin-password="$APP_PASSWORD" \
        --smtp-port="$SMTP_PORT" --devices="$DEVICES" --warmup="${BENCH_RECOVERY_WARMUP:-60}" --duration="$DURATION" \
        --appliance-pid="$APP_PID" --label="$APP_LABEL" | tee "$APP_DIR/recovery.out" || rc=$?
  fi
  stop_appliance "$APP_DIR/login.out"
  return $rc
}

# the directory sync benchmark: slapd sandboxes under $APP_DIR/ldap (stopped by the benchmark, or by cleanup)
directory_benchmark() {
  start_appliance "$1" || return 1
  echo
  local rc=0
  java -cp "$CP" org.twofold.bench.DirectorySyncBenchmark --url="http://127.0.0.1:$APP_PORT/" --admin-password="$APP_PASSWORD" \
      --users="$DIRECTORY_USERS" --slapd="$ROOT/bin/slapd-sandbox" --work="$APP_DIR/ldap" \
      --appliance-pid="$APP_PID" --db-pid="$DB_PID" --label="$APP_LABEL" | tee "$APP_DIR/directory.out" || rc=$?
  stop_appliance "$APP_DIR/directory.out"
  return $rc
}

# the users page benchmark: the appliance boots once so that Flyway creates the schema, then the identities go in
# (H2: with the appliance stopped, into its file; PostgreSQL: while it runs, followed by ANALYZE)
users_page_benchmark() {
  start_appliance "$1" || return 1
  echo
  local rc=0 out="$APP_DIR/users-page.out"
  local load=(java -cp "$CP" org.twofold.bench.UsersPageData --identities="$USERS_PAGE_IDENTITIES")
  if [ "$1" = h2 ]; then
    echo "== Stopping the appliance: the loader needs its H2 file"
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    mv "$APP_DIR/payara.log" "$APP_DIR/payara-schema.log"
    # the URL, user and password the appliance derives for its data directory (DerivedDefaults)
    "${load[@]}" --jdbc-url="jdbc:h2:file:$APP_DIR/data/twofold" --db-user=twofold --db-password=twofold || return 1
    start_appliance h2 again || return 1
    echo
  else
    "${load[@]}" --jdbc-url="$TWOFOLD_DB_URL" --db-user="$TWOFOLD_DB_USER" --db-password="$TWOFOLD_DB_PASSWORD" || rc=1
    echo
  fi
  if [ $rc = 0 ]; then
    java -cp "$CP" org.twofold.bench.UsersPageBenchmark --url="http://127.0.0.1:$APP_PORT/" --admin-password="$APP_PASSWORD" \
        --identities="$USERS_PAGE_IDENTITIES" --jit-warmup="${BENCH_PAGE_JIT_WARMUP:-60}" --warmup="${BENCH_PAGE_WARMUP:-20}" --requests="${BENCH_PAGE_REQUESTS:-200}" \
        --appliance-pid="$APP_PID" --db-pid="$DB_PID" --label="$APP_LABEL" | tee "$out" || rc=$?
  fi
  stop_appliance "$out"
  return $rc
}

STATUS=0
if [ "$USERS_PAGE" = 1 ]; then
  for db in "${DATABASES[@]}"; do
    users_page_benchmark "$db" || STATUS=1
  done
elif [ "$DIRECTORY" = 1 ]; then
  for db in "${DATABASES[@]}"; do
    directory_benchmark "$db" || STATUS=1
  done
elif [ "$LOGINS" = 1 ]; then
  for db in "${DATABASES[@]}"; do
    login_benchmark "$db" || STATUS=1
  done
fi

# --- startup comparison -----------------------------------------------------------------------
if [ "$STARTUP" = 1 ] && [ "$DIRECTORY" = 0 ] && [ "$USERS_PAGE" = 0 ]; then
  echo
  echo "load before startup comparison: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$CP" org.twofold.bench.StartupComparison --payara="$PAYARA" --war="$WAR" \
      --runs="$STARTUP_RUNS" --idle="$IDLE" --java-opts="$APPLIANCE_JAVA_OPTS" || STATUS=1
fi

echo
echo "== Summary ($(date), load $(cut -d' ' -f1-3 /proc/loadavg))"
grep '^SUMMARY' "$RUN_LOG" | sed 's/^SUMMARY /  /' || true
echo "full output: $RUN_LOG"
exit $STATUS
