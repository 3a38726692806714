#!/usr/bin/env bash
# Time from launching `./causa` (the REPL) to its prompt on a real terminal (tmux), with the built-in plugins.
# Usage: bench/startup-repl.sh [RUNS]   (default 7; one warm-up run first, not counted)
# Prints each run and `RESULT startup.repl_ms <median> ms`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-7}
command -v tmux >/dev/null || { echo "startup-repl: tmux is needed (apt-get install tmux)" >&2; exit 3; }
HOME_DIR=$(mktemp -d)
SOCKET="causa-bench-$$"
T=(tmux -L "$SOCKET" -f /dev/null)
cleanup() { "${T[@]}" kill-server 2>/dev/null || true; rm -rf "$HOME_DIR"; }
trap cleanup EXIT

# build once outside the measurement
"$ROOT/causa" --home "$HOME_DIR" --version >/dev/null

"${T[@]}" new-session -d -s bench -x 200 -y 50 "env PS1='$ ' bash --norc --noprofile"
wait_for() { # wait_for REGEX TIMEOUT_S
  local deadline=$(( $(date +%s%N) + $2 * 1000000000 ))
  until "${T[@]}" capture-pane -p -t bench | grep -qE -- "$1"; do
    [ "$(date +%s%N)" -lt "$deadline" ] || { echo "startup-repl: no '$1' within $2 s" >&2; "${T[@]}" capture-pane -p -t bench >&2; exit 3; }
    sleep 0.005
  done
}
wait_for '^\$' 10

times=()
for i in $(seq 0 "$RUNS"); do
  "${T[@]}" send-keys -R -t bench; "${T[@]}" clear-history -t bench
  start=$(date +%s%N)
  "${T[@]}" send-keys -t bench "$ROOT/causa --home $HOME_DIR" Enter
  wait_for '^causa>' 30
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  "${T[@]}" send-keys -t bench "exit" Enter
  wait_for '^\$' 30
  if [ "$i" -eq 0 ]; then echo "warm-up: $ms ms"; continue; fi
  echo "run $i: $ms ms"
  times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')
echo "RESULT startup.repl_ms $median ms"
