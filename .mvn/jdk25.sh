# shellcheck shell=sh
# Finds a JDK 25 (or newer, as the enforcer accepts) for mvnw, bin/standalone and .ci/run, which source this file
# and call jdk25_select. POSIX sh, since mvnw is; safe under `set -euf` and bash's `set -euo pipefail`.
#
# Looks at JAVA_HOME, then at the java on PATH, then at the places in JDK25_SEARCH_PATH: colon-separated
# directories or patterns, the usual install locations by default. On success JAVA_HOME is exported and points at
# the JDK found; otherwise one sentence on stderr says what is missing and how to get it, and the call fails.

JDK25_DEFAULT_SEARCH_PATH="/usr/lib/jvm/*:/usr/lib64/jvm/*:/usr/java/*:/opt/java/*:/opt/jdk*\
:/Library/Java/JavaVirtualMachines/*/Contents/Home:${HOME:-/root}/.sdkman/candidates/java/*:${HOME:-/root}/.jdks/*"

# The major version of the JDK at $1 (from its release file, else from java -version), or nothing.
jdk25_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | sed -n 1p
  fi
}

jdk25_version_or_unknown() {
  _jdk25_v=$(jdk25_major "$1")
  printf %s "${_jdk25_v:-unknown}"
}

# Whether $1 is a JDK (java and javac) of version 25 or newer.
jdk25_usable() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _jdk25_version=$(jdk25_major "$1")
  [ -n "$_jdk25_version" ] && [ "$_jdk25_version" -ge 25 ]
}

# The JDK home of the java on PATH (through Debian's alternatives links), or nothing.
jdk25_path_home() {
  _jdk25_java=$(command -v java 2>/dev/null) || return 0
  _jdk25_java=$(readlink -f "$_jdk25_java" 2>/dev/null) || true
  case "$_jdk25_java" in */bin/java) printf %s "${_jdk25_java%/bin/java}" ;; esac
}

jdk25_select() {
  if jdk25_usable "${JAVA_HOME:-}"; then
    export JAVA_HOME
    return 0
  fi
  _jdk25_found=
  _jdk25_on_path=$(jdk25_path_home)
  if jdk25_usable "$_jdk25_on_path"; then
    _jdk25_found=$_jdk25_on_path
  else
    case $- in *f*) _jdk25_noglob=true ;; *) _jdk25_noglob=false ;; esac
    set +f
    _jdk25_ifs=$IFS
    IFS=:
    for _jdk25_pattern in ${JDK25_SEARCH_PATH-$JDK25_DEFAULT_SEARCH_PATH}; do
      for _jdk25_candidate in $_jdk25_pattern; do
        if jdk25_usable "$_jdk25_candidate"; then
          _jdk25_found=$_jdk25_candidate
          break 2
        fi
      done
    done
    IFS=$_jdk25_ifs
    if [ "$_jdk25_noglob" = true ]; then set -f; fi
  fi
  if [ -n "$_jdk25_found" ]; then
    if [ -n "${JAVA_HOME:-}" ]; then
      echo "Note: JAVA_HOME=$JAVA_HOME is not a JDK 25; using $_jdk25_found" >&2
    fi
    JAVA_HOME=$_jdk25_found
    export JAVA_HOME
    return 0
  fi
  if [ -n "${JAVA_HOME:-}" ]; then
    _jdk25_home="JAVA_HOME is $JAVA_HOME, version $(jdk25_version_or_unknown "$JAVA_HOME")"
  else
    _jdk25_home="JAVA_HOME is unset"
  fi
  if [ -n "$_jdk25_on_path" ]; then
    _jdk25_path="java on PATH is version $(jdk25_version_or_unknown "$_jdk25_on_path")"
  else
    _jdk25_path="no java on PATH"
  fi
  if [ -n "${JDK25_SEARCH_PATH+set}" ]; then
    _jdk25_searched="none in JDK25_SEARCH_PATH=$JDK25_SEARCH_PATH"
  else
    _jdk25_searched="none in the usual JDK directories"
  fi
  echo "JDK 25 not found ($_jdk25_home, $_jdk25_path, $_jdk25_searched):" \
    "install JDK 25 (for example Temurin 25 from https://adoptium.net) and set JAVA_HOME to its directory." >&2
  return 1
}
