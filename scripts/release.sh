#!/usr/bin/env bash
# Cuts a release locally (never publishes): applies pending changesets (versions + CHANGELOG.md),
# moves the spec's info.version with them, rebuilds, runs the breaking-change gate, packs every
# publishable package into release/, and makes this bundle the new released baseline.
# Run after scripts/setup.sh; then review `git diff`, commit, and publish the tarballs if you wish.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$REPO_ROOT/.tools/node_modules/.bin:$PATH"
cd "$REPO_ROOT"
step() { printf '\n==> %s\n' "$*" >&2; }

if ! ls .changeset/*.md 2>/dev/null | grep -qv README.md; then
  echo "release: no pending changesets (.changeset/*.md): nothing to release. Add one with 'pnpm changeset'." >&2
  exit 1
fi

step "applying changesets (versions and changelogs)"
pnpm exec changeset version
node scripts/sync-spec-version.mjs

step "building"
pnpm exec turbo run build --output-logs=errors-only

step "breaking-change gate against the last release"
node packages/openapi/scripts/check-breaking.mjs

step "packing publishable packages into release/"
rm -rf release && mkdir release
for manifest in packages/*/package.json; do
  dir="$(dirname "$manifest")"
  if [[ "$(node -p "require('./$manifest').private === true")" == "false" ]]; then
    (cd "$dir" && pnpm pack --pack-destination "$REPO_ROOT/release" >/dev/null)
  fi
done
ls -1 release >&2

cp packages/openapi/dist/openapi.json packages/openapi/released/openapi.json
step "released $(node -p "require('./packages/openapi/package.json').version"): tarballs in release/, baseline in packages/openapi/released/; review and commit"
