#!/usr/bin/env bash
# Web chat benchmark (issue #7): starts the Release bot host on its embedded defaults (SQLite, the bundled knowledge
# base, no model: tier-0 only) with a temporary data folder on 127.0.0.1, then runs the console client against it:
# reply latency over the WebSocket at many concurrent conversations, and the page's weight and time to interactive.
# Usage: bench/webchat/run.sh [conversations=200] [messages per conversation=25] [page runs=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
conversations=${1:-200}
messages=${2:-25}
runs=${3:-5}
out=artifacts/bench/webchat
rm -rf "$out"; mkdir -p "$out"
data=$(mktemp -d)
port=${PORT:-5190}

echo "==> build (Release)"
dotnet build src/Bot -c Release -v quiet --nologo >/dev/null
dotnet build bench/webchat -c Release -v quiet --nologo >/dev/null

# The ticket API refuses to start without a caller; a random key nobody uses satisfies it.
hash=$(head -c 32 /dev/urandom | sha256sum | cut -d' ' -f1)
echo "==> start the bot host on :$port (data in $data)"
env ${HOST_ENV:-} ASPNETCORE_ENVIRONMENT=Production dotnet src/Bot/bin/Release/net10.0/MspSupport.Bot.dll --urls "http://127.0.0.1:$port" \
  --contentRoot "$PWD/src/Bot" \
  --Logging:LogLevel:Default=Warning \
  --Storage:Sqlite:Path="$data/bot.db" \
  --Knowledge:SourcePath="$PWD/knowledge" --Knowledge:IndexPath="$data/knowledge" \
  --Tickets:Attachments:Path="$data/attachments" \
  --Auth:ApiKeys:0:Name=bench --Auth:ApiKeys:0:Hash="$hash" --Auth:ApiKeys:0:Role=Technician \
  --WebChat:Auth:LocalCustomerId=contoso >"$out/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "http://127.0.0.1:$port/webchat/config.json" >/dev/null; do
  kill -0 $host 2>/dev/null || { echo "the host exited:"; cat "$out/host.log"; exit 1; }
  sleep 0.1
done

bench=bench/webchat/bin/Release/net10.0/MspSupport.WebChat.Bench.dll
echo "==> reply latency: $conversations conversations x $messages messages, paced (1 s think time) then back to back"
dotnet "$bench" latency "http://127.0.0.1:$port" "$conversations" "$messages" 1000 | tee "$out/latency.txt"
dotnet "$bench" latency "http://127.0.0.1:$port" "$conversations" "$messages" 0 | tee -a "$out/latency.txt"
echo "==> page weight and time to interactive ($runs fresh loads)"
dotnet "$bench" page "http://127.0.0.1:$port" "$runs" | tee "$out/page.txt"
echo "host RSS after the run: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$host/status)" | tee -a "$out/latency.txt"
