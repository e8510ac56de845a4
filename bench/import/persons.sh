#!/usr/bin/env bash
# 1,000,000 insured persons with accounts: `yibao import persons` from a CSV file into a throwaway
# PostgreSQL (binary COPY) and into SQLite (batched, one transaction), timed; pgbench's flow in the
# same run, for a ratio on this shared machine. Prints one table.
#
#   bench/import/persons.sh              # 1,000,000 persons
#   PERSONS=100000 bench/import/persons.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
persons=${PERSONS:-1000000}
work=$(mktemp -d /tmp/yibao-import.XXXXXX)
source bench/lib/throwaway-postgres.sh
start_postgres
psql -h 127.0.0.1 -p "$port" -U postgres -q -c "create database yibao" -c "create database pgb"
psql -h 127.0.0.1 -p "$port" -U postgres -q -d pgb -f "${YIBAO_SHARED:-../shared}/bench/pgbench/schema.sql" >/dev/null 2>&1

dotnet build -c Release src/Yibao.Cli -v q -nologo -nodeReuse:false >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true
yibao() { dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll "$@"; }

# psn_no, name, gender, birthday, certno, insutype, area, retired, account_balance
awk -v n="$persons" 'BEGIN { print "psn_no,name,gender,birthday,certno,insutype,area,retired,account_balance";
  for (i = 0; i < n; i++) printf "B%015d,Person %d,%d,19%02d-%02d-%02d,330106%012dX,%s,330100,%s,%d.%02d\n",
    i, i, i % 2 + 1, 40 + i % 60, 1 + i % 12, 1 + i % 28, i, (i % 3 ? "310" : "390"), (i % 5 ? "false" : "true"), i % 5000, i % 100 }' > "$work/persons.csv"
ls -la "$work/persons.csv" | awk '{printf "file: %d rows, %.0f MB\n", '"$persons"', $5/1048576}'

pg="Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao"
yibao seed -c "$pg" >/dev/null 2>&1
pgbench_tps() { pgbench -n -h 127.0.0.1 -p "$port" -U postgres -c 16 -j 2 -T 10 -f "${YIBAO_SHARED:-../shared}/bench/pgbench/flow.sql" pgb 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p'; }
before=$(pgbench_tps)
start=$(date +%s.%N); yibao import persons "$work/persons.csv" -c "$pg" 2>/dev/null | tail -1; pg_s=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N); yibao import persons "$work/persons.csv" -c "$pg" 2>/dev/null | tail -1; pg_again=$(echo "$(date +%s.%N) - $start" | bc)
after=$(pgbench_tps)
count=$(psql -h 127.0.0.1 -p "$port" -U postgres -d yibao -Atc "select count(*) from persons p join personal_accounts a using (psn_no) where psn_no like 'B%'")

sqlite="Data Source=$work/yibao.db"
yibao seed -c "$sqlite" >/dev/null 2>&1
start=$(date +%s.%N); yibao import persons "$work/persons.csv" -c "$sqlite" 2>/dev/null | tail -1; sqlite_s=$(echo "$(date +%s.%N) - $start" | bc)

echo
printf 'persons in PostgreSQL with accounts afterwards: %s\n' "$count"
printf 'pgbench flow before / after: %s / %s tps\n' "$before" "$after"
printf '%-34s %8.1f s\n' "PostgreSQL, new persons" "$pg_s" "PostgreSQL, the same file again" "$pg_again" "SQLite, new persons" "$sqlite_s"
