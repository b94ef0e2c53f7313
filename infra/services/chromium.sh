#!/usr/bin/env bash
# chromium: the headless browser the UI end-to-end tests drive with
# playwright-core. Debian's `chromium` package; the tests launch it themselves
# (packages/*-ui/e2e/browser.ts), so there is nothing to start or stop.
# CHROMIUM_PATH points the tests (and this script) at another binary.
#
#   infra/services/chromium.sh install|status|path
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

SVC=chromium
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

svc_install() {
  [[ -x "$CHROMIUM" ]] && return 0
  if [[ -n "${CHROMIUM_PATH:-}" ]]; then
    die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable; fix it or unset it to use Debian's /usr/bin/chromium"
  fi
  ((EUID == 0)) || die "chromium is not installed; run as root: apt-get update && apt-get install -y chromium"
  require_cmd apt-get "install Debian's chromium package (or set CHROMIUM_PATH to a Chromium binary)"
  info "installing Debian's chromium package (apt-get; first time on this machine only)"
  # Serialised with other installs: two concurrent apt-get runs fight over the dpkg lock.
  with_tools_lock apt-chromium _apt_install_chromium
  [[ -x "$CHROMIUM" ]] || die "apt-get installed chromium but $CHROMIUM is missing; set CHROMIUM_PATH"
}

_apt_install_chromium() {
  [[ -x "$CHROMIUM" ]] && return 0
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed (see the output above)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 ||
    die "apt-get install -y chromium failed (see the output above)"
}

svc_status() {
  local version
  if [[ -x "$CHROMIUM" ]] && version="$("$CHROMIUM" --version 2>/dev/null)"; then
    printf '%-22s installed  %s (%s)\n' "$SVC" "$CHROMIUM" "$version"
  else
    printf '%-22s missing    (%s; infra/services/chromium.sh install)\n' "$SVC" "$CHROMIUM"
  fi
}

svc_path() { printf '%s\n' "$CHROMIUM"; }

case "${1:-}" in
  install | status | path) "svc_$1" ;;
  *) die "usage: infra/services/chromium.sh install|status|path" ;;
esac
