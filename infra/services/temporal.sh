#!/usr/bin/env bash
# temporal: the Temporal CLI's dev server (a full Temporal server with SQLite),
# persisted in this checkout's state dir. Uses `temporal` from PATH if there is
# one, else builds the pinned CLI into the shared tools cache.
#
#   infra/services/temporal.sh install|start|stop|status|logs
#
# PAYRAIL_TEMPORAL_UI=1 also serves the Web UI on $PAYRAIL_TEMPORAL_UI_PORT.
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

SVC=temporal
# v1.6.0+ carry a `replace` in go.mod, which go install refuses.
MODULE=github.com/temporalio/cli/cmd/temporal
VERSION=v1.5.1
ADDR="$PAYRAIL_HOST:$PAYRAIL_TEMPORAL_PORT"

temporal_bin() {
  if command -v temporal >/dev/null 2>&1; then
    command -v temporal
  else
    printf '%s\n' "$PAYRAIL_TOOLS/bin/temporal"
  fi
}

svc_install() {
  command -v temporal >/dev/null 2>&1 && return 0
  go_install_tool temporal "$MODULE" "$VERSION"
}

listening() {
  local ui=""
  [[ "${PAYRAIL_TEMPORAL_UI:-0}" != 1 ]] || ui=", UI http://$PAYRAIL_HOST:$PAYRAIL_TEMPORAL_UI_PORT"
  info "temporal listening on $ADDR (namespace default$ui)"
}

cluster_healthy() {
  "$(temporal_bin)" operator cluster health --address "$ADDR" --command-timeout 2s >/dev/null 2>&1
}

svc_start() {
  if daemon_running "$SVC"; then
    listening
    return 0
  fi
  ensure_port_free "$PAYRAIL_TEMPORAL_PORT" PAYRAIL_TEMPORAL_PORT
  ensure_port_free "$PAYRAIL_TEMPORAL_HTTP_PORT" PAYRAIL_TEMPORAL_HTTP_PORT
  ensure_port_free "$PAYRAIL_TEMPORAL_METRICS_PORT" PAYRAIL_TEMPORAL_METRICS_PORT
  svc_install

  # Unpinned, the HTTP API and metrics ports are random and the UI takes
  # port+1000; pin them all near the gRPC port, on 127.0.0.1 like everything else.
  local ui_args=(--headless)
  if [[ "${PAYRAIL_TEMPORAL_UI:-0}" == 1 ]]; then
    ensure_port_free "$PAYRAIL_TEMPORAL_UI_PORT" PAYRAIL_TEMPORAL_UI_PORT
    ui_args=(--ui-port "$PAYRAIL_TEMPORAL_UI_PORT")
  fi
  mkdir -p "$PAYRAIL_STATE/temporal"
  start_daemon "$SVC" "$(temporal_bin)" server start-dev "${ui_args[@]}" \
    --ip "$PAYRAIL_HOST" \
    --port "$PAYRAIL_TEMPORAL_PORT" \
    --http-port "$PAYRAIL_TEMPORAL_HTTP_PORT" \
    --metrics-port "$PAYRAIL_TEMPORAL_METRICS_PORT" \
    --db-filename "$PAYRAIL_STATE/temporal/temporal.db" \
    --namespace default

  # The port opens before the frontend serves; wait for the health check.
  wait_for_port "$PAYRAIL_TEMPORAL_PORT" 60 temporal "$SVC"
  local deadline=$((SECONDS + 60))
  until cluster_healthy; do
    daemon_running "$SVC" || die "temporal exited during start; see $(log_file "$SVC")"
    ((SECONDS < deadline)) || die "temporal did not report SERVING within 60s; see $(log_file "$SVC")"
    sleep 0.3
  done
  listening
}

svc_stop() { stop_daemon "$SVC"; }
svc_status() { print_status "$SVC" "$ADDR"; }
svc_logs() { show_logs "$SVC"; }

# `infra/services/temporal.sh bin` prints the CLI path (used by infra/stack env).
if [[ "${1:-}" == bin ]]; then
  temporal_bin
  exit 0
fi
service_main "$SVC" "$@"
