#!/usr/bin/env bash
# The what-if simulator over growing years of settlements: for each size, N settlements of one
# area's employees (persons, visits and accumulators with them; ten settlements per person, four benefit kinds, three levels, 2 % cancelled) written with SQL
# into a throwaway PostgreSQL, a draft with a lower outpatient deductible and higher ratios, and
# `yibao policy simulate` over the whole year, timed with its peak memory: the whole process
# (start, the run's count, the run) and the run alone as the command reports it (reading included).
# The yardstick is psql reading the same rows in the same order (COPY … TO /dev/null).
#
#   bench/simulator/simulate.sh                 # SIZES="250000 1000000"
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${SIZES:-250000 1000000}
work=$(mktemp -d /tmp/yibao-simulate.XXXXXX)
source bench/lib/throwaway-postgres.sh
start_postgres
psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database yibao_simulate"
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -d yibao_simulate -v ON_ERROR_STOP=1 -qAt "$@"; }
connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao_simulate"
dotnet build -c Release src/Yibao.Cli -v q -nologo -nodeReuse:false >/dev/null
key=$(head -c 32 /dev/urandom | base64)
yibao() { Yibao__CredentialKey=$key dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll "$@" -c "$connection"; }
yibao seed >"$work/seed.log" 2>&1 || { cat "$work/seed.log"; exit 1; }
sed -e 's/"amount": 1000/"amount": 500/' -e 's/"1": 0.8,/"1": 0.85,/' >"$work/draft.json" <<'JSON'
{ "area": "330100", "insutype": "310", "year": 2026, "maxRatio": 0.95,
  "benefits": {
    "outpatient": { "deductible": { "per": "year", "amount": 1000 }, "ratio": { "1": 0.8, "2": 0.7, "3": 0.6 }, "retiredBonus": 0.1, "cap": 20000 },
    "chronic": { "deductible": { "per": "year", "amount": 0 }, "ratio": { "1": 0.9, "2": 0.85, "3": 0.8 }, "retiredBonus": 0.05, "cap": 50000 },
    "inpatient": { "deductible": { "per": "admission", "amount": { "1": 300, "2": 600, "3": 900 } }, "ratio": { "1": 0.9, "2": 0.87, "3": 0.85 }, "retiredBonus": 0.05, "cap": 400000 },
    "pharmacy": { "deductible": { "per": "year", "amount": 0 }, "ratio": 0.5, "cap": 5000 } },
  "crossRegion": { "reduction": { "longTerm": 0.0, "temporaryFiled": 0.1, "unfiled": 0.2 } } }
JSON
draft=$(yibao policy draft --area 330100 --insutype 310 --year 2026 --document "$work/draft.json" 2>/dev/null)

written=0
printf '%-12s %-9s %-10s %-9s %-14s %-8s %-14s %s\n' settlements people "process s" "run s" "settlements/s" "psql s" "run/psql" "peak RSS MB"
for n in $sizes; do
  # Rows written so far stay: each size adds its difference, as a growing year would.
  psql_ <<SQL
CREATE TEMP TABLE g AS
SELECT g, 'B' || lpad((g % ($n / 10))::text, 15, '0') AS psn_no, (array['outpatient','chronic','inpatient','pharmacy'])[1 + g % 4] AS kind,
  (array['11','14','21','41'])[1 + g % 4] AS med_type, (array['H33010000003','H33010000001','H33010000001'])[1 + g % 3] AS code, 1 + 2 * ((g % 3) / 2) AS level,
  (50 + (g::bigint * 7919) % 2000)::numeric(12,2) AS fee, timestamptz '2026-01-01 08:00+08' + ((g::bigint * 104729) % 31000000) * interval '1 second' AS at
FROM generate_series($written + 1, $n) g;
INSERT INTO persons (psn_no, name, gender, birthday, certno, insutype, area, retired)
SELECT DISTINCT psn_no, '测试', '1', date '1970-01-01', 'C' || psn_no, '310', '330100', false FROM g ON CONFLICT DO NOTHING;
INSERT INTO visits (mdtrt_id, psn_no, fixmedins_code, med_type, channel, visit_kind, filing, insured_area, treatment_area, begin_time, visit_date, status)
SELECT 'SV' || g, psn_no, code, med_type, 'offline', 'followUp', 'none', '330100', '330100', at, (at AT TIME ZONE 'Asia/Shanghai')::date, 'settled' FROM g;
INSERT INTO settlements (setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, insured_area, treatment_area, med_type, benefit_kind, year, channel, filing,
  effective_level, ratio, catalogue_version, policy_revision, acct_used_flag, retired, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc,
  hifp_pay, pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay, psn_cash_pay, balc, deductible_delta, fund_delta, status, settled_at, settlement_date, cancelled_at)
SELECT 'SS' || lpad(g::text, 10, '0'), 'SV' || g, psn_no, code, '310', '330100', '330100', med_type, kind, 2026, 'offline', 'none',
  level, 0.7, 1, 1, g % 3 <> 0, g % 7 = 0, fee, 0, 0, 0, fee, 0, round(fee * 0.7, 2), fee - round(fee * 0.7, 2), round(fee * 0.7, 2), fee - round(fee * 0.7, 2),
  0, fee - round(fee * 0.7, 2), 500, 0, round(fee * 0.7, 2), CASE WHEN g % 50 = 0 THEN 'cancelled' ELSE 'settled' END, at, (at AT TIME ZONE 'Asia/Shanghai')::date,
  CASE WHEN g % 50 = 0 THEN at + interval '1 hour' END
FROM g;
-- The accumulators hold what the standing settlements added, as the platform keeps them.
DELETE FROM accumulators WHERE year = 2026;
INSERT INTO accumulators (psn_no, year, benefit_kind, deductible_paid, fund_paid)
SELECT psn_no, 2026, benefit_kind, sum(deductible_delta), sum(fund_delta) FROM settlements WHERE status = 'settled' GROUP BY psn_no, benefit_kind;
ANALYZE persons; ANALYZE settlements; ANALYZE accumulators;
SQL
  written=$n
  started=$(date +%s.%N)
  psql_ -c "COPY (SELECT s.*, i.level FROM settlements s JOIN institutions i USING (fixmedins_code) WHERE insured_area = '330100' AND insutype = '310' AND year = 2026 ORDER BY psn_no) TO '/dev/null'" 2>/dev/null \
    || psql_ -c "\copy (SELECT s.*, i.level FROM settlements s JOIN institutions i USING (fixmedins_code) WHERE insured_area = '330100' AND insutype = '310' AND year = 2026 ORDER BY psn_no) TO '/dev/null'"
  yardstick=$(echo "$(date +%s.%N) - $started" | bc)
  /usr/bin/time -f '%e %M' -o "$work/time" bash -c "Yibao__CredentialKey=$key dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll policy simulate --draft $draft --from 2026-01-01 --to 2026-12-31 -c '$connection' >$work/report.txt 2>/dev/null"
  read -r seconds rss <"$work/time"
  run=$(sed -n 's/^Re-settled .* in \([0-9.]*\) s .*/\1/p' "$work/report.txt")
  printf '%-12s %-9s %-10s %-9s %-14s %-8.2f %-14.2f %s\n' "$n" "$((n / 10))" "$seconds" "$run" "$(echo "$n / $run" | bc)" "$yardstick" "$(echo "$run / $yardstick" | bc -l)" "$((rss / 1024))"
done
echo
sed -n '1,40p' "$work/report.txt"
