#!/usr/bin/env bash
# 3202 detail reconciliation against growing periods: one institution's month of 10,000, 100,000
# and 1,000,000 settlements on a throwaway PostgreSQL, each reconciled through the gateway with
# 4,000 of its settlements sent back (about 800 KB, under the gateway's 1 MB body); the rest come
# back as platform_only. Prints, per size, the wall time of the call, the time psql takes to read
# the same period's rows (the yardstick), and the server's resident memory after the call.
#
#   bench/reconciliation/details.sh                 # SIZES="10000 100000 1000000" SENT=4000
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${SIZES:-10000 100000 1000000}
sent=${SENT:-4000}
work=$(mktemp -d /tmp/yibao-recon.XXXXXX)
source bench/lib/throwaway-postgres.sh
source bench/lib/yibao-server.sh
start_postgres 
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -d yibao_recon -v ON_ERROR_STOP=1 -qAt "$@"; }
psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database yibao_recon"

dotnet build -c Release src/Yibao.Server -v q -nologo -nodeReuse:false >/dev/null
url=http://127.0.0.1:$((port + 1))
start_server src/Yibao.Server/bin/Release/net10.0/Yibao.Server.dll "Host=127.0.0.1;Port=$port;Username=postgres;Database=yibao_recon" "$url"

# The demo hospital's gateway credentials: paasid = fixmedins_code, token = "demo-" + fixmedins_code.
code=H33010000001
sequence=0
call() { # infno, input (JSON) -> the response envelope
  sequence=$((sequence + 1))
  local ts nonce signature now
  ts=$(date +%s); nonce=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'); now=$(TZ=Asia/Shanghai date '+%Y-%m-%d %H:%M:%S')
  signature=$(printf '%s' "$ts" "demo-$code" "$nonce" "$ts" | sha256sum | cut -d' ' -f1)
  jq -n --arg infno "$1" --arg msgid "$code$(TZ=Asia/Shanghai date +%Y%m%d%H%M%S)$(printf %04d $sequence)" --arg now "$now" --arg sign "${sign_no:-}" --slurpfile input "$2" \
    '{infno: $infno, msgid: $msgid, mdtrtarea_admvs: "330100", insuplc_admdvs: "", recer_sys_code: "YBXT", infver: "V1.0", opter_type: "1", opter: "001", opter_name: "bench",
      inf_time: $now, fixmedins_code: "H33010000001", fixmedins_name: "bench", sign_no: $sign, input: $input[0]}' >"$work/envelope.json"
  curl -s -o "$work/answer.json" -w '%{time_total}' -H 'Content-Type: application/json' -H "x-tif-paasid: $code" -H "x-tif-timestamp: $ts" \
    -H "x-tif-nonce: $nonce" -H "x-tif-signature: $signature" --data-binary @"$work/envelope.json" "$url/fsi/api/rsfComIfsService/callService"
}
echo '{"signIn":{"opter_no":"001","mac":"00:00:00:00:00:00","ip":"127.0.0.1"}}' >"$work/signin.json"
call 9001 "$work/signin.json" >/dev/null
sign_no=$(jq -r '.output.signinoutb.sign_no' "$work/answer.json")

month=0
printf '%-12s %-10s %-14s %-14s %-16s %s\n' settlements sent "3202 seconds" "psql seconds" "platform_only" "server RSS MB"
for n in $sizes; do
  month=$((month + 1)); first=$(printf '2026-%02d-01' "$month"); last=$(date -d "$first +1 month -1 day" +%F)
  psql_ <<SQL
INSERT INTO visits (mdtrt_id, psn_no, fixmedins_code, med_type, channel, visit_kind, filing, insured_area, treatment_area, begin_time, visit_date, status)
SELECT 'BV$month-' || g, '3301000000000001', '$code', '11', 'offline', 'followUp', 'none', '330100', '330100', d::timestamptz, d, 'settled'
FROM generate_series(1, $n) g, LATERAL (SELECT date '$first' + (g % 28) AS d) x;
INSERT INTO settlements (setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, insured_area, treatment_area, med_type, benefit_kind, year, channel, filing,
  effective_level, ratio, catalogue_version, policy_revision, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc,
  hifp_pay, pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay, psn_cash_pay, balc, deductible_delta, fund_delta, status, settled_at, settlement_date)
SELECT 'BS$month-' || g, 'BV$month-' || g, '3301000000000001', '$code', '310', '330100', '330100', '11', 'outpatient', 2026, 'offline', 'none',
  3, 0.7, 1, 1, 100.00, 0, 0, 0, 100.00, 0, 70.00, 30.00, 70.00, 30.00, 30.00, 0, 0, 0, 70.00, 'settled', d::timestamptz, d
FROM generate_series(1, $n) g, LATERAL (SELECT date '$first' + (g % 28) AS d) x;
ANALYZE settlements;
SQL
  psql_ -c "SELECT json_build_object('data', json_build_object('stmt_begndate', '$first', 'stmt_enddate', '$last', 'medfee_sumamt', sum(medfee_sumamt),
      'fund_pay_sumamt', sum(fund_pay_sumamt), 'cash_payamt', sum(medfee_sumamt - fund_pay_sumamt - acct_pay), 'fixmedins_setl_cnt', count(*), 'refd_setl_flag', '0',
      'details', json_agg(json_build_object('setl_id', setl_id, 'mdtrt_id', mdtrt_id, 'psn_no', psn_no, 'medfee_sumamt', medfee_sumamt, 'fund_pay_sumamt', fund_pay_sumamt, 'acct_pay', acct_pay))))
    FROM (SELECT * FROM settlements WHERE setl_id LIKE 'BS$month-%' ORDER BY setl_id LIMIT $sent) s" >"$work/details.json"
  started=$(date +%s.%N)
  psql_ -c "SELECT setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, status, settled_at, settlement_date FROM settlements
    WHERE fixmedins_code = '$code' AND settlement_date BETWEEN '$first' AND '$last' ORDER BY setl_id" >/dev/null
  scan=$(echo "$(date +%s.%N) - $started" | bc)
  seconds=$(call 3202 "$work/details.json")
  [ "$(jq -r .infcode "$work/answer.json")" = 0 ] || { jq . "$work/answer.json" | head -20; exit 1; }
  printf '%-12s %-10s %-14s %-14s %-16s %s\n' "$n" "$sent" "$seconds" "$scan" "$(jq -r .output.platform_only_cnt "$work/answer.json")" "$(( $(ps -o rss= -p "$server") / 1024 ))"
done
