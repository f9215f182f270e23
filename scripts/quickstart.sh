#!/usr/bin/env bash
# README command 1: set up, build every package through turbo, then run the seed's example request
# through the typed client against the local simulator (scripts/quickstart.mjs).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$REPO_ROOT/scripts/setup.sh"
export PATH="$REPO_ROOT/.tools/node_modules/.bin:$PATH"
cd "$REPO_ROOT"
printf '\n==> building every package (turbo run build)\n' >&2
pnpm exec turbo run build --output-logs=errors-only
printf '\n==> running the example request against the local simulator\n\n' >&2
node scripts/quickstart.mjs
