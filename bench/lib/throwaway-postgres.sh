# Sourced by the benchmarks: a throwaway PostgreSQL server on 127.0.0.1:$port (fsync off), in $work,
# stopped and removed (with the server process in $server, if any) when the script exits.
#   work=$(mktemp -d …); source bench/lib/throwaway-postgres.sh; start_postgres [extra server options]
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$((20000 + RANDOM % 20000))
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
start_postgres() {
  [ "$(id -u)" = 0 ] && chown postgres "$work"
  as_pg "$bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off $*" start >/dev/null
}
