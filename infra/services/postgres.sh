#!/usr/bin/env bash
# postgres: a private PostgreSQL 15 cluster for this checkout (Debian's
# binaries), superuser `payrail`, trust auth on 127.0.0.1 and its own socket,
# dev database `payrail`. Tests create and drop their own databases.
#
# With DATABASE_URL set, `start` only checks that server answers.
#
#   infra/services/postgres.sh install|start|stop|status|logs
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

SVC=postgres
PG_MAJOR=15
PG_DATA="$PAYRAIL_STATE/pg"
PG_USER=payrail
PG_DB=payrail
ADDR="$PAYRAIL_HOST:$PAYRAIL_PG_PORT"

pg_bindir() {
  local dir
  for dir in "/usr/lib/postgresql/$PG_MAJOR/bin" \
    "$(pg_config --bindir 2>/dev/null || true)" \
    "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  die "PostgreSQL $PG_MAJOR server binaries not found; apt-get install -y postgresql-$PG_MAJOR"
}

# initdb and pg_ctl refuse to run as root, so as root the cluster belongs to
# the `postgres` system user.
as_owner() {
  if ((EUID == 0)); then
    # cd /: the caller's cwd may not be readable by postgres, which initdb trips on.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

ensure_postgres_user() {
  ((EUID == 0)) || return 0
  id -u postgres >/dev/null 2>&1 && return 0
  info "creating system user postgres (initdb will not run as root)"
  useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres ||
    die "could not create the postgres user; create it (useradd --system postgres) or run as a non-root user"
}

# Checkouts live in places like /tmp/tmp.XXXX (mode 700) or /root/...: the
# postgres user needs search (x) permission on every parent of the data dir.
ensure_parents_traversable() {
  ((EUID == 0)) || return 0
  local dir="" part
  local -a parts
  IFS=/ read -ra parts <<<"$(dirname "$PG_DATA")"
  # Outermost first: a dir only tests as reachable once its parents are.
  for part in "${parts[@]}"; do
    [[ -n "$part" ]] || continue
    dir="$dir/$part"
    if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
      info "chmod o+x $dir so the postgres user can reach $PG_DATA (search only, not read)"
      chmod o+x "$dir"
    fi
  done
}

svc_install() {
  [[ -n "${DATABASE_URL:-}" ]] && return 0
  local bindir version
  bindir="$(pg_bindir)"
  [[ -f "$PG_DATA/PG_VERSION" ]] || init_cluster "$bindir"
  version="$(cat "$PG_DATA/PG_VERSION")"
  [[ "$version" == "$("$bindir/pg_ctl" --version | sed -E 's/.* ([0-9]+)[.].*/\1/')" ]] ||
    die "$PG_DATA was created by PostgreSQL $version but $bindir is another major; remove $PG_DATA (dev data is lost) or install postgresql-$version"
}

init_cluster() {
  local bindir="$1"
  ensure_postgres_user
  mkdir -p "$PAYRAIL_STATE"
  rm -rf "$PG_DATA" # a half-made cluster (no PG_VERSION) cannot be resumed
  mkdir -m 700 "$PG_DATA"
  ((EUID != 0)) || chown postgres:postgres "$PG_DATA"
  ensure_parents_traversable
  info "initdb $PG_DATA (superuser $PG_USER)"
  as_owner "$bindir/initdb" -D "$PG_DATA" -U "$PG_USER" --auth=trust \
    --encoding=UTF8 --no-locale --no-instructions >/dev/null ||
    die "initdb failed for $PG_DATA (see the output above)"

  # Only the private socket and 127.0.0.1 are accepted, so trust is safe here.
  as_owner tee "$PG_DATA/pg_hba.conf" >/dev/null <<'HBA'
# Written by infra/services/postgres.sh.
local all all trust
host  all all 127.0.0.1/32 trust
HBA
  # Disposable dev/test data: skip fsync so the constant CREATE/DROP DATABASE
  # of the tests is fast. An OS crash can corrupt it; a process crash cannot.
  as_owner tee -a "$PG_DATA/postgresql.conf" >/dev/null <<'CONF'

# --- infra/services/postgres.sh ---
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
}

# Short socket paths only: a unix socket path is limited to 107 bytes.
socket_dir() {
  if ((${#PG_DATA} + 20 < 100)); then printf '%s\n' "$PG_DATA"; else printf '\n'; fi
}

listening() { info "postgres listening on $ADDR (database $PG_DB, superuser $PG_USER, data $PG_DATA)"; }

# Prints a URL without its password, for messages.
redact_url() { sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#' <<<"$1"; }

start_external() {
  local isready
  isready="$(pg_bindir)/pg_isready"
  "$isready" -q -t 5 -d "$DATABASE_URL" ||
    die "DATABASE_URL ($(redact_url "$DATABASE_URL")) is not reachable; start that server or unset DATABASE_URL to use the local one"
  info "postgres: using DATABASE_URL $(redact_url "$DATABASE_URL") (reachable; not starting a local server)"
}

ensure_database() {
  local psql
  psql="$(pg_bindir)/psql"
  if [[ -z "$("$psql" -h "$PAYRAIL_HOST" -p "$PAYRAIL_PG_PORT" -U "$PG_USER" -d postgres -tAXc \
    "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" ]]; then
    "$psql" -h "$PAYRAIL_HOST" -p "$PAYRAIL_PG_PORT" -U "$PG_USER" -d postgres -qXc "CREATE DATABASE $PG_DB" ||
      die "could not create database $PG_DB; see $(log_file "$SVC")"
    info "created database $PG_DB"
  fi
}

svc_start() {
  if [[ -n "${DATABASE_URL:-}" ]]; then
    start_external
    return 0
  fi
  if daemon_running "$SVC"; then
    listening
    return 0
  fi
  ensure_port_free "$PAYRAIL_PG_PORT" PAYRAIL_PG_PORT
  svc_install
  local bindir logf pid
  bindir="$(pg_bindir)"
  logf="$(log_file "$SVC")"
  mkdir -p "$(dirname "$logf")"
  touch "$logf"
  ((EUID != 0)) || chown postgres:postgres "$logf"
  # Port and socket go on the command line, so changing PAYRAIL_PG_PORT
  # needs no re-init. setsid: detach from the caller's terminal and signals.
  # 9>&-: the postmaster must not inherit service_main's lock fd (see start_daemon).
  as_owner setsid "$bindir/pg_ctl" -D "$PG_DATA" -l "$logf" -w -t 60 \
    -o "-p $PAYRAIL_PG_PORT -k '$(socket_dir)'" start >/dev/null 9>&- ||
    die "postgres did not start; see $logf"
  pid="$(head -n1 "$PG_DATA/postmaster.pid")"
  write_pidfile "$SVC" "$pid"
  ensure_database
  listening
}

svc_stop() {
  if daemon_running "$SVC"; then
    # Fast shutdown: SIGTERM ("smart") would wait for every client to leave.
    as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null ||
      stop_daemon "$SVC"
  fi
  rm -f "$(pid_file "$SVC")"
}

svc_status() {
  if [[ -n "${DATABASE_URL:-}" ]] && ! daemon_running "$SVC"; then
    local state=unreachable
    "$(pg_bindir)/pg_isready" -q -t 2 -d "$DATABASE_URL" && state=reachable
    printf '%-22s external %s (%s)\n' "$SVC" "$(redact_url "$DATABASE_URL")" "$state"
    return 0
  fi
  print_status "$SVC" "$ADDR"
}

svc_logs() { show_logs "$SVC"; }

service_main "$SVC" "$@"
