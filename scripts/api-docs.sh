#!/usr/bin/env bash
# The API reference in docs/api/, generated from the package's declarations and their doc comments.
# api-extractor reads dist/index.d.ts into a doc model with the TypeScript it brings along (TypeDoc needs
# TypeScript's JS API, which the project's TypeScript 7 does not have), and api-documenter writes the model
# as Markdown. With --check it writes into a temp folder instead and fails when docs/api/ differs, so a
# changed signature or doc comment comes with its reference (npm run docs:api).
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
[[ "${1:-}" == "--check" ]] && check=true

# The whole build, not tsc alone: a dist/ newer than the startup snapshot makes bin/galley run without it.
npm run --silent compile
npx api-extractor run -c scripts/api-extractor.json
fresh=$(mktemp -d)
trap 'rm -rf "$fresh" "$fresh.log"' EXIT
# api-documenter only warns about a {@link} it cannot resolve, and then writes the link as plain text.
npx api-documenter markdown -i dist/api -o "$fresh" >"$fresh.log" 2>&1 || { cat "$fresh.log"; exit 1; }
if grep -i warning "$fresh.log"; then exit 1; fi
rm -f "$fresh.log"
if ! $check; then
  rm -rf docs/api
  cp -r "$fresh" docs/api
  echo "docs/api/ written ($(find docs/api -type f | wc -l) files)"
  exit 0
fi
if ! diff -r docs/api "$fresh"; then
  echo "docs/api/ is not current: run npm run docs:api and commit the result" >&2
  exit 1
fi
echo "docs/api/ is current ($(find docs/api -type f | wc -l) files)"
