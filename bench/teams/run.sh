#!/usr/bin/env bash
# Load benchmark of Teams /api/messages (issue #5) and its peer (issue #9): our bot host (Release, tier 0, no model)
# and a botbuilder CloudAdapter bot (bench/teams/peer), both authenticating the same pre-signed channel token against
# the same local OpenID issuer and answering "help" with the help card (no typing indicator: both show one only after
# 500 ms) sent to the same local
# Bot Connector stand-in (the tests' BotConnectorStandIn as a process, HTTPS with its own certificate).
# Needs wrk (apt-get install wrk), node and npm (npm builds the peer's better-sqlite3 from source: make and g++, about a
# minute the first time). Traffic stays on 127.0.0.1.
# Usage: bench/teams/run.sh [seconds per run, default 20] [connections, default 32] [warm-up seconds, default 40]
#        [pace, default 0: both as fast as each bot answers]
# PEER_MEMORY=none runs the peer without conversation state (as before 2026-12-07); by default it keeps the
# conversation in a SQLite file as ours does (bench/teams/peer/bot.js).
# Pace: a number N pauses each connection N ms between requests, for both bots; xM (e.g. x3) runs the peer first as
# fast as it answers and then drives ours at M times the peer's measured throughput (wrk paced by activity.lua), which
# asks the goal's question directly: at M times the peer's throughput, what is our p99 against the peer's?
# (the warm-up lets tiered compilation finish: with 5 s, a loaded machine still spent ~14% of the bot's CPU in the JIT;
# dotnet-counters showed 200-700 methods a second still being compiled 20-25 s into the load)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}
connections=${2:-32}
warmup=${3:-40}
pace=${4:-0}
multiple=""
case "$pace" in
  x*) multiple=${pace#x}; export BENCH_DELAY_MS=0 ;;
  *) export BENCH_DELAY_MS=$pace ;;
esac
export BENCH_THREADS=2 BENCH_RATE=0
out=artifacts/bench/teams
rm -rf "$out"; mkdir -p "$out"
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "==> build (bot host and connector stand-in in Release, peer npm packages)"
dotnet build src/Bot -c Release -v quiet --nologo
bot=src/Bot/bin/Release/net10.0
dotnet build bench/teams/ConnectorStandIn -c Release -o "$out/stand-in" -v quiet --nologo
[ -f bench/teams/peer/node_modules/better-sqlite3/build/Release/better_sqlite3.node ] || npm ci --prefix bench/teams/peer --no-audit --no-fund --loglevel=error

app_id="7f1b2c3d-0000-4000-8000-0000000bench"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_up() { # $1 = url, $2 = pid, $3 = log: until the url answers, or fail if the process died or 120 s passed
  for _ in $(seq 1 1200); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "process $2 died; see $3"; tail -20 "$3"; exit 1; }
    sleep 0.1
  done
  echo "$1 did not answer within 120 s"; exit 1
}

echo "==> connector stand-in"
dotnet "$out/stand-in/MspSupport.Bench.TeamsConnector.dll" "$out/connector" "$app_id" >"$out/stand-in.log" 2>&1 &
connector_pid=$!
pids+=($!)
for _ in $(seq 1 600); do [ -f "$out/connector/connector.json" ] && break; sleep 0.1; done
setting() { node -p "require('./$out/connector/connector.json').$1"; }
service_url=$(setting serviceUrl)
export BENCH_TOKEN; BENCH_TOKEN=$(setting token)
cert="$PWD/$out/connector/connector.pem"
accepted() { curl -s --cacert "$cert" "${service_url%/teams/}/stand-in/accepted" | node -p "JSON.parse(require('fs').readFileSync(0)).accepted"; }

# The recorded Teams payload with the stand-in's serviceUrl, text "help" and placeholder activity and conversation
# ids the Lua script fills (1,000 personal chats, as many users would talk at once, not one chat hammered).
export BENCH_ACTIVITY="$PWD/$out/activity.json"
node -e "
const a = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
a.serviceUrl = process.argv[2]; a.text = 'help'; a.id = 'BENCH_ACTIVITY_ID'; a.conversation.id = 'BENCH_CONVERSATION_ID';
require('fs').writeFileSync(process.argv[3], JSON.stringify(a));" ../shared/fixtures/teams/message-personal.json "$service_url" "$BENCH_ACTIVITY"

summarize() { # wrk --latency output -> "req/s p50 p99 non2xx"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {print rps, p50, p99, (bad==""?0:bad)}' "$1"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_load() { # $1 = name, $2 = url, $3 = bot pid; also CPU ms per request of the bot and of the stand-in
  local name=$1 url=$2 pid=$3 before after bot0 con0 requests
  wrk -t"$BENCH_THREADS" -c"$connections" -d"${warmup}s" -s bench/teams/activity.lua "$url" >"$out/$name-warmup.txt"
  before=$(accepted); bot0=$(cpu_ticks "$pid"); con0=$(cpu_ticks "$connector_pid")
  wrk -t"$BENCH_THREADS" -c"$connections" -d"${duration}s" --latency -s bench/teams/activity.lua "$url" >"$out/$name.txt"
  sleep 1
  after=$(accepted)
  requests=$(awk '/requests in/ {print $1}' "$out/$name.txt")
  echo $((after - before)) >"$out/$name-sent.txt"
  awk -v b=$(( $(cpu_ticks "$pid") - bot0 )) -v c=$(( $(cpu_ticks "$connector_pid") - con0 )) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.2f %.2f\n", b * 1000 / hz / n, c * 1000 / hz / n }' >"$out/$name-cpu.txt"
}

run_ours() {
  echo "==> our bot host"
  data="$out/bot-data"; mkdir -p "$data"
  SSL_CERT_FILE="$cert" ASPNETCORE_ENVIRONMENT=Production dotnet "$bot/MspSupport.Bot.dll" --urls http://127.0.0.1:5190 --contentRoot "$PWD/$bot" \
    --Logging:LogLevel:Default=Warning \
    --Storage:Sqlite:Path="$data/bot.db" --Knowledge:SourcePath="$PWD/knowledge" --Knowledge:IndexPath="$data/knowledge" \
    --Teams:AppId="$app_id" --Teams:AppPassword=bench-secret \
    --Teams:OpenIdMetadataUrl="$(setting openIdMetadataUrl)" --Teams:TokenAuthority="$(setting tokenAuthority)" \
    --Identity:Tenants:0:Channel=teams --Identity:Tenants:0:TenantId=f5ffd8cf-a1aa-4242-adad-86509faa3be5 \
    --Identity:Tenants:0:Role=Customer --Identity:Tenants:0:CustomerId=contoso \
    --Auth:ApiKeys:0:Name=unused --Auth:ApiKeys:0:Role=Admin --Auth:ApiKeys:0:Hash="$(head -c 32 /dev/urandom | sha256sum | cut -d' ' -f1)" \
    --RateLimiting:Burst=1000000 --RateLimiting:PerSecond=1000000 >"$out/bot.log" 2>&1 &
  pids+=($!)
  bot_pid=$!
  wait_up http://127.0.0.1:5190/health "$bot_pid" "$out/bot.log"
  run_load ours http://127.0.0.1:5190/api/messages "$bot_pid"
}

run_peer() {
  echo "==> peer: botbuilder CloudAdapter"
  local peer_state=none
  if [ "${PEER_MEMORY:-sqlite}" != none ]; then
    mkdir -p "$out/peer-data"; peer_state="$PWD/$out/peer-data/state.db"
  fi
  PORT=5191 NODE_EXTRA_CA_CERTS="$cert" NODE_ENV=production MICROSOFT_APP_ID="$app_id" MICROSOFT_APP_PASSWORD=bench-secret \
    OPENID_METADATA_URL="$(setting openIdMetadataUrl)" TOKEN_ISSUER="$(setting issuer)" TOKEN_AUTHORITY="$(setting tokenAuthority)" \
    PEER_STATE_PATH="$peer_state" node bench/teams/peer/bot.js >"$out/peer.log" 2>&1 &
  pids+=($!)
  peer_pid=$!
  wait_up http://127.0.0.1:5191/ "$peer_pid" "$out/peer.log"
  run_load peer http://127.0.0.1:5191/api/messages "$peer_pid"
}

if [ -n "$multiple" ]; then
  run_peer
  read -r p_rps _ < <(summarize "$out/peer.txt")
  export BENCH_RATE; BENCH_RATE=$(awk -v r="$p_rps" -v m="$multiple" 'BEGIN { printf "%d", r * m + 0.5 }')
  echo "==> ours at ${multiple}x the peer's $p_rps activities/s: $BENCH_RATE activities/s"
  run_ours
else
  run_ours
  run_peer
fi

read -r o_rps o_p50 o_p99 o_bad < <(summarize "$out/ours.txt")
read -r p_rps p_p50 p_p99 p_bad < <(summarize "$out/peer.txt")
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else printf "%.3f", v*1000 }'; }
{
  echo "| bot | activities/s | p50 | p99 | non-2xx | activities the connector got | CPU ms per activity: bot / stand-in |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  echo "| ours (ASP.NET Core, Release) | $o_rps | $o_p50 | $o_p99 | $o_bad | $(cat "$out/ours-sent.txt") | $(sed 's# # / #' "$out/ours-cpu.txt") |"
  echo "| peer (botbuilder CloudAdapter) | $p_rps | $p_p50 | $p_p99 | $p_bad | $(cat "$out/peer-sent.txt") | $(sed 's# # / #' "$out/peer-cpu.txt") |"
  echo
  awk -v a="$o_rps" -v b="$p_rps" -v c="$(ms "$o_p99")" -v d="$(ms "$p_p99")" \
    'BEGIN { printf "throughput ours/peer = %.2fx; p99 ours/peer = %.2f\n", a/b, c/d }'
} | tee "$out/results.md"
