#!/usr/bin/env bash
# The README's two commands as a new user meets them on a machine whose default java is older than 25 (issue 19),
# with JAVA_HOME unset and that java first on PATH:
#   - ./mvnw finds the installed JDK 25 by itself (Maven reports Java 25);
#   - with no JDK 25 to find (JDK25_SEARCH_PATH pointed at an empty directory), ./mvnw and bin/standalone stop
#     before Maven starts, with exit code 1 and the one sentence saying what is missing and how to get it.
# Uses a real JDK older than 25 when one is installed beside JDK 25, else a stand-in that answers like JDK 17.
# Takes a few seconds: nothing is built.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/no-jdk"

older=
for candidate in /usr/lib/jvm/*; do
  version=$(jdk25_major "$candidate")
  if [ -x "$candidate/bin/java" ] && [ -n "$version" ] && [ "$version" -lt 25 ]; then
    older=$candidate
    break
  fi
done
if [ -z "$older" ]; then
  older="$scratch/jdk-17"
  mkdir -p "$older/bin"
  echo 'JAVA_VERSION="17.0.15"' >"$older/release"
  printf '#!/bin/sh\necho "Unrecognized option: $1" >&2\nexit 1\n' >"$older/bin/java"
  cp "$older/bin/java" "$older/bin/javac"
  chmod +x "$older/bin/java" "$older/bin/javac"
fi
echo "First contact with $older/bin/java first on PATH and JAVA_HOME unset"

failures=0
fail() {
  echo "FAILED: $1" >&2
  failures=$((failures + 1))
}

# Runs "$@" as the new user would: JAVA_HOME unset, the older java first on PATH. Sets out and rc.
as_new_user() {
  set +e
  out=$(env -u JAVA_HOME PATH="$older/bin:$PATH" "$@" 2>&1)
  rc=$?
  set -e
}

as_new_user ./mvnw -B -v
if [ "$rc" -ne 0 ] || ! grep -q '^Java version: 25' <<<"$out"; then
  fail "./mvnw -v did not run Maven on JDK 25 (exit $rc): $out"
fi

expected_message='JDK 25 not found (JAVA_HOME is unset, java on PATH is version [0-9]*, none in JDK25_SEARCH_PATH=.*):'
expected_message+=' install JDK 25 (for example Temurin 25 from https://adoptium.net) and set JAVA_HOME to its directory.'
for command in "./mvnw -B -v" "bin/standalone --help"; do
  # shellcheck disable=SC2086 # the command's words
  as_new_user env JDK25_SEARCH_PATH="$scratch/no-jdk" $command
  if [ "$rc" -ne 1 ]; then
    fail "$command without a JDK 25 exited with $rc, expected 1: $out"
  elif [ "$out" != "$(grep -x -- "$expected_message" <<<"$out")" ]; then
    fail "$command without a JDK 25 did not say only what is missing: $out"
  fi
done

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "First contact: ./mvnw finds JDK 25; without one, ./mvnw and bin/standalone say so and stop."
