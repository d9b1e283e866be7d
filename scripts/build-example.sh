#!/usr/bin/env bash
# Builds and runs Examples/KlingPrepExample against KlingPrep as a *version* dependency, as a
# package that depends on a release does: a temporary clone of the committed tree (HEAD, not
# the working tree), tagged with the version in Sources/KlingCheck/Version.swift, referenced by
# a file:// URL with `from:`. The example sees only the products and their public API, so a
# change that breaks library users by version fails here (CI: .ci/run). Unsafe flags are
# refused here by name: older SwiftPM refuses a version dependency that has them, and 6.3.1
# builds it without them, silently (the tree that had -Wall -Werror built here with -w).
#
#   scripts/build-example.sh        everything lives in a temporary folder, removed at the end
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

version=$(sed -n 's/^ *public static let current = "\([0-9][0-9.]*\)".*/\1/p' Sources/KlingCheck/Version.swift)
[ -n "$version" ] || { echo "no version found in Sources/KlingCheck/Version.swift" >&2; exit 1; }

if grep -n 'unsafeFlags *(' Package.swift; then
  echo "Package.swift uses unsafe flags: a package that depends on KlingPrep by version would not get them" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/klingprep-example.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The clone, not the checkout, gets the tag: CI's checkout may be detached or shallow, and a
# tag there would outlive the run. -f: a tag of that name copied from the checkout moves to HEAD.
git clone --quiet "$root" "$work/KlingPrep"
git -C "$work/KlingPrep" tag -f "$version" >/dev/null
echo "KlingPrep $version: $(git -C "$work/KlingPrep" log --oneline -1)"

# The example as committed, outside the clone, depending on it by URL and version.
cp -R "$work/KlingPrep/Examples/KlingPrepExample" "$work/example"
cd "$work/example"
export KLINGPREP_PACKAGE_URL="file://$work/KlingPrep"
swift build
resolved=$(grep -A6 '"identity" : "klingprep"' Package.resolved | sed -n 's/.*"version" : "\(.*\)".*/\1/p')
[ "$resolved" = "$version" ] || { echo "KlingPrep resolved as '${resolved:-no version}', not $version" >&2; exit 1; }
echo "built against KlingPrep $resolved, by version"
"$(swift build --show-bin-path)/KlingPrepExample" "$work/out"
