#!/usr/bin/env bash
# Load benchmark of Slack's Events API door (issue #6): the assistant's /slack/events (Release build) and an
# equivalent @slack/bolt app, side by side in one run, both verifying the v0 signature and acknowledging the same
# signed event_callbacks (events.py: each with its own event id, from many users in many channels). Needs wrk
# (apt-get install wrk), python3, node and npm. Traffic stays on 127.0.0.1.
# Our answers to the queued events go to a local Web API stand-in (web-api-stand-in.js). The queue is sized for the
# run (Slack:QueueCapacity=1000000): Bolt acknowledges and runs its listeners as unbounded promises, so a bounded queue
# that refuses once full would not be the same work; a real workspace gets at most 30,000 events an hour, so the door's
# speed matters for bursts, which the queue absorbs.
# Usage: bench/slack/run.sh [seconds per run, default 15] [connections, default 50] [pause per connection in ms, default 0]
# Environment: BENCH_MIX (full: the workspace mix of events.py, 60 % of them queued work for us; chatter: only channel
# messages neither peer works on, the door alone), BENCH_WARMUP (seconds of load before each round, default 2), BENCH_BOT_ARGS (extra settings for our host,
# e.g. "--Slack:WorkerThreads=2").
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-50}
export BENCH_DELAY_MS=${3:-0}
out=artifacts/bench/slack
rm -rf "$out"; mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

echo "==> npm install @slack/bolt (bench/slack/node_modules, not committed)"
(cd bench/slack && npm install --no-audit --no-fund --silent)
echo "==> build the bot host (Release)"
dotnet build src/Bot/MspSupport.Bot.csproj -c Release -o "$out/bot" -v quiet --nologo

secret="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ts=$(date +%s)
events="$out/events.tsv"
# Distinct events (ids, channels, users, kinds) signed just before the rounds; ids repeat only after this many requests.
python3 bench/slack/events.py "$secret" "$ts" "${BENCH_EVENT_COUNT:-60000}" "${BENCH_MIX:-full}" >"$events"
body="$out/event.json"
head -n1 "$events" | cut -f2- | tr -d '\n' >"$body"
sig=$(head -n1 "$events" | cut -f1)
export BENCH_EVENTS="$events" BENCH_TS="$ts"

free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"; }
ours=$(free_port); bolt=$(free_port); api=$(free_port)
PORT=$api node bench/slack/web-api-stand-in.js >"$out/web-api.log" 2>&1 &
api_pid=$!
keyhash=$(printf '%s' "$secret-key" | sha256sum | cut -d' ' -f1)
data="$out/data"; mkdir -p "$data"
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning dotnet "$out/bot/MspSupport.Bot.dll" --urls "http://127.0.0.1:$ours" \
  --Storage:Sqlite:Path="$data/bot.db" --Knowledge:SourcePath="$PWD/knowledge" --Knowledge:IndexPath="$data/knowledge" \
  --Slack:SigningSecret="$secret" --Slack:BotToken=xoxb-bench --Slack:ApiBaseUrl="http://127.0.0.1:$api/api/" \
  --Slack:QueueCapacity=1000000 \
  --Auth:ApiKeys:0:Name=bench --Auth:ApiKeys:0:Hash="$keyhash" --Auth:ApiKeys:0:Role=Technician \
  --Slack:InstallationsPath="$data/slack" --Slack:KeyRingPath="$data/keys" ${BENCH_BOT_ARGS:-} >"$out/ours.log" 2>&1 &
ours_pid=$!
SLACK_SIGNING_SECRET="$secret" PORT=$bolt node bench/slack/bolt-app.js >"$out/bolt.log" 2>&1 &
bolt_pid=$!
trap 'kill $ours_pid $bolt_pid $api_pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$ours/health" >/dev/null; do kill -0 $ours_pid || { cat "$out/ours.log"; exit 1; }; sleep 0.05; done
until grep -q listening "$out/bolt.log"; do sleep 0.05; done

# Both must accept the signed event and refuse a forged one before the numbers mean anything.
for port in $ours $bolt; do
  ok=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/slack/events" -H 'content-type: application/json' \
    -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" --data-binary @"$body")
  bad=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/slack/events" -H 'content-type: application/json' \
    -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: v0=$(printf '0%.0s' $(seq 64))" --data-binary @"$body")
  echo "port $port: signed -> $ok, forged -> $bad"
  [ "$ok" = 200 ] && [ "$bad" = 401 ] || { echo "peer on $port does not verify as expected"; exit 1; }
done

summarize() { awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {print rps, p50, p99, (bad==""?0:bad)}' "$1"; }
for name in ours bolt ours bolt; do
  port=$ours; [ "$name" = bolt ] && port=$bolt
  wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-2}s" -s bench/slack/post.lua "http://127.0.0.1:$port/slack/events" >/dev/null # warm-up
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/slack/post.lua "http://127.0.0.1:$port/slack/events" >"$out/$name.wrk"
  cat "$out/$name.wrk" >>"$out/$name.all"
  echo "$name $(summarize "$out/$name.wrk")" | tee -a "$out/rounds.txt"
done
echo "==> rounds (name req/s p50 p99 non-2xx) in $out/rounds.txt"
