#!/usr/bin/env bash
# Cross-check: throughput of each model relative to nginx (one worker), measured in the same sitting with wrk.
#   scripts/nginx-ratio.sh [--runs 3] [--duration 10s] [--path /plaintext] [models...]
# Server (nginx or a model) pinned to CPU 1, wrk -t1 -c64 pinned to CPU 0. Each model JVM is warmed up with a
# discarded wrk run first. Prints req/s per run, the median of the runs and the ratio of medians to nginx.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=3; DURATION=10s; PATHS=/plaintext; MODELS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --path) PATHS="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    -*) echo "nginx-ratio: unknown flag $1" >&2; exit 2 ;;
    *) MODELS+=("$1"); shift ;;
  esac
done
[ ${#MODELS[@]} -gt 0 ] || MODELS=(threadpool eventloop virtual reactive)
for t in wrk nginx taskset; do command -v $t >/dev/null || { echo "nginx-ratio: needs $t (apt-get install wrk nginx-light util-linux)" >&2; exit 1; }; done

WORK="$(mktemp -d)"
cleanup() {
  local running; running="$(jobs -p)"
  [ -z "$running" ] || kill $running 2>/dev/null || true
  [ ! -f "$WORK/nginx.pid" ] || kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=18080
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$PORT;
    location /plaintext { default_type text/plain; return 200 "Hello, World!"; }
    location /json { default_type application/json; return 200 '{"message":"Hello, World!"}'; }
  }
}
CONF

rps() { taskset -c 0 wrk -t1 -c64 -d"$1" "http://127.0.0.1:$PORT$2" | awk '/Requests\/sec/ {print $2} /Non-2xx|Socket errors/ {print "ERR " $0 > "/dev/stderr"}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

"$ROOT/bench" --version >/dev/null   # build first, outside the measurement
for path in $PATHS; do
  declare -A MED=()
  taskset -c 1 nginx -c "$WORK/nginx.conf"; sleep 0.5
  rps 3s "$path" >/dev/null
  vals=(); for i in $(seq "$RUNS"); do vals+=("$(rps "$DURATION" "$path")"); done
  MED[nginx]="$(printf '%s\n' "${vals[@]}" | median)"
  echo "nginx      $path runs: ${vals[*]}  median ${MED[nginx]}"
  kill "$(cat "$WORK/nginx.pid")"; sleep 1
  for m in "${MODELS[@]}"; do
    JAVA_TOOL_OPTIONS="-XX:ActiveProcessorCount=1" taskset -c 1 "$ROOT/bench" serve "$m" --port $PORT --no-stage-timing >"$WORK/$m.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do grep -q listening "$WORK/$m.log" && break; sleep 0.2; done
    rps 5s "$path" >/dev/null   # JIT warm-up, discarded
    vals=(); for i in $(seq "$RUNS"); do vals+=("$(rps "$DURATION" "$path")"); done
    MED[$m]="$(printf '%s\n' "${vals[@]}" | median)"
    echo "$(printf '%-10s' "$m") $path runs: ${vals[*]}  median ${MED[$m]}  ratio-to-nginx $(awk -v a="${MED[$m]}" -v b="${MED[nginx]}" 'BEGIN{printf "%.3f", a/b}')"
    kill -TERM $pid; wait $pid 2>/dev/null || true
  done
  unset MED
done
