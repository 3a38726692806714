# Sourced by ./causa, ./run-tests, .ci/run and bench/run: points JAVA_HOME at a JDK 25 or newer.
# Order: $JAVA_HOME if it is 25+, else the newest JDK 25+ in the system's JVM folder. Exits 3 with a clear
# message if there is none.

causa_jdk_major() {
  # reads the JDK's release file instead of starting a JVM: this runs on every launch
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  echo "${v:-0}"
}

causa_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(causa_jdk_major "$JAVA_HOME")" -ge 25 ]; then
    return 0
  fi
  local best="" best_major=0 d m
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    m=$(causa_jdk_major "$d")
    if [ "$m" -ge 25 ] && [ "$m" -gt "$best_major" ]; then best=$d; best_major=$m; fi
  done
  if [ -z "$best" ]; then
    echo "causa: no JDK 25 found: set JAVA_HOME to a JDK 25 or newer, or install one under /usr/lib/jvm" >&2
    echo "causa: (found: JAVA_HOME=${JAVA_HOME:-unset}; $(ls /usr/lib/jvm 2>/dev/null | tr '\n' ' '))" >&2
    exit 3
  fi
  export JAVA_HOME=$best
}

causa_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"
