# Sourced by ./mvnw and ./wharf: picks a JDK >= 21 (newest first, 25 preferred) and exports JAVA_HOME.
# Why: a fresh machine's default `java` may be 17, while Wharf targets 21+ and runs best on 25.
# Order: WHARF_JAVA_HOME, then JAVA_HOME if it is new enough, then well-known install folders
# (or the globs in WHARF_JDK_DIRS), then the javac on PATH.
wharf_jdk_major() {
  # Prints the feature version of the JDK at $1 (from its `release` file, else from `java -version`).
  _home=$1
  [ -x "$_home/bin/java" ] && [ -x "$_home/bin/javac" ] || return 1
  if [ -f "$_home/release" ]; then
    _v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$_home/release")
  else
    _v=$("$_home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  _v=${_v#1.}
  _v=${_v%%[.+-]*}
  case "$_v" in '' | *[!0-9]*) return 1 ;; esac
  printf '%s\n' "$_v"
}

wharf_select_jdk() {
  _min=21
  if [ -n "${WHARF_JAVA_HOME-}" ]; then
    _m=$(wharf_jdk_major "$WHARF_JAVA_HOME") || _m=0
    if [ "$_m" -lt "$_min" ]; then
      echo "wharf: WHARF_JAVA_HOME=$WHARF_JAVA_HOME is not a JDK $_min or newer." >&2
      return 1
    fi
    JAVA_HOME=$WHARF_JAVA_HOME
    export JAVA_HOME
    return 0
  fi
  if [ -n "${JAVA_HOME-}" ]; then
    _m=$(wharf_jdk_major "$JAVA_HOME") || _m=0
    [ "$_m" -ge "$_min" ] && return 0
  fi
  _best= _best_major=0 _seen=
  # WHARF_JDK_DIRS (space-separated globs) replaces the well-known folders, e.g. for unusual installs.
  _dirs=${WHARF_JDK_DIRS-"/usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* /usr/java/* \
    $HOME/.sdkman/candidates/java/* $HOME/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home"}
  for _cand in $_dirs; do
    [ -d "$_cand" ] || continue
    _m=$(wharf_jdk_major "$_cand") || continue
    _seen="$_seen $_cand($_m)"
    if [ "$_m" -gt "$_best_major" ]; then
      _best=$_cand _best_major=$_m
    fi
  done
  if [ -z "$_best" ] && [ -z "${WHARF_JDK_DIRS-}" ] && command -v javac >/dev/null 2>&1; then
    _cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    _m=$(wharf_jdk_major "$_cand") || _m=0
    _seen="$_seen $_cand($_m)"
    [ "$_m" -ge "$_min" ] && _best=$_cand _best_major=$_m
  fi
  if [ -z "$_best" ] || [ "$_best_major" -lt "$_min" ]; then
    echo "wharf: no JDK $_min or newer found (JDK 25 recommended)." >&2
    echo "wharf: looked at JAVA_HOME=${JAVA_HOME-<unset>} and:${_seen:- nothing}" >&2
    echo "wharf: install a JDK >= $_min and set WHARF_JAVA_HOME (or JAVA_HOME) to it." >&2
    return 1
  fi
  JAVA_HOME=$_best
  export JAVA_HOME
}

wharf_select_jdk || exit 1
