#!/usr/bin/env bash
# pre-commit hook (.pre-commit-hooks.yaml): scans the staged manifests with an installed Kordon
# (`kordon` on the PATH, or $KORDON_HOME/bin/kordon from the release archive).
set -euo pipefail
if [ -n "${KORDON_HOME:-}" ] && [ -x "$KORDON_HOME/bin/kordon" ]; then
  kordon=$KORDON_HOME/bin/kordon
elif command -v kordon >/dev/null 2>&1; then
  kordon=kordon
else
  echo "kordon is not installed: unpack a release archive (kordon-VERSION.tar.gz) and put its bin/ on the PATH, or set KORDON_HOME" >&2
  exit 2
fi
[ $# -gt 0 ] || exit 0
exec "$kordon" scan --fail-on "${KORDON_FAIL_ON:-high}" "$@"
