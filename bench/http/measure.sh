#!/usr/bin/env bash
# Register → upload → settle flows/s on PostgreSQL: PostgreSQL's own ceiling for the flow (pgbench
# with shared/bench/pgbench/flow.sql) right before and right after `yibao load`, against the same
# throwaway PostgreSQL server on 127.0.0.1, with the same client count, on this machine. Also the
# gateway path and SQLite. Prints one table; every figure comes from this one run. Between pgbench and
# Yibao, the floor (bench/Yibao.Bench.Floor): pgbench's own statements from a .NET process, over raw
# Npgsql and over EF Core, straight and behind three JSON requests, on pgbench's database.
#
#   bench/http/measure.sh                      # 16 clients, 20 s each, 2000 persons
#   CLIENTS=16 SECONDS_EACH=20 PERSONS=2000 bench/http/measure.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=${CLIENTS:-16}
seconds=${SECONDS_EACH:-20}
persons=${PERSONS:-2000}
shared=${YIBAO_SHARED:-../shared}
work=$(mktemp -d /tmp/yibao-measure.XXXXXX)
source bench/lib/throwaway-postgres.sh
source bench/lib/yibao-server.sh
start_postgres -c max_connections=300
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -c "create database pgb" -c "create database yibao_measure"
psql_ -d pgb -f "$shared/bench/pgbench/schema.sql" >/dev/null 2>&1

pgbench_tps() { pgbench -n -h 127.0.0.1 -p "$port" -U postgres -c "$clients" -j 2 -T "$seconds" -f "$shared/bench/pgbench/flow.sql" pgb 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p'; }

for project in src/Yibao.Server src/Yibao.Cli bench/Yibao.Bench.Floor; do dotnet build -c Release "$project" -v q -nologo -nodeReuse:false >/dev/null; done
dotnet build-server shutdown >/dev/null 2>&1 || true   # no compiler servers left running beside the measurement
pgbench -n -h 127.0.0.1 -p "$port" -U postgres -c "$clients" -j 2 -T 5 -f "$shared/bench/pgbench/flow.sql" pgb >/dev/null 2>&1   # warm PostgreSQL too
# The per-credential rate limit is lifted: this measures the settlement path, not the limiter.
serve() { start_server src/Yibao.Server/bin/Release/net10.0/Yibao.Server.dll "$1" "$2" Yibao__InstitutionRequestsPerSecond=1000000; }   # connection string, url
load() { # url, extra options
  dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll load --url "$1" --seconds "$seconds" --clients "$clients" --persons "$persons" ${2:-} | tee -a "$work/load.log"
}
# A fresh process runs unoptimized (tier-0, then instrumented) code for its first tens of seconds
# on this loaded 2-core machine: warm it (30 s native, 30 s gateway) before measuring.
warm() { dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll load --url "$1" --seconds "${WARMUP:-30}" --clients "$clients" --persons 200 ${2:-} >/dev/null; }

before=$(pgbench_tps)
url=http://127.0.0.1:$((port + 1))
floor_dll=bench/Yibao.Bench.Floor/bin/Release/net10.0/Yibao.Bench.Floor.dll
floor_connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=pgb;Maximum Pool Size=64;Max Auto Prepare=100;No Reset On Close=true"
floor_direct() { dotnet "$floor_dll" direct "$1" "$floor_connection" "$clients" "$seconds" "${WARMUP:-30}"; }
floor_http() { # sql or ef: serve, warm, measure
  start_floor "$floor_dll" "$1" "$floor_connection" "$url"
  dotnet "$floor_dll" drive "$url" "$clients" "${WARMUP:-30}" >/dev/null
  dotnet "$floor_dll" drive "$url" "$clients" "$seconds"
  stop_server
}
floor_sql=$(floor_direct sql); floor_ef=$(floor_direct ef)
floor_http_sql=$(floor_http sql); floor_http_ef=$(floor_http ef)
serve "Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao_measure;Maximum Pool Size=64" "$url"
warm "$url"; warm "$url" --gateway
native=$(load "$url")
gateway=$(load "$url" --gateway)
stop_server
after=$(pgbench_tps)
serve "Data Source=$work/yibao.db" "$url"
warm "$url"; warm "$url" --gateway
sqlite=$(load "$url")
sqlite_gateway=$(load "$url" --gateway)
stop_server

# The "settlement flows" row of yibao load's table: count, per second, p50, p95, p99.
row() { echo "$1" | grep 'settlement flows' | tr -d '│|' | awk '{print $4" flows/s, p50 "$5" ms, p95 "$6" ms, p99 "$7" ms"}'; }
echo
echo "pgbench before: $before flows/s; after: $after flows/s ($clients clients, $seconds s each, $persons persons)"
printf '%-28s %s\n' "floor, Npgsql" "$floor_sql" "floor, EF Core" "$floor_ef" "floor, HTTP + Npgsql" "$floor_http_sql" "floor, HTTP + EF Core" "$floor_http_ef"
printf '%-20s %s\n' "PostgreSQL native" "$(row "$native")" "PostgreSQL gateway" "$(row "$gateway")" "SQLite native" "$(row "$sqlite")" "SQLite gateway" "$(row "$sqlite_gateway")"
