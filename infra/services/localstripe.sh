#!/usr/bin/env bash
# localstripe: a stateful fake of the Stripe API (PyPI), in a venv in the
# shared tools cache. Started through localstripe/serve.py, which binds
# 127.0.0.1 and keeps its store in this checkout's state dir.
#
#   infra/services/localstripe.sh install|start|stop|status|logs
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

SVC=localstripe
HERE="$PAYRAIL_ROOT/infra/services/localstripe"
VERSION=1.15.10 # must match requirements.txt
VENV="$PAYRAIL_TOOLS/localstripe-venv"
ADDR="$PAYRAIL_HOST:$PAYRAIL_LOCALSTRIPE_PORT"

svc_install() {
  ensure_venv "$VENV" "$HERE/requirements.txt"
  local have
  have="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("localstripe"))')"
  [[ "$have" == "$VERSION" ]] ||
    die "localstripe $have in $VENV, expected $VERSION; fix infra/services/localstripe/requirements.txt"
}

listening() { info "localstripe listening on http://$ADDR (store: $PAYRAIL_STATE/localstripe)"; }

svc_start() {
  if daemon_running "$SVC"; then
    listening
    return 0
  fi
  ensure_port_free "$PAYRAIL_LOCALSTRIPE_PORT" PAYRAIL_LOCALSTRIPE_PORT
  svc_install
  start_daemon "$SVC" "$VENV/bin/python" -u "$HERE/serve.py" \
    --port "$PAYRAIL_LOCALSTRIPE_PORT" \
    --store "$PAYRAIL_STATE/localstripe/store.pickle"
  wait_for_port "$PAYRAIL_LOCALSTRIPE_PORT" 30 localstripe "$SVC"
  listening
}

svc_stop() { stop_daemon "$SVC"; }
svc_status() { print_status "$SVC" "http://$ADDR"; }
svc_logs() { show_logs "$SVC"; }

service_main "$SVC" "$@"
