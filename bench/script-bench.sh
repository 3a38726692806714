#!/usr/bin/env bash
# Script figures (issue 5), measured, never asserted:
#   startup.script_ms        cold `causa script run` of a trivial script: process start to exit (median of N)
#   script.1000_actions_ms   a script starts 1,000 files.copy actions of a tiny file and awaits every one:
#                            first run() to last done, timed inside the script; the process wall time is printed too
# Usage: bench/script-bench.sh [--runs N] [--actions N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
actions=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --actions) actions=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "script-bench: unknown option '$1' (try --help)" >&2; exit 1 ;;
  esac
done

"$root/causa" --version >/dev/null  # builds when sources changed, outside the timings
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/scripts" "$work/src" "$work/dst"
echo x >"$work/src/one.txt"

cat >"$work/scripts/trivial.mjs" <<'JS'
console.log('ok');
JS
cat >"$work/scripts/many.mjs" <<'JS'
const [count, source, target] = causa.args;
const n = Number(count);
const started = Date.now();
const runs = await Promise.all(Array.from({ length: n }, (_, i) =>
  causa.actions.run('files.copy', { sources: [source], destination: target + '/' + i })));
const dispatched = Date.now();
const results = await Promise.all(runs.map(run => run.done));
const finished = Date.now();
const failed = results.filter(r => r.status !== 'completed').length;
console.log(JSON.stringify({ n, failed, dispatchMs: dispatched - started, totalMs: finished - started }));
JS

now_ms() { date +%s%3N; }

times=()
for i in $(seq "$runs"); do
  home="$work/home-trivial-$i"
  t0=$(now_ms)
  "$root/causa" --home "$home" script run "$work/scripts/trivial.mjs" >/dev/null
  t1=$(now_ms)
  times+=($((t1 - t0)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "  cold script run of a trivial script: ${times[*]} ms (median of $runs)"
echo "RESULT startup.script_ms $median ms"

t0=$(now_ms)
summary=$(CAUSA_WORKERS=${CAUSA_WORKERS:-4} "$root/causa" --home "$work/home-many" script run "$work/scripts/many.mjs" \
  --timeout 600 -- "$actions" "$work/src/one.txt" "$work/dst" | tail -1)
t1=$(now_ms)
total=$(echo "$summary" | sed -n 's/.*"totalMs":\([0-9]*\).*/\1/p')
dispatch=$(echo "$summary" | sed -n 's/.*"dispatchMs":\([0-9]*\).*/\1/p')
failed=$(echo "$summary" | sed -n 's/.*"failed":\([0-9]*\).*/\1/p')
echo "  $actions actions: dispatched in $dispatch ms, all done in $total ms inside the script ($failed failed); process wall $((t1 - t0)) ms"
echo "RESULT script.${actions}_actions_ms $total ms"
echo "RESULT script.${actions}_actions_wall_ms $((t1 - t0)) ms"
