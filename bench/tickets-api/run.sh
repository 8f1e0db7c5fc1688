#!/usr/bin/env bash
# Load benchmark of the ticket API on SQLite (issue #2): JIT and Native AOT builds side by side.
# Needs wrk (apt-get install wrk) and, for AOT, clang and zlib1g-dev. Traffic stays on 127.0.0.1.
# Usage: bench/tickets-api/run.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
out=artifacts/bench/tickets-api
rm -rf "$out"; mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

echo "==> publish (JIT and Native AOT)"
dotnet publish src/TicketFunctions -c Release -p:PublishAot=false -o "$out/jit" -v quiet --nologo
dotnet publish src/TicketFunctions -c Release -r linux-x64 -o "$out/aot" -v quiet --nologo

export BENCH_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash=$(printf '%s' "$BENCH_KEY" | sha256sum | cut -d' ' -f1)
port=5180

start_api() { # $1 = jit|aot; prints the pid
  local kind=$1 data="$out/$1-data"
  rm -rf "$data"; mkdir -p "$data"
  local cmd=("$out/aot/MspSupport.TicketFunctions")
  [ "$kind" = jit ] && cmd=(dotnet "$out/jit/MspSupport.TicketFunctions.dll")
  ASPNETCORE_ENVIRONMENT=Production "${cmd[@]}" --urls "http://127.0.0.1:$port" \
    --Storage:Sqlite:Path="$data/tickets.db" \
    --Auth:ApiKeys:0:Name=bench --Auth:ApiKeys:0:Hash="$hash" --Auth:ApiKeys:0:Role=Customer --Auth:ApiKeys:0:CustomerId=contoso \
    --RateLimiting:Burst=1000000 --RateLimiting:PerSecond=1000000 >"$out/$kind.log" 2>&1 &
  echo $!
}

wait_healthy() { # prints milliseconds from $1 (ns) to the first 200 from /health
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.005; done
  echo $(( ($(date +%s%N) - $1) / 1000000 ))
}

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

# wrk --latency output -> "req/s p50 p99"
summarize() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' "$1"
}

results="$out/results.md"
{
  echo "| build | start to first /health | RSS idle | RSS after load | GET by id req/s (p50 / p99) | GET list req/s (p50 / p99) | POST req/s (p50 / p99) |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} >"$results"

for kind in aot jit; do
  echo "==> $kind"
  t0=$(date +%s%N)
  pid=$(start_api "$kind")
  ready_ms=$(wait_healthy "$t0")
  sleep 2
  idle=$(rss_mb "$pid")
  # Seed 200 tickets so that the list reads a realistic page, and take one id for GET by id.
  for i in $(seq 1 200); do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$port/tickets" -H "x-api-key: $BENCH_KEY" -H 'content-type: application/json' \
      -d "{\"title\":\"Seed ticket $i\",\"category\":\"network\"}"
  done
  id=$(curl -s "http://127.0.0.1:$port/tickets?limit=1" -H "x-api-key: $BENCH_KEY" | sed -n 's/.*"ticketId":"\([^"]*\)".*/\1/p')
  wrk -t2 -c64 -d3s "http://127.0.0.1:$port/tickets/$id" -H "x-api-key: $BENCH_KEY" >/dev/null # warm-up
  wrk -t2 -c64 -d"${duration}s" --latency "http://127.0.0.1:$port/tickets/$id" -H "x-api-key: $BENCH_KEY" >"$out/$kind-get.txt"
  wrk -t2 -c64 -d"${duration}s" --latency "http://127.0.0.1:$port/tickets?limit=25" -H "x-api-key: $BENCH_KEY" >"$out/$kind-list.txt"
  wrk -t2 -c64 -d"${duration}s" --latency -s bench/tickets-api/post.lua "http://127.0.0.1:$port/tickets" >"$out/$kind-post.txt"
  after=$(rss_mb "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  read -r g1 g2 g3 < <(summarize "$out/$kind-get.txt")
  read -r l1 l2 l3 < <(summarize "$out/$kind-list.txt")
  read -r p1 p2 p3 < <(summarize "$out/$kind-post.txt")
  for f in get list post; do grep -E "Non-2xx|Socket errors" "$out/$kind-$f.txt" || true; done
  echo "| $kind | ${ready_ms} ms | ${idle} MB | ${after} MB | $g1 ($g2 / $g3) | $l1 ($l2 / $l3) | $p1 ($p2 / $p3) |" >>"$results"
done

echo
cat "$results"
