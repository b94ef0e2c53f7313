#!/usr/bin/env bash
# Smoke test for infra/: brings the whole stack up in a throwaway state dir on
# free ports (so it never touches a running dev stack), checks each service
# really answers, checks a second `up` is a no-op, then takes it down.
#
#   infra/test/smoke.sh        (exit 0 when every check passed)
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

STACK="$PAYRAIL_ROOT/infra/stack"
PASSED=0
FAILED=0

# A port the kernel says is free right now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# check NAME CMD...: runs CMD, records pass/fail, never stops the run.
check() {
  local name="$1" out
  shift
  if out="$("$@" 2>&1)"; then
    PASSED=$((PASSED + 1))
    printf 'ok    %s\n' "$name"
    grep '^\[payrail\]' <<<"$out" | sed 's/^/      /' || true
  else
    FAILED=$((FAILED + 1))
    printf 'FAIL  %s\n' "$name"
    tail -n 20 <<<"$out" | sed 's/^/      /'
  fi
}

setup() {
  require_cmd python3 "apt-get install -y python3"
  require_cmd curl "apt-get install -y curl"
  SMOKE_DIR="$(mktemp -d /tmp/payrail-smoke.XXXXXX)"
  export PAYRAIL_STATE="$SMOKE_DIR/.data"
  unset DATABASE_URL
  local var
  for var in PAYRAIL_PG_PORT PAYRAIL_TEMPORAL_PORT PAYRAIL_TEMPORAL_HTTP_PORT \
    PAYRAIL_TEMPORAL_METRICS_PORT PAYRAIL_TEMPORAL_UI_PORT PAYRAIL_LOCALSTRIPE_PORT \
    PAYRAIL_STRIPE_MOCK_PORT PAYRAIL_STRIPE_MOCK_HTTPS_PORT PAYRAIL_SMTP_PORT \
    PAYRAIL_MAILBOX_HTTP_PORT; do
    export "$var=$(free_port)"
  done
  trap teardown EXIT
  info "smoke: state $PAYRAIL_STATE, postgres port $PAYRAIL_PG_PORT, temporal port $PAYRAIL_TEMPORAL_PORT"
}

teardown() {
  "$STACK" down >/dev/null 2>&1 || true
  rm -rf "$SMOKE_DIR"
}

# --- checks -------------------------------------------------------------------

check_postgres() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PAYRAIL_PG_PORT" &&
    [[ "$("$PG_BIN/psql" "$DATABASE_URL" -tAXc 'SELECT 1')" == 1 ]]
}

check_postgres_create_db() {
  "$PG_BIN/psql" "$PAYRAIL_PG_ADMIN_URL" -qX -c 'CREATE DATABASE smoke_tmp' -c 'DROP DATABASE smoke_tmp'
}

check_temporal() {
  "$TEMPORAL_CLI_PATH" operator cluster health --address "$TEMPORAL_ADDRESS" | grep -q SERVING &&
    "$TEMPORAL_CLI_PATH" operator namespace describe --address "$TEMPORAL_ADDRESS" -n "$TEMPORAL_NAMESPACE" >/dev/null
}

check_localstripe() {
  local auth="Authorization: Bearer sk_test_smoke"
  curl -fsS -H "$auth" "$LOCALSTRIPE_URL/v1/customers" -d email=smoke@payrail.test >/dev/null &&
    curl -fsS -H "$auth" "$LOCALSTRIPE_URL/v1/customers" | grep -q smoke@payrail.test
}

check_stripe_mock() {
  curl -fsS -H "Authorization: Bearer sk_test_smoke" "$STRIPE_MOCK_URL/v1/customers/cus_smoke" |
    grep -q '"object": "customer"'
}

check_mailbox() {
  python3 - <<'PY'
import json, os, smtplib, urllib.request
from email.message import EmailMessage

msg = EmailMessage()
msg["From"] = "billing@payrail.test"
msg["To"] = "Zoë <zoe@example.com>"
msg["Subject"] = "Reçu: invoice paid"
msg.set_content("Hello Zoë,\nyour invoice is paid.\n")
msg.add_alternative("<p>Hello <b>Zoë</b></p>", subtype="html")
with smtplib.SMTP(os.environ["SMTP_HOST"], int(os.environ["SMTP_PORT"])) as smtp:
    smtp.send_message(msg)

base = os.environ["MAILBOX_URL"]
got = json.load(urllib.request.urlopen(f"{base}/messages?to=zoe@example.com"))
assert len(got) == 1, got
m = got[0]
assert m["subject"] == "Reçu: invoice paid", m
assert m["text"] == "Hello Zoë,\nyour invoice is paid.\n", m
assert "<b>Zoë</b>" in m["html"], m
assert m["to"] == ["zoe@example.com"] and m["from"] == "billing@payrail.test", m
assert json.load(urllib.request.urlopen(f"{base}/messages?to=nobody@example.com")) == []
urllib.request.urlopen(urllib.request.Request(f"{base}/messages", method="DELETE"))
assert json.load(urllib.request.urlopen(f"{base}/messages")) == []
PY
}

# Launches the wrapper the way the TypeScript SDK does and times how long
# until the port accepts connections (the SDK allows ~5 s).
check_test_server() {
  local port pid start ms
  port="$(free_port)"
  start=$(date +%s%N)
  "$TEMPORAL_TEST_SERVER_PATH" "$port" >/dev/null 2>&1 &
  pid=$!
  until port_in_use "$port"; do
    kill -0 "$pid" 2>/dev/null || { echo "test server exited"; return 1; }
    (($(date +%s%N) - start < 30000000000)) || { kill "$pid"; echo "no port after 30s"; return 1; }
    sleep 0.05
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  info "temporal-test-server accepted connections after ${ms} ms"
  ((ms < 4000)) || { echo "took ${ms} ms; the SDK gives up around 5000"; return 1; }
}

# Every port the stack opened listens on 127.0.0.1 and nowhere else.
check_loopback_only() {
  local pid addrs
  require_cmd ss "apt-get install -y iproute2"
  local -a pids
  mapfile -t pids < <(cut -d' ' -f1 "$PAYRAIL_STATE"/run/*.pid)
  for pid in "${pids[@]}"; do
    addrs="$(ss -Hltnp | grep "pid=$pid," | awk '{print $4}')"
    [[ -n "$addrs" ]] || { echo "pid $pid listens nowhere (or ss cannot see it)"; return 1; }
    if grep -v '^127\.0\.0\.1:' <<<"$addrs"; then
      echo "pid $pid listens beyond 127.0.0.1 (above)"
      return 1
    fi
  done
}

pids_snapshot() { cat "$PAYRAIL_STATE"/run/*.pid 2>/dev/null | sort; }

# Two at once, as parallel test packages would do: both succeed, nothing restarts.
check_second_up_is_noop() {
  local before after a b
  before="$(pids_snapshot)"
  "$STACK" up >/dev/null 2>&1 &
  a=$!
  "$STACK" up >/dev/null 2>&1 &
  b=$!
  wait "$a" || { echo "second up failed"; return 1; }
  wait "$b" || { echo "concurrent second up failed"; return 1; }
  after="$(pids_snapshot)"
  [[ "$before" == "$after" ]] || { printf 'pids changed:\n%s\n---\n%s\n' "$before" "$after"; return 1; }
}

check_port_conflict_message() {
  local out
  out="$(PAYRAIL_STATE="$SMOKE_DIR/other" "$PAYRAIL_ROOT/infra/services/stripe-mock.sh" start 2>&1)" && return 1
  grep -q "port $PAYRAIL_STRIPE_MOCK_PORT is in use by another process; set PAYRAIL_STRIPE_MOCK_PORT" <<<"$out"
}

check_all_stopped() {
  local status
  status="$("$STACK" status)"
  echo "$status"
  ! grep -q ' running ' <<<"$status"
}

main() {
  setup
  local start=$SECONDS
  "$STACK" up || die "infra/stack up failed"
  info "stack up took $((SECONDS - start)) s"
  eval "$("$STACK" env)"
  PG_BIN="$(pg_config --bindir 2>/dev/null || dirname "$(command -v psql)")"

  check "postgres answers SELECT 1" check_postgres
  check "postgres admin URL can create/drop a database" check_postgres_create_db
  check "temporal is SERVING with namespace default" check_temporal
  check "localstripe stores and lists a customer" check_localstripe
  check "stripe-mock answers /v1/customers" check_stripe_mock
  check "mailbox receives SMTP mail and serves it as JSON" check_mailbox
  check "temporal-test-server wrapper starts in time" check_test_server
  check "every listener is on 127.0.0.1 only" check_loopback_only
  check "a second 'up' (twice, concurrently) is a no-op" check_second_up_is_noop
  check "start on a taken port says which env var to set" check_port_conflict_message
  "$STACK" down
  check "after 'down', status shows all stopped" check_all_stopped

  echo "$PASSED passed, $FAILED failed"
  ((FAILED == 0))
}

main "$@"
