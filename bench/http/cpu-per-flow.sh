#!/usr/bin/env bash
# CPU per register → upload → settle flow, native API on PostgreSQL: the server's and PostgreSQL's
# (their processes' user + system time over a load, divided by the flows it completed), beside what
# PostgreSQL spends on pgbench's minimal flow (shared/bench/pgbench/flow.sql; the machine's busy
# time less pgbench's own). CPU per flow moves far less than flows/s on this shared machine, so it
# is how two server builds are compared: given build directories, the script takes turns with them.
# First, the same for the floor (bench/Yibao.Bench.Floor): pgbench's statements behind three JSON
# requests, over raw Npgsql and over EF Core (FLOOR=0 leaves it out).
#
#   bench/http/cpu-per-flow.sh                           # the working tree's server, 2 rounds
#   ROUNDS=3 bench/http/cpu-per-flow.sh /tmp/a /tmp/b    # builds made with dotnet build -o DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=${CLIENTS:-16}
shared=${YIBAO_SHARED:-../shared}
work=$(mktemp -d /tmp/yibao-cpu.XXXXXX)
source bench/lib/throwaway-postgres.sh
source bench/lib/yibao-server.sh
start_postgres -c max_connections=300
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -c "create database pgb" -c "create database yibao_cpu"
psql_ -d pgb -f "$shared/bench/pgbench/schema.sql" >/dev/null 2>&1
builds=("$@")
if [ ${#builds[@]} -eq 0 ]; then
  dotnet build -c Release src/Yibao.Server -o "$work/server" -v q -nologo -nodeReuse:false >/dev/null
  builds=("$work/server")
fi
dotnet build -c Release src/Yibao.Cli -o "$work/cli" -v q -nologo -nodeReuse:false >/dev/null
[ "${FLOOR:-1}" = 0 ] || dotnet build -c Release bench/Yibao.Bench.Floor -o "$work/floor" -v q -nologo -nodeReuse:false >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true

busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }   # jiffies, 1/100 s
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
backends() { local t=0 p; for p in $(pgrep -u "$(stat -c %U "$work/data")" postgres); do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
ms() { echo "scale=2; $1 * 10 / $2" | bc; }

# pgbench opens its connections as it starts, so its backends are not there to be counted before:
# PostgreSQL's share is the machine's busy time less pgbench's own.
pgbench -n -h 127.0.0.1 -p "$port" -U postgres -c "$clients" -j 2 -T 5 -f "$shared/bench/pgbench/flow.sql" pgb >/dev/null 2>&1
b0=$(busy)
out=$(/usr/bin/time -f "%U %S" -o "$work/pgbench.time" pgbench -n -h 127.0.0.1 -p "$port" -U postgres -c "$clients" -j 2 -T 20 -f "$shared/bench/pgbench/flow.sql" pgb 2>/dev/null)
b1=$(busy)
own=$(awk '{printf "%d", ($1 + $2) * 100}' "$work/pgbench.time")
flows=$(echo "$out" | sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p')
echo "pgbench: $(echo "$out" | sed -nE 's/^tps = ([0-9.]+).*/\1/p') flows/s; PostgreSQL $(ms $((b1 - b0 - own)) "$flows") ms a flow"

url=http://127.0.0.1:$((port + 1))
for flow in sql ef; do
  [ "${FLOOR:-1}" = 0 ] && break
  start_floor "$work/floor/Yibao.Bench.Floor.dll" "$flow" "Host=127.0.0.1;Port=$port;Username=postgres;Database=pgb;Maximum Pool Size=64;Max Auto Prepare=100;No Reset On Close=true" "$url"
  dotnet "$work/floor/Yibao.Bench.Floor.dll" drive "$url" "$clients" "${WARMUP:-40}" >/dev/null
  s0=$(ticks "$server"); p0=$(backends)
  row=$(dotnet "$work/floor/Yibao.Bench.Floor.dll" drive "$url" "$clients" "${SECONDS_EACH:-30}")
  s1=$(ticks "$server"); p1=$(backends)
  flows=$(echo "$row" | awk '{print $1}')
  echo "floor, HTTP + $flow: $(echo "$row" | awk '{print $3}') flows/s; server $(ms $((s1 - s0)) "$flows") ms a flow, PostgreSQL $(ms $((p1 - p0)) "$flows") ms a flow"
  stop_server
done
for _ in $(seq "${ROUNDS:-2}"); do
  for build in "${builds[@]}"; do
    start_server "$build/Yibao.Server.dll" "Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao_cpu;Maximum Pool Size=64" "$url" Yibao__InstitutionRequestsPerSecond=1000000
    # A fresh process runs unoptimized code for its first tens of seconds: warm it first.
    dotnet "$work/cli/yibao.dll" load --url "$url" --seconds "${WARMUP:-40}" --clients "$clients" --persons 200 >/dev/null
    s0=$(ticks "$server"); p0=$(backends)
    row=$(dotnet "$work/cli/yibao.dll" load --url "$url" --seconds "${SECONDS_EACH:-30}" --clients "$clients" --persons 2000 | grep 'settlement flows' | tr -d '│|')
    s1=$(ticks "$server"); p1=$(backends)
    flows=$(echo "$row" | awk '{print $3}')
    echo "$build: $(echo "$row" | awk '{print $4}') flows/s, p50 $(echo "$row" | awk '{print $5}') ms; server $(ms $((s1 - s0)) "$flows") ms a flow, PostgreSQL $(ms $((p1 - p0)) "$flows") ms a flow"
    stop_server
  done
done
