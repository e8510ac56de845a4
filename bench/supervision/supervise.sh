#!/usr/bin/env bash
# The after-event supervision batch over growing months of settled claims: for each size, a month
# of N claims on its own, the size before it removed (ten per person, three lines each, one line in a hundred of an item the
# knowledge restricts, one item with a monthly frequency limit), each with its settlement, written with SQL into a throwaway
# PostgreSQL, the area's knowledge loaded, and `yibao supervise --period 2026-10` timed with its
# peak memory, reading included. The yardsticks are psql reading the same rows in the same order,
# PostgreSQL executing that statement alone, and the batch itself with one rule that never fires.
#
#   bench/supervision/supervise.sh                 # SIZES="100000 1000000"
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${SIZES:-100000 1000000}
work=$(mktemp -d /tmp/yibao-supervise.XXXXXX)
source bench/lib/throwaway-postgres.sh
start_postgres
psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database yibao_supervise"
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -d yibao_supervise -v ON_ERROR_STOP=1 -qAt "$@"; }
connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao_supervise"
dotnet build -c Release src/Yibao.Cli -v q -nologo -nodeReuse:false >/dev/null
key=$(head -c 32 /dev/urandom | base64)
yibao() { Yibao__CredentialKey=$key dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll "$@" -c "$connection"; }
yibao seed >"$work/seed.log" 2>&1 || { cat "$work/seed.log"; exit 1; }
psql_ <<'SQL'
INSERT INTO supervision_knowledge (area, version, document, loaded_at, loaded_by) VALUES ('330100', 1,
 '{"restrictions": [{"code": "RARE0001", "gender": "2"}], "frequencyLimits": [{"code": "XC10AAA005A001", "maxCount": 95, "periodDays": 30}], "includes": {"PKG00001": ["XC08CAA001A001"]}}',
 now(), 'bench');
UPDATE reference_revisions SET revision = revision + 1;
SQL
printf '%-10s %-9s %-10s %-9s %-10s %-10s %-8s %-9s %-8s %-10s %-12s %s\n' claims people "process s" "run s" "claims/s" "1 rule s" "psql s" "run/psql" "db s" "findings" "peak RSS MB" "read/judge/wait s"
for n in $sizes; do
  # Each size's month stands alone: on top of the size before it, its first people would have had
  # twice the claims, and PostgreSQL would have read rows written in two passes.
  psql_ <<SQL
DELETE FROM fee_lines WHERE mdtrt_id LIKE 'SV%';
DELETE FROM settlements WHERE setl_id LIKE 'SS%';
DELETE FROM visits WHERE mdtrt_id LIKE 'SV%';
DELETE FROM persons WHERE psn_no LIKE 'S%';
CREATE TEMP TABLE g AS
SELECT g, 'S' || lpad((g % ($n / 10))::text, 15, '0') AS psn_no, (array['H33010000003','H33010000001','H33010000001'])[1 + g % 3] AS code,
  date '2026-10-01' + (g % 31) AS day FROM generate_series(1, $n) g;
INSERT INTO persons (psn_no, name, gender, birthday, certno, insutype, area, retired)
SELECT DISTINCT psn_no, '测试', '1', date '1970-01-01', 'C' || psn_no, '310', '330100', false FROM g ON CONFLICT DO NOTHING;
INSERT INTO visits (mdtrt_id, psn_no, fixmedins_code, med_type, channel, visit_kind, filing, insured_area, treatment_area, begin_time, visit_date, status)
SELECT 'SV' || g, psn_no, code, '11', 'offline', 'followUp', 'none', '330100', '330100', day::timestamptz, day, 'settled' FROM g;
-- The lines' and settlements' foreign-key checks are planned on these statistics: left at the
-- emptied tables', each check would scan the visits.
ANALYZE persons; ANALYZE visits;
INSERT INTO fee_lines (mdtrt_id, feedetl_sn, code, name, price, qty, amount, fulamt, over, pre, inscp, chrgitm_lv, selfpay_prop, price_cap, cancelled, rx_circ_flag)
SELECT 'SV' || g, n::text, CASE WHEN n = 3 AND g % 100 = 0 THEN 'RARE0001' ELSE (array['XC08CAA001A001','XC10AAA005A001','110200001'])[n] END, 'item',
  2.5, 10, 25, 0, 0, 0, 25, '01', 0, null, false, false
FROM g, generate_series(1, 3) n;
INSERT INTO settlements (setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, insured_area, treatment_area, med_type, benefit_kind, year, channel, filing,
  effective_level, ratio, catalogue_version, policy_revision, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc,
  hifp_pay, pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay, psn_cash_pay, balc, deductible_delta, fund_delta, status, settled_at, settlement_date)
SELECT 'SS' || g, 'SV' || g, psn_no, code, '310', '330100', '330100', '11', 'outpatient', 2026, 'offline', 'none',
  2, 0.7, 1, 1, 75, 0, 0, 0, 75, 0, 52.5, 22.5, 52.5, 22.5, 0, 22.5, 0, 0, 52.5, 'settled', day::timestamptz, day FROM g;
VACUUM ANALYZE persons; VACUUM ANALYZE visits; VACUUM ANALYZE fee_lines; VACUUM ANALYZE settlements;
SQL
  people=$(psql_ -c "select count(*) from persons where psn_no like 'S%'")
  psql_ -c "delete from supervision_findings"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll supervise --period 2026-10 -c "$connection" >"$work/run.log" 2>/dev/null </dev/null || { cat "$work/run.log"; exit 1; }
  end=$(date +%s.%N)
  run=$(sed -nE 's/.* claims judged in ([0-9.]+) s.*/\1/p' "$work/run.log")
  judged=$(sed -nE 's/^2026-10: ([0-9,]+) claims.*/\1/p' "$work/run.log" | tr -d ,)
  found=$(sed -nE 's/.*; ([0-9,]+) findings raised.*/\1/p' "$work/run.log" | tr -d ,)
  split=$(sed -nE 's/^time: reading ([0-9.]+) s, judging ([0-9.]+) s, waiting for the writes ([0-9.]+) s/\1\/\2\/\3/p' "$work/run.log")
  # The read's floor: the same batch with one rule that never fires here (identity mismatch), so that
  # judging costs next to nothing.
  dotnet src/Yibao.Cli/bin/Release/net10.0/yibao.dll supervise --period 2026-10 --rules MGT008 -c "$connection" >"$work/floor.log" 2>/dev/null </dev/null || { cat "$work/floor.log"; exit 1; }
  floor=$(sed -nE 's/.* claims judged in ([0-9.]+) s.*/\1/p' "$work/floor.log")
  # The yardsticks: psql reading what the batch reads, as it reads it (the same statement, JIT and parallel workers off), and
  # PostgreSQL executing that statement with no client at all (EXPLAIN ANALYZE, timing off).
  read="SELECT v.mdtrt_id, v.psn_no, v.visit_date, v.channel, v.visit_kind, v.med_type, v.disease_code, v.fixmedins_code, v.insured_area, v.treatment_area,
    p.gender, p.birthday, p.insutype, l.code, l.feedetl_sn, l.name, l.price, l.qty, l.amount, l.rx_circ_flag, l.rxno, l.id
    FROM visits v JOIN persons p ON p.psn_no = v.psn_no JOIN fee_lines l ON l.mdtrt_id = v.mdtrt_id AND NOT l.cancelled
    WHERE v.status = 'settled' AND v.visit_date >= date '2025-10-01' AND v.visit_date <= date '2026-10-31'
    ORDER BY v.psn_no, v.visit_date, v.mdtrt_id"
  pstart=$(date +%s.%N)
  psql_ -c "SET jit = off" -c "SET max_parallel_workers_per_gather = 0" -c "COPY ($read) TO STDOUT (FORMAT BINARY)" >/dev/null
  pend=$(date +%s.%N)
  executed=$(psql_ -c "SET jit = off" -c "SET max_parallel_workers_per_gather = 0" -c "EXPLAIN (ANALYZE, TIMING OFF) $read" | sed -nE 's/^Execution Time: ([0-9.]+) ms/\1/p')
  printf '%-10s %-9s %-10.1f %-9s %-10.0f %-10s %-8.2f %-9.1f %-8.2f %-10s %-12s %s\n' "$judged" "$people" "$(echo "$end - $start" | bc)" "$run" "$(echo "$judged / $run" | bc -l)" "$floor" \
    "$(echo "$pend - $pstart" | bc)" "$(echo "$run / ($pend - $pstart)" | bc -l)" "$(echo "$executed / 1000" | bc -l)" "$found" "$(( $(cat "$work/rss") / 1024 ))" "$split"
done
