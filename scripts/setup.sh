#!/usr/bin/env bash
# Installs what the workspace needs, idempotently: pnpm (pinned; into .tools/ when the pnpm on PATH is
# not that version — nothing global), the locked dependencies, and the SDK generator's jar.
# Run it (don't source it). Afterwards: export PATH="$PWD/.tools/node_modules/.bin:$PATH".
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION=10.34.9   # pnpm 11 crashes on Node 20; keep in step with package.json "packageManager"

step() { printf '\n==> %s\n' "$*" >&2; }

if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "setup: Node.js 20.19 or newer is required (found: $(node --version 2>/dev/null || echo none)). Install it, then run this again." >&2
  exit 1
fi

export PATH="$REPO_ROOT/.tools/node_modules/.bin:$PATH"
if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
  step "installing pnpm $PNPM_VERSION into .tools/"
  npm install --prefix "$REPO_ROOT/.tools" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >&2
fi

step "installing workspace dependencies (pnpm install --frozen-lockfile)"
(cd "$REPO_ROOT" && pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -v '^Progress' >&2)

# The SDK generator (openapi-generator) is a Java program; its npm wrapper would download the jar at
# generate time. Fetch the pinned version once, with Maven, where the wrapper looks for it.
GENERATOR_VERSION="$(node -p "require('$REPO_ROOT/packages/sdk/openapitools.json')['generator-cli'].version")"
GENERATOR_DIR="$REPO_ROOT/.tools/openapi-generator"
if [[ ! -f "$GENERATOR_DIR/$GENERATOR_VERSION.jar" ]]; then
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    echo "setup: the SDK generator needs Java and Maven (Debian: apt-get install openjdk-17-jdk-headless maven); install them and run this again." >&2
    exit 1
  fi
  step "fetching openapi-generator-cli $GENERATOR_VERSION from Maven Central (mvn dependency:copy)"
  mkdir -p "$GENERATOR_DIR"
  if ! mvn -q -B dependency:copy "-Dartifact=org.openapitools:openapi-generator-cli:$GENERATOR_VERSION" \
    "-DoutputDirectory=$GENERATOR_DIR/.download" -Dmdep.stripVersion=true >"$GENERATOR_DIR/mvn.log" 2>&1; then
    cat "$GENERATOR_DIR/mvn.log" >&2
    echo "setup: Maven could not fetch org.openapitools:openapi-generator-cli:$GENERATOR_VERSION (log above)." >&2
    exit 1
  fi
  mv "$GENERATOR_DIR/.download/openapi-generator-cli.jar" "$GENERATOR_DIR/$GENERATOR_VERSION.jar"
  rmdir "$GENERATOR_DIR/.download"
fi

# The official Huawei Cloud Python SDK, the client tests' independent peer (scripts/peer-requirements.txt).
PEER_PYTHON="$REPO_ROOT/.tools/python/bin/python"
PEER_STAMP="$REPO_ROOT/.tools/python/requirements.installed"
if ! cmp -s "$REPO_ROOT/scripts/peer-requirements.txt" "$PEER_STAMP" 2>/dev/null; then
  if ! command -v python3 >/dev/null 2>&1; then
    echo "setup: the Python SDK peer needs Python 3 with venv (Debian: apt-get install python3-venv); install it and run this again." >&2
    exit 1
  fi
  step "installing the official Huawei Cloud Python SDK into .tools/python (pip)"
  python3 -m venv "$REPO_ROOT/.tools/python" >&2
  "$PEER_PYTHON" -m pip install --quiet --disable-pip-version-check -r "$REPO_ROOT/scripts/peer-requirements.txt" >&2
  cp "$REPO_ROOT/scripts/peer-requirements.txt" "$PEER_STAMP"
fi

# Node 24 from the npm registry, for the packed-tarball consumer tests (packages/consumers).
NODE24_VERSION=24.21.0
if [[ "$("$REPO_ROOT/.tools/node24/node_modules/.bin/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]]; then
  step "installing Node $NODE24_VERSION (npm package node@$NODE24_VERSION) into .tools/node24"
  npm install --prefix "$REPO_ROOT/.tools/node24" --no-audit --no-fund --loglevel=error "node@$NODE24_VERSION" >&2
fi
