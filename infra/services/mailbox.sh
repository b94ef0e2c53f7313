#!/usr/bin/env bash
# mailbox: local SMTP server that keeps what it receives, with a JSON API
# (infra/mailbox/mailbox.py) so tests and the demo can read the mail.
#
#   infra/services/mailbox.sh install|start|stop|status|logs
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

SVC=mailbox
SRC="$PAYRAIL_ROOT/infra/mailbox"
VENV="$PAYRAIL_TOOLS/mailbox-venv"
SMTP_ADDR="$PAYRAIL_HOST:$PAYRAIL_SMTP_PORT"
HTTP_URL="http://$PAYRAIL_HOST:$PAYRAIL_MAILBOX_HTTP_PORT"

svc_install() { ensure_venv "$VENV" "$SRC/requirements.txt"; }

listening() { info "mailbox listening on smtp://$SMTP_ADDR, messages at $HTTP_URL/messages"; }

svc_start() {
  if daemon_running "$SVC"; then
    listening
    return 0
  fi
  ensure_port_free "$PAYRAIL_SMTP_PORT" PAYRAIL_SMTP_PORT
  ensure_port_free "$PAYRAIL_MAILBOX_HTTP_PORT" PAYRAIL_MAILBOX_HTTP_PORT
  svc_install
  start_daemon "$SVC" "$VENV/bin/python" -u "$SRC/mailbox.py" \
    --smtp-port "$PAYRAIL_SMTP_PORT" \
    --http-port "$PAYRAIL_MAILBOX_HTTP_PORT" \
    --store "$PAYRAIL_STATE/mailbox/messages.jsonl"
  # HTTP opens last, so once it answers SMTP is up too.
  wait_for_port "$PAYRAIL_MAILBOX_HTTP_PORT" 30 mailbox "$SVC"
  listening
}

svc_stop() { stop_daemon "$SVC"; }
svc_status() { print_status "$SVC" "smtp://$SMTP_ADDR $HTTP_URL"; }
svc_logs() { show_logs "$SVC"; }

service_main "$SVC" "$@"
