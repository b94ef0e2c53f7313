# Node 24 LTS and pnpm for the project, from the npm registry (no website downloads).
# Sourced by ./dev; puts a Node 24 and the pinned pnpm first on PATH.
: "${PAYRAIL_TOOLS:=$HOME/.cache/payrail/tools}"
PAYRAIL_NODE_VERSION="$(tr -d '[:space:]' < "$PAYRAIL_ROOT/.nvmrc")"
PAYRAIL_PNPM_VERSION="$(sed -n 's/.*"packageManager": "pnpm@\([^"]*\)".*/\1/p' "$PAYRAIL_ROOT/package.json")"

node_major() { "$1" --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p'; }

# The system node is used when it is already Node 24; otherwise the npm package node@<pinned>
# (its bin is a real Node binary) is installed once into the shared tools cache.
ensure_node() {
  local wanted_major="${PAYRAIL_NODE_VERSION%%.*}"
  if command -v node >/dev/null && [ "$(node_major node)" = "$wanted_major" ]; then return 0; fi
  local prefix="$PAYRAIL_TOOLS/node-$PAYRAIL_NODE_VERSION"
  local bin="$prefix/node_modules/node/bin/node"
  if [ "$(node_major "$bin")" != "$wanted_major" ]; then
    command -v npm >/dev/null || { echo "[payrail] npm is needed to install Node $PAYRAIL_NODE_VERSION: apt-get install -y npm" >&2; return 1; }
    echo "[payrail] installing Node $PAYRAIL_NODE_VERSION from the npm registry into $prefix" >&2
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --foreground-scripts "node@$PAYRAIL_NODE_VERSION" >"$prefix/install.log" 2>&1 \
      || { echo "[payrail] installing node@$PAYRAIL_NODE_VERSION failed; see $prefix/install.log" >&2; return 1; }
    [ "$(node_major "$bin")" = "$wanted_major" ] \
      || { echo "[payrail] node@$PAYRAIL_NODE_VERSION installed but $bin does not run; see $prefix/install.log" >&2; return 1; }
  fi
  export PATH="$(dirname "$bin"):$PATH"
}

ensure_pnpm() {
  local prefix="$PAYRAIL_TOOLS/pnpm-$PAYRAIL_PNPM_VERSION"
  if [ ! -x "$prefix/node_modules/.bin/pnpm" ]; then
    echo "[payrail] installing pnpm $PAYRAIL_PNPM_VERSION from the npm registry into $prefix" >&2
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund "pnpm@$PAYRAIL_PNPM_VERSION" >"$prefix/install.log" 2>&1 \
      || { echo "[payrail] installing pnpm failed; see $prefix/install.log" >&2; return 1; }
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
  # pnpm must not try to fetch another pnpm from the web to satisfy packageManager.
  export COREPACK_ENABLE_STRICT=0 npm_config_manage_package_manager_versions=false
}
