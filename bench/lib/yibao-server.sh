# Sourced by the benchmarks after throwaway-postgres.sh: a Release server on a database, its
# background jobs off (payment sweeps, the monthly supervision run) so that they do not run beside
# the measurement, its log in $work/server.log and its process in $server (which cleanup stops).
#   start_server DLL CONNECTION_STRING URL [NAME=value …]    # extra settings, e.g. the rate limit lifted
#   start_floor DLL sql|ef CONNECTION_STRING URL              # the floor's server (bench/Yibao.Bench.Floor), also in $server
#   stop_server
key=$(head -c 32 /dev/urandom | base64)   # one credential key for the script: a database's stored credentials outlive a restart
start_server() {
  local dll=$1 connection=$2 url=$3
  shift 3
  env ConnectionStrings__Yibao="$connection" Yibao__PaymentSweepSeconds=0 Yibao__Supervision__MonthlyRunDay=0 \
    Yibao__CredentialKey="$key" Logging__LogLevel__Default=Warning "$@" \
    dotnet "$dll" --urls "$url" >"$work/server.log" 2>&1 &
  server=$!   # env execs dotnet: this is the server itself
  for _ in $(seq 1 120); do curl -sf "$url/health" >/dev/null && return; sleep 0.5; done
  echo "the server did not start"; cat "$work/server.log"; exit 1
}
start_floor() {
  local dll=$1 flow=$2 connection=$3 url=$4
  dotnet "$dll" serve "$flow" "$connection" "$url" >"$work/floor.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do curl -sf "$url/health" >/dev/null && return; sleep 0.5; done
  echo "the floor's server did not start"; cat "$work/floor.log"; exit 1
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }
