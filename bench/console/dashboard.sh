#!/usr/bin/env bash
# The console over a large fund: N settlements spread over a year (many institutions, both
# channels, four benefit kinds) written with SQL into a throwaway PostgreSQL, then the console's
# pages timed through HTTP as a signed-in staff member: the dashboard for a month and for the whole
# year (the first view sums the closed days and keeps them; the next reads the kept totals and sums
# the last days live; a day whose version is bumped, as a late cancellation bumps it, is summed
# again alone), the explorer's first page, and the month's CSV export (streamed). psql's own time for the year's per-day aggregate is the yardstick.
#
#   bench/console/dashboard.sh                 # SETTLEMENTS=1000000
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${SETTLEMENTS:-1000000}
work=$(mktemp -d /tmp/yibao-console.XXXXXX)
source bench/lib/throwaway-postgres.sh
source bench/lib/yibao-server.sh
start_postgres
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -d yibao_console -v ON_ERROR_STOP=1 -qAt "$@"; }
psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database yibao_console"

dotnet build -c Release src/Yibao.Server -v q -nologo -nodeReuse:false >/dev/null
url=http://127.0.0.1:$((port + 1))
start_server src/Yibao.Server/bin/Release/net10.0/Yibao.Server.dll "Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao_console" "$url" ASPNETCORE_ENVIRONMENT=Development

started=$(date +%s.%N)
psql_ <<SQL
INSERT INTO visits (mdtrt_id, psn_no, fixmedins_code, med_type, channel, visit_kind, filing, insured_area, treatment_area, begin_time, visit_date, status)
SELECT 'BV' || g, '3301000000000001', i.code, '11', x.channel, 'followUp', 'none', '330100', '330100', x.d::timestamptz, x.d, 'settled'
FROM generate_series(1, $n) g,
  LATERAL (SELECT date '2026-01-01' + (g % 365) AS d, CASE WHEN g % 5 = 0 THEN 'online' ELSE 'offline' END AS channel) x,
  LATERAL (SELECT (array['H33010000001','H33010000002','H33010000003','H33010000004','P33010000001'])[1 + g % 5] AS code) i;
INSERT INTO settlements (setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, insured_area, treatment_area, med_type, benefit_kind, year, channel, filing,
  effective_level, ratio, catalogue_version, policy_revision, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc,
  hifp_pay, pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay, psn_cash_pay, balc, deductible_delta, fund_delta, status, settled_at, settlement_date)
SELECT 'BS' || lpad(g::text, 9, '0'), 'BV' || g, '3301000000000001', v.fixmedins_code, '310', '330100', '330100', '11',
  (array['outpatient','chronic','inpatient','pharmacy'])[1 + g % 4], 2026, v.channel, 'none',
  3, 0.7, 1, 1, 100.00 + g % 50, 0, 0, 0, 100.00, 0, 70.00, 30.00, 70.00 + g % 50, 30.00, 30.00, 0, 0, 0, 70.00, 'settled', v.visit_date::timestamptz, v.visit_date
FROM generate_series(1, $n) g JOIN visits v ON v.mdtrt_id = 'BV' || g;
ANALYZE visits; ANALYZE settlements;
SQL
echo "wrote $n settlements in $(echo "$(date +%s.%N) - $started" | bc) s"

jar="$work/cookies"
curl -s -c "$jar" -o /dev/null -X POST "$url/api/staff/sign-in?cookie=true" -H 'Content-Type: application/json' -d '{"user_name":"demo.audit","password":"Demo-staff-2026"}'
page() { curl -s -b "$jar" -o "$work/page" -w '%{http_code} %{time_total}' "$url$1"; }
page "/console?from=2026-06-01&to=2026-06-30" >/dev/null   # warm the server
started=$(date +%s.%N)
psql_ -c "SELECT settlement_date, count(*), sum(fund_pay_sumamt), sum(medfee_sumamt) FROM settlements WHERE status = 'settled' AND settlement_date BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY settlement_date" >/dev/null
yardstick=$(echo "$(date +%s.%N) - $started" | bc)
printf '%-46s %s\n' "page" "HTTP status and seconds"
printf '%-46s %s\n' "dashboard, a month (2026-06)" "$(page '/console?from=2026-06-01&to=2026-06-30')"
printf '%-46s %s\n' "dashboard, the year (2026), first view" "$(page '/console?from=2026-01-01&to=2026-12-31')"
printf '%-46s %s\n' "dashboard, the year (2026), again" "$(page '/console?from=2026-01-01&to=2026-12-31')"
printf '%-46s %s\n' "dashboard, the year, a day's version bumped" "$(psql_ -c "INSERT INTO settlement_day_versions (day, version) SELECT settlement_date, 1 FROM settlements WHERE setl_id = 'BS000500000' ON CONFLICT (day) DO UPDATE SET version = settlement_day_versions.version + 1" >/dev/null; page '/console?from=2026-01-01&to=2026-12-31')"
printf '%-46s %s\n' "explorer, first page of the year" "$(page '/console/settlements?from=2026-01-01&to=2026-12-31')"
printf '%-46s %s\n' "explorer, a page deep in the year (keyset)" "$(page '/console/settlements?from=2026-01-01&to=2026-12-31&before=BS000500000')"
printf '%-46s %s (%s rows)\n' "CSV export, a month (2026-06)" "$(page '/console/settlements.csv?from=2026-06-01&to=2026-06-30')" "$(($(wc -l <"$work/page") - 1))"
printf '%-46s %s s\n' "psql: the year's per-day aggregate alone" "$yardstick"
printf '%-46s %s MB\n' "server RSS after" "$(( $(ps -o rss= -p "$server") / 1024 ))"
