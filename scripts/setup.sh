#!/usr/bin/env bash
# Installs what the workspace needs, idempotently: pnpm (pinned, into .tools/ — nothing global),
# then the locked dependencies. Source it to get `pnpm` on PATH: `source scripts/setup.sh`.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION=10.34.9   # pnpm 11 crashes on Node 20; keep in step with package.json "packageManager"

step() { printf '\n==> %s\n' "$*" >&2; }

node_version="$(node --version 2>/dev/null || true)"
if [[ ! "$node_version" =~ ^v(2[0-9]|[3-9][0-9])\. ]]; then
  echo "setup: Node.js 20.19 or newer is required (found: ${node_version:-none}). Install it, then run this again." >&2
  exit 1
fi

export PATH="$REPO_ROOT/.tools/node_modules/.bin:$PATH"
if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
  step "installing pnpm $PNPM_VERSION into .tools/"
  npm install --prefix "$REPO_ROOT/.tools" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >&2
fi

step "installing workspace dependencies (pnpm install --frozen-lockfile)"
(cd "$REPO_ROOT" && pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -v '^Progress' >&2)
