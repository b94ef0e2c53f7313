#!/usr/bin/env bash
# stripe-mock: Stripe's stateless API mock (validates requests against Stripe's
# OpenAPI spec, answers with fixtures). Built from source with go install.
#
#   infra/services/stripe-mock.sh install|start|stop|status|logs
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

SVC=stripe-mock
MODULE=github.com/stripe/stripe-mock
VERSION=v0.203.0
BIN="$PAYRAIL_TOOLS/bin/stripe-mock"
ADDR="$PAYRAIL_HOST:$PAYRAIL_STRIPE_MOCK_PORT"

svc_install() { go_install_tool stripe-mock "$MODULE" "$VERSION"; }

listening() { info "stripe-mock listening on http://$ADDR"; }

svc_start() {
  if daemon_running "$SVC"; then
    listening
    return 0
  fi
  ensure_port_free "$PAYRAIL_STRIPE_MOCK_PORT" PAYRAIL_STRIPE_MOCK_PORT
  ensure_port_free "$PAYRAIL_STRIPE_MOCK_HTTPS_PORT" PAYRAIL_STRIPE_MOCK_HTTPS_PORT
  svc_install
  # -http-addr alone does not turn off its HTTPS listener (it would take
  # *:12112 on every interface), and there is no flag to disable it: pin it.
  start_daemon "$SVC" "$BIN" \
    -http-addr "$ADDR" \
    -https-addr "$PAYRAIL_HOST:$PAYRAIL_STRIPE_MOCK_HTTPS_PORT"
  wait_for_port "$PAYRAIL_STRIPE_MOCK_PORT" 30 stripe-mock "$SVC"
  listening
}

svc_stop() { stop_daemon "$SVC"; }
svc_status() { print_status "$SVC" "http://$ADDR"; }
svc_logs() { show_logs "$SVC"; }

service_main "$SVC" "$@"
