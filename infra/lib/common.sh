# shellcheck shell=bash
# Shared helpers for Payrail's infra scripts. Source it; do not execute it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
#
# Everything here is safe to source more than once.

set -euo pipefail

# --- Locations --------------------------------------------------------------

# Derived from this file's location so scripts work from any cwd and in any clone.
PAYRAIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
# Tools are shared by every clone on the machine (a fresh CI clone starts warm);
# data is per checkout so two clones never share a database or a mailbox.
PAYRAIL_TOOLS="${PAYRAIL_TOOLS:-$HOME/.cache/payrail/tools}"
PAYRAIL_STATE="${PAYRAIL_STATE:-$PAYRAIL_ROOT/.data}"
export PAYRAIL_ROOT PAYRAIL_TOOLS PAYRAIL_STATE

# --- Ports (all bound to 127.0.0.1) ----------------------------------------

PAYRAIL_PG_PORT="${PAYRAIL_PG_PORT:-55432}"
PAYRAIL_TEMPORAL_PORT="${PAYRAIL_TEMPORAL_PORT:-57233}"
# Extra ports the Temporal dev server opens; pinned so they never land on
# Temporal's defaults (8233 UI, 7243 HTTP) that another local stack may use.
PAYRAIL_TEMPORAL_HTTP_PORT="${PAYRAIL_TEMPORAL_HTTP_PORT:-57234}"
PAYRAIL_TEMPORAL_METRICS_PORT="${PAYRAIL_TEMPORAL_METRICS_PORT:-57235}"
PAYRAIL_TEMPORAL_UI_PORT="${PAYRAIL_TEMPORAL_UI_PORT:-57236}"
PAYRAIL_LOCALSTRIPE_PORT="${PAYRAIL_LOCALSTRIPE_PORT:-58420}"
PAYRAIL_STRIPE_MOCK_PORT="${PAYRAIL_STRIPE_MOCK_PORT:-58111}"
# stripe-mock always opens an HTTPS listener too (default *:12112); pin it.
PAYRAIL_STRIPE_MOCK_HTTPS_PORT="${PAYRAIL_STRIPE_MOCK_HTTPS_PORT:-58112}"
PAYRAIL_SMTP_PORT="${PAYRAIL_SMTP_PORT:-58025}"
PAYRAIL_MAILBOX_HTTP_PORT="${PAYRAIL_MAILBOX_HTTP_PORT:-58026}"
export PAYRAIL_PG_PORT PAYRAIL_TEMPORAL_PORT PAYRAIL_TEMPORAL_HTTP_PORT \
  PAYRAIL_TEMPORAL_METRICS_PORT PAYRAIL_TEMPORAL_UI_PORT PAYRAIL_LOCALSTRIPE_PORT \
  PAYRAIL_STRIPE_MOCK_PORT PAYRAIL_STRIPE_MOCK_HTTPS_PORT PAYRAIL_SMTP_PORT \
  PAYRAIL_MAILBOX_HTTP_PORT

PAYRAIL_HOST=127.0.0.1

# --- Messages ---------------------------------------------------------------

info() { printf '[payrail] %s\n' "$*" >&2; }

# One line that tells the reader what to do; never a stack trace.
die() {
  printf '[payrail] error: %s\n' "$*" >&2
  exit 1
}

require_cmd() {
  local cmd="$1" how="$2"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found; $how"
}

# --- Ports ------------------------------------------------------------------

# True if something accepts TCP connections on 127.0.0.1:port.
# Uses bash's /dev/tcp so it needs no nc/ss.
port_in_use() {
  local port="$1"
  (exec 3<>"/dev/tcp/$PAYRAIL_HOST/$port") 2>/dev/null
}

# Die with the standard message if a port we are about to bind is taken.
# $2 names the env var that moves it.
ensure_port_free() {
  local port="$1" var="$2"
  if port_in_use "$port"; then
    die "port $port is in use by another process; set $var to a free port"
  fi
}

# wait_for_port PORT TIMEOUT_S NAME [SERVICE]
# With SERVICE, gives up early when that daemon has already exited.
wait_for_port() {
  local port="$1" timeout="$2" name="$3" svc="${4:-}"
  local deadline=$((SECONDS + timeout))
  until port_in_use "$port"; do
    if [[ -n "$svc" ]] && ! daemon_running "$svc"; then
      die "$name exited during start; see $(log_file "$svc")"
    fi
    ((SECONDS < deadline)) || die "$name did not open port $port within ${timeout}s; see ${svc:+$(log_file "$svc")}"
    sleep 0.2
  done
}

# --- Daemons ----------------------------------------------------------------

pid_file() { printf '%s/run/%s.pid' "$PAYRAIL_STATE" "$1"; }
log_file() { printf '%s/logs/%s.log' "$PAYRAIL_STATE" "$1"; }

# Our pidfiles record "<pid> <process start time>" so a recycled pid that now
# belongs to an unrelated process is never mistaken for ours (and never killed).
# Fails for a process that is gone or a zombie (exited, not yet reaped).
_proc_starttime() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  # Fields after "pid (comm) ": comm may contain spaces, so strip it first;
  # then $1 is the state and $20 the start time (field 22 of the full line).
  stat="${stat##*) }"
  awk '$1 == "Z" { exit 1 } { print $20 }' <<<"$stat"
}

# Prints the pid if the daemon's pidfile names a live process that we started.
daemon_pid() {
  local file pid start now
  file="$(pid_file "$1")"
  [[ -r "$file" ]] || return 1
  read -r pid start <"$file" || true
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  now="$(_proc_starttime "$pid")" || return 1
  [[ -z "$start" || "$start" == "$now" ]] || return 1
  printf '%s\n' "$pid"
}

daemon_running() { daemon_pid "$1" >/dev/null; }

# start_daemon NAME CMD...
# Runs CMD detached in its own session (so Ctrl-C in the calling shell and the
# end of the calling script leave it alone), stdout+stderr into the log file.
start_daemon() {
  local name="$1"
  shift
  local pidf logf pid
  pidf="$(pid_file "$name")"
  logf="$(log_file "$name")"
  mkdir -p "$(dirname "$pidf")" "$(dirname "$logf")"
  printf '\n--- %s start: %s\n' "$(date -u +%FT%TZ)" "$*" >>"$logf"
  # Scripts run without job control, so the child is not a group leader and
  # setsid execs in place: $! is then the daemon itself, not a short-lived fork.
  [[ $- != *m* ]] || die "start_daemon needs job control off (run it from a script, not an interactive shell)"
  # 9>&-: fd 9 holds service_main's start lock; a daemon inheriting it would
  # keep the lock for its whole life.
  setsid nohup "$@" >>"$logf" 2>&1 </dev/null 9>&- &
  pid=$!
  printf '%s %s\n' "$pid" "$(_proc_starttime "$pid" || true)" >"$pidf"
}

# Stops only the process named in our own pidfile, and only if it is still
# the process we started. Its session (setsid) is signalled so children go too.
stop_daemon() {
  local name="$1" pid i
  if pid="$(daemon_pid "$name")"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      daemon_running "$name" || break
      sleep 0.1
    done
    if daemon_running "$name"; then
      info "$name did not stop after 10s; sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$(pid_file "$name")"
}

# --- Small shared pieces for the service scripts -----------------------------

# Dispatches "install|start|stop|status|logs" to svc_<action> functions.
# install/start/stop hold a per-checkout lock, so parallel `infra/stack up`
# calls (e.g. several test packages at once) init and start each service once.
service_main() {
  local svc="$1" action="${2:-}" lock="$PAYRAIL_STATE/locks/$1.lock"
  case "$action" in
    install | start | stop)
      mkdir -p "$(dirname "$lock")"
      (
        flock -w 900 9 || die "timed out after 15 min waiting for $lock"
        "svc_$action"
      ) 9>"$lock"
      ;;
    status | logs) "svc_$action" ;;
    *) die "usage: infra/services/$svc.sh install|start|stop|status|logs" ;;
  esac
}

# Standard status line: "<svc>: running at <addr>" / "<svc>: stopped".
print_status() {
  local svc="$1" addr="$2"
  if daemon_running "$svc"; then
    printf '%-22s running  %s\n' "$svc" "$addr"
  else
    printf '%-22s stopped  (%s)\n' "$svc" "$addr"
  fi
}

show_logs() {
  local logf
  logf="$(log_file "$1")"
  [[ -f "$logf" ]] || die "no log yet for $1 (expected $logf); start it first"
  tail -n "${PAYRAIL_LOG_LINES:-200}" "$logf"
}

# with_tools_lock NAME CMD...
# Serialises installs of one tool into the shared cache, so two clones (or a
# CI run next to a dev shell) never build the same tool at once. The second
# caller waits, then finds the tool installed and returns at once.
with_tools_lock() {
  local name="$1"
  shift
  mkdir -p "$PAYRAIL_TOOLS/.locks"
  (
    flock -w 3600 9 || die "timed out waiting for $PAYRAIL_TOOLS/.locks/$name.lock"
    "$@"
  ) 9>"$PAYRAIL_TOOLS/.locks/$name.lock"
}

# Records a process that started itself (e.g. via pg_ctl) as ours.
write_pidfile() {
  local name="$1" pid="$2" pidf
  pidf="$(pid_file "$name")"
  mkdir -p "$(dirname "$pidf")"
  printf '%s %s\n' "$pid" "$(_proc_starttime "$pid" || true)" >"$pidf"
}

# --- Tool installs ------------------------------------------------------------

# go_install_tool BIN MODULE VERSION
# Builds MODULE@VERSION into $PAYRAIL_TOOLS/bin/BIN unless a binary built from
# exactly that module version is already there (read from its build info).
go_install_tool() {
  local bin="$1" module="$2" version="$3"
  with_tools_lock "$bin" _go_install_locked "$bin" "$module" "$version"
}

_go_binary_has_version() {
  local path="$1" module="$2" version="$3"
  [[ -x "$path" ]] || return 1
  # Without go we cannot read build info; trust what a previous install left.
  command -v go >/dev/null 2>&1 || return 0
  # The "mod" line names the main module, a prefix of the package path we install.
  go version -m "$path" 2>/dev/null | awk -v m="$module" -v v="$version" \
    '$1 == "mod" && index(m, $2) == 1 && $3 == v { found = 1 } END { exit !found }'
}

_go_install_locked() {
  local bin="$1" module="$2" version="$3"
  local path="$PAYRAIL_TOOLS/bin/$bin" log="$PAYRAIL_TOOLS/logs/$bin-build.log"
  _go_binary_has_version "$path" "$module" "$version" && return 0
  require_cmd go "install Go >= 1.21 (e.g. apt-get install -y golang-go from bookworm-backports); it fetches the toolchain it needs from the Go module proxy"
  mkdir -p "$PAYRAIL_TOOLS/bin" "$(dirname "$log")"
  info "building $bin $version with go install (first time on this machine only; see infra/README.md for how long; log: $log)"
  # CGO off: the tools are pure Go, so no C compiler is needed and the binary is portable.
  if ! GOBIN="$PAYRAIL_TOOLS/bin" CGO_ENABLED=0 go install "$module@$version" >"$log" 2>&1; then
    die "go install $module@$version failed; see $log"
  fi
  _go_binary_has_version "$path" "$module" "$version" || die "go install produced no usable $path; see $log"
  info "built $path"
}

# ensure_venv DIR REQUIREMENTS_FILE
# A venv with exactly the pinned requirements. Cached: a stamp holding the
# requirements' checksum makes the second run instant, and editing the
# requirements file triggers a reinstall.
ensure_venv() {
  local dir="$1" reqs="$2"
  with_tools_lock "$(basename "$dir")" _ensure_venv_locked "$dir" "$reqs"
}

_ensure_venv_locked() {
  local dir="$1" reqs="$2" want stamp="$1/.payrail-requirements.sha256"
  want="$(sha256sum "$reqs" | cut -d' ' -f1)"
  if [[ -x "$dir/bin/python" ]] && "$dir/bin/python" -c '' 2>/dev/null &&
    [[ "$(cat "$stamp" 2>/dev/null)" == "$want" ]]; then
    return 0
  fi
  require_cmd python3 "apt-get install -y python3 python3-venv"
  # A venv whose interpreter vanished (python upgraded/removed) cannot be repaired.
  if [[ -e "$dir" ]] && ! "$dir/bin/python" -c '' 2>/dev/null; then
    rm -rf "$dir"
  fi
  if [[ ! -x "$dir/bin/python" ]]; then
    info "creating venv $dir"
    python3 -m venv "$dir" >/dev/null 2>&1 || {
      rm -rf "$dir"
      die "python3 -m venv failed; apt-get install -y python3-venv"
    }
  fi
  info "installing $(basename "$reqs") into $dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$reqs" >&2 ||
    die "pip install -r $reqs failed (see the output above)"
  printf '%s\n' "$want" >"$stamp"
}
