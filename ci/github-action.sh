#!/usr/bin/env bash
# The work of the Kordon GitHub Action (action.yml): download a release archive, unpack it,
# run `kordon scan`, write SARIF, and hand the exit code to the last step. Plain bash, so that
# it runs outside GitHub too (tests set the same INPUT_* variables and a file:// URL).
#   INPUT_VERSION      release to download (e.g. 0.1.0)
#   INPUT_PATHS        what to scan, space-separated (default: .)
#   INPUT_ARGS         extra arguments for kordon scan (e.g. "--values prod.yaml")
#   INPUT_FAIL_ON      low|medium|high|critical (default: high)
#   INPUT_SARIF        SARIF file to write (default: kordon.sarif)
#   INPUT_SHA256       expected sha256 of the archive (optional, recommended)
#   KORDON_ARCHIVE_URL overrides the download URL (a mirror, or file:// in tests)
set -euo pipefail
version=${INPUT_VERSION:?set the action input 'version' (a Kordon release, e.g. 0.1.0)}
paths=${INPUT_PATHS:-.}
fail_on=${INPUT_FAIL_ON:-high}
sarif=${INPUT_SARIF:-kordon.sarif}
url=${KORDON_ARCHIVE_URL:-https://github.com/kordon-dev/kordon/releases/download/v$version/kordon-$version.tar.gz}
work=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/kordon-action-$$
mkdir -p "$work"
echo "Downloading $url" >&2
curl --fail --silent --show-error --location --retry 3 --output "$work/kordon.tar.gz" "$url"
if [ -n "${INPUT_SHA256:-}" ]; then
  echo "${INPUT_SHA256}  $work/kordon.tar.gz" | sha256sum --check --status \
    || { echo "::error::kordon-$version.tar.gz does not match the sha256 given" >&2; exit 2; }
fi
tar -xzf "$work/kordon.tar.gz" -C "$work"
kordon=$work/kordon-$version/bin/kordon
[ -x "$kordon" ] || { echo "::error::the archive has no kordon-$version/bin/kordon" >&2; exit 2; }
"$kordon" --version >&2
set +e
# shellcheck disable=SC2086 # paths and args are lists
"$kordon" scan $paths ${INPUT_ARGS:-} --format sarif --output "$sarif" --fail-on "$fail_on"
code=$?
set -e
echo "sarif=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
case $code in
  0) echo "Kordon: no finding at or above $fail_on" >&2 ;;
  1) echo "::error::Kordon found problems at or above $fail_on (see the code scanning alerts)" >&2 ;;
  *) echo "::error::Kordon could not read every input (exit $code); see the log above" >&2 ;;
esac
exit 0
