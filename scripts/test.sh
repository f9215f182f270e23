#!/usr/bin/env bash
# README command 2: set up, build, run every package's tests through turbo, print one total.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$REPO_ROOT/scripts/setup.sh"
export PATH="$REPO_ROOT/.tools/node_modules/.bin:$PATH"
cd "$REPO_ROOT"

# The docs tests drive a real browser: Debian's chromium.
if ! command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    printf '\n==> installing chromium (apt-get) for the docs browser test\n' >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    echo "test: the docs browser test needs Chromium: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi

# Tests read the ground truth in ../shared (outside the repository, so outside turbo's file hashing):
# its digest keys the test cache, so a changed or missing shared/ re-runs them.
if [[ -d "$REPO_ROOT/../shared" ]]; then
  CODEARTS_SHARED_DIGEST="$(cd "$REPO_ROOT/../shared" && find seeds api-facts -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
else
  CODEARTS_SHARED_DIGEST=missing
fi
export CODEARTS_SHARED_DIGEST

rm -f packages/*/reports/jest.json
mkdir -p reports
printf '\n==> building and testing every package (turbo run test)\n' >&2
status=0
# The output is kept (reports/test-output.log) for the closing scan for leaked test credentials.
pnpm exec turbo run build test --continue "$@" 2>&1 | tee reports/test-output.log || status=$?

node scripts/test-summary.mjs || status=$?
exit "$status"
