#!/usr/bin/env bash
# Settlement across nodes against settlement at one node, in the same run. The hub and two nodes
# (Hangzhou 330100, Beijing 110100) run as three server processes (Release) on one throwaway
# PostgreSQL server, a database each, set up with `yibao federation` as operators do it. Then
# `yibao load` drives register → upload → settle flows at the Hangzhou node twice: for people
# insured there (both phases local), and for people insured at the Beijing node (phase 2 through
# the hub, at Beijing). Prints both rows and their ratio.
#
#   bench/federation/settle.sh                   # 8 clients, 20 s each, 1000 persons
#   CLIENTS=8 SECONDS_EACH=20 PERSONS=1000 bench/federation/settle.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=${CLIENTS:-8}
seconds=${SECONDS_EACH:-20}
persons=${PERSONS:-1000}
work=$(mktemp -d /tmp/yibao-federation.XXXXXX)
source bench/lib/throwaway-postgres.sh
start_postgres -c max_connections=300
for id in hub zj bj; do psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database yibao_$id"; done
for project in src/Yibao.Server src/Yibao.Cli; do dotnet build -c Release "$project" -v q -nologo -nodeReuse:false >/dev/null; done
dotnet build-server shutdown >/dev/null 2>&1 || true

export Yibao__CredentialKey=$(head -c 32 /dev/urandom | base64) Yibao__PaymentSweepSeconds=0 Yibao__Supervision__MonthlyRunDay=0
export Yibao__InstitutionRequestsPerSecond=1000000 Logging__LogLevel__Default=Warning
declare -A role=([hub]=hub [zj]=node [bj]=node) areas=([hub]= [zj]=330100 [bj]=110100) url pid
as() { # node, command…: the node's environment
  local id=$1; shift
  ConnectionStrings__Yibao="Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao_$id;Maximum Pool Size=64" \
    Yibao__Federation__Role=${role[$id]} Yibao__Federation__NodeId=$id Yibao__Federation__Areas=${areas[$id]} "$@"
}
stop_all() { for id in "${!pid[@]}"; do kill "${pid[$id]}" 2>/dev/null || true; done; cleanup; }
trap stop_all EXIT
serve() { as "$1" exec dotnet src/Yibao.Server/bin/Release/net10.0/Yibao.Server.dll --urls "${url[$1]}"; }   # exec: $! is the server itself
offset=1
for id in hub zj bj; do
  url[$id]=http://127.0.0.1:$((port + offset)); offset=$((offset + 1))
  serve "$id" >"$work/$id.log" 2>&1 &
  pid[$id]=$!
done
for id in hub zj bj; do
  for _ in $(seq 1 240); do curl -sf "${url[$id]}/health" >/dev/null && break; sleep 0.5; done
  curl -sf "${url[$id]}/health" >/dev/null || { echo "$id did not start"; cat "$work/$id.log"; exit 1; }
done

yibao() { as "$1" dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll "${@:2}"; }
declare -A key
for id in hub zj bj; do key[$id]=$(yibao "$id" federation key 2>/dev/null | tail -1); done
for id in zj bj; do
  yibao hub federation peer "$id" --url "${url[$id]}" --areas "${areas[$id]}" --key "${key[$id]}" >/dev/null
  yibao "$id" federation peer hub --url "${url[hub]}" --key "${key[hub]}" >/dev/null
done

load() { dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll load --url "${url[zj]}" --seconds "$seconds" --clients "$clients" --persons "$persons" "$@" | tee -a "$work/load.log"; }
# Warm all three processes (tier-0 code at first) before measuring.
dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll load --url "${url[zj]}" --seconds "${WARMUP:-20}" --clients "$clients" --persons 200 --persons-at "${url[bj]}" --area 110100 >/dev/null
local_run=$(load)
across=$(load --persons-at "${url[bj]}" --area 110100)

row() { echo "$1" | grep 'settlement flows' | tr -d '│|' | awk '{print $4" flows/s, p50 "$5" ms, p95 "$6" ms, p99 "$7" ms"}'; }
rate() { echo "$1" | grep 'settlement flows' | tr -d '│|' | awk '{print $4}' | tr -d ','; }
echo
echo "$clients clients, $seconds s each, $persons persons; flows at the Hangzhou node"
printf '%-34s %s\n' "insured at Hangzhou (local)" "$(row "$local_run")" "insured at Beijing (across nodes)" "$(row "$across")"
echo "across/local: $(echo "scale=2; $(rate "$across") / $(rate "$local_run")" | bc)"
