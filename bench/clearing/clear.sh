#!/usr/bin/env bash
# The month's inter-area clearing over growing numbers of cross-region settlements: for each size,
# N settlements of October 2026 (insured in one of the two demo areas, treated in the other; one in
# fifty cancelled in November, one in a hundred of September cancelled in October) written with SQL
# into a throwaway PostgreSQL, then `yibao clearing run --month 2026-10` timed with its peak memory.
# The yardstick, in the same run: psql summing the same rows in one plain aggregate.
# The rows are written with session_replication_role = replica, so that 11 million settlements need
# no 11 million visits behind them (clearing reads only the settlements).
#
#   bench/clearing/clear.sh                       # SIZES="1000000 11000000"
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${SIZES:-1000000 11000000}
work=$(mktemp -d /tmp/yibao-clearing.XXXXXX)
source bench/lib/throwaway-postgres.sh
start_postgres -c shared_buffers=1GB -c max_parallel_workers_per_gather=2 -c work_mem=64MB
psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database yibao_clearing"
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -d yibao_clearing -v ON_ERROR_STOP=1 -qAt "$@"; }
connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao_clearing"
dotnet build -c Release src/Yibao.Cli -v q -nologo -nodeReuse:false >/dev/null
export Yibao__CredentialKey=$(head -c 32 /dev/urandom | base64)
yibao() { dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll "$@" -c "$connection"; }
yibao seed >"$work/seed.log" 2>&1 || { cat "$work/seed.log"; exit 1; }
written=0
printf '%-11s %-9s %-9s %-10s %-12s %-8s %-9s %-12s %s\n' settlements "write s" "run s" "rows/s" "peak RSS MB" "psql s" "run/psql" "pairs" "to clear"
for n in $sizes; do
  start=$(date +%s.%N)
  psql_ <<SQL
SET session_replication_role = replica;
INSERT INTO settlements (setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, insured_area, treatment_area, med_type, benefit_kind, year, channel, filing,
  effective_level, ratio, catalogue_version, policy_revision, acct_used_flag, retired, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt,
  inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay, psn_cash_pay, balc, deductible_delta, fund_delta,
  status, settled_at, settlement_date, cancelled_at, cancellation_date)
SELECT 'XR' || g, 'XM' || g, 'XP' || (g % 100000), CASE WHEN g % 2 = 0 THEN 'H11010000001' ELSE 'H33010000001' END, '310',
  CASE WHEN g % 2 = 0 THEN '330100' ELSE '110100' END, CASE WHEN g % 2 = 0 THEN '110100' ELSE '330100' END, '11', 'outpatient', 2026, 'offline', 'temporaryFiled',
  2, 0.6, 1, 1, true, false, 100 + (g % 900), 0, 0, 0, 100 + (g % 900), 0, round((100 + (g % 900)) * 0.6, 2), 0, round((100 + (g % 900)) * 0.6, 2), 0,
  10 + (g % 7), round((100 + (g % 900)) * 0.4, 2) - 10 - (g % 7), 0, 0, 0,
  CASE WHEN g % 50 = 0 OR g % 100 = 1 THEN 'cancelled' ELSE 'settled' END,
  d::timestamptz, d,
  CASE WHEN g % 50 = 0 THEN date '2026-11-03' WHEN g % 100 = 1 THEN d + 31 END,
  CASE WHEN g % 50 = 0 THEN date '2026-11-03' WHEN g % 100 = 1 THEN (d + 31) END
FROM generate_series($written + 1, $n) g, LATERAL (SELECT CASE WHEN g % 100 = 1 THEN date '2026-09-01' + (g % 30)::int ELSE date '2026-10-01' + (g % 31)::int END AS d) x;
ANALYZE settlements;
SQL
  written=$n
  wrote=$(echo "$(date +%s.%N) - $start" | bc)
  psql_ -c "delete from clearing_pairs; delete from clearing_positions; delete from clearing_months"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll clearing run --month 2026-10 -c "$connection" >"$work/run.log" 2>/dev/null </dev/null || { cat "$work/run.log"; exit 1; }
  end=$(date +%s.%N)
  rows=$(psql_ -c "select settlements from clearing_months where month = '2026-10'")
  pairs=$(psql_ -c "select count(*) from clearing_pairs where month = '2026-10'")
  amount=$(psql_ -c "select sum(fund_pay_sumamt + acct_pay) from clearing_pairs where month = '2026-10'")
  pstart=$(date +%s.%N)
  psql_ -c "select insured_area, treatment_area, count(*), sum(fund_pay_sumamt + acct_pay) from settlements where settlement_date between '2026-10-01' and '2026-10-31' and insured_area <> treatment_area group by 1, 2" >/dev/null
  pend=$(date +%s.%N)
  run=$(echo "$end - $start" | bc)
  printf '%-11s %-9.1f %-9.1f %-10.0f %-12s %-8.2f %-9.1f %-12s %s\n' "$rows" "$wrote" "$run" "$(echo "$rows / $run" | bc -l)" "$(( $(cat "$work/rss") / 1024 ))" \
    "$(echo "$pend - $pstart" | bc)" "$(echo "$run / ($pend - $pstart)" | bc -l)" "$pairs" "$amount"
done
