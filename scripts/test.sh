#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, starts a real Neo4j and
# uses a real headless Chromium, runs every test, stops the server. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium for the browser tests (Debian's package; needs root or an existing install).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: sudo apt-get install chromium" >&2; exit 1
  fi
fi

python -m pip install -q --disable-pip-version-check -e ".[dev]"

# A local Neo4j Community server (fetched from Maven Central on first use), in its own home so
# it never touches a developer's own server; stopped whatever happens.
export KG_NEO4J_HOME="${KG_NEO4J_HOME:-$HOME/.cache/kg/neo4j-test}"
kg neo4j start --heap 1g >/dev/null  # prints credentials; keep them out of CI logs
trap 'kg neo4j stop || true' EXIT
eval "$(kg neo4j env)"

# Neo4j and the browser are required here: their tests fail, not skip, when missing.
export KG_REQUIRE_NEO4J=1 KG_REQUIRE_BROWSER=1
python -m pytest -q "$@"
