#!/usr/bin/env bash
# Runs every test on a fresh machine with the .NET SDK, node/npm and Debian's apt:
# installs what the tests need (npm peers such as dynalite), builds, runs all test projects,
# and ends with one line of totals: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

echo "==> npm peers for the tests (tests/node)"
npm ci --prefix tests/node --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }

echo "==> Chromium for the web chat browser tests (Debian package, driven by Playwright)"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { echo "installing chromium failed"; echo "0 passed, 1 failed"; exit 1; }
fi

echo "==> Web Chat bundle (botframework-webchat dist/webchat.js via npm pack; also run by the src/Bot build when missing)"
bash src/Bot/Channels/WebChat/fetch-webchat.sh || { echo "fetching webchat.js failed"; echo "0 passed, 1 failed"; exit 1; }

echo "==> build"
dotnet build MspSupport.sln -c Release -warnaserror --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

echo "==> format (dotnet format --verify-no-changes)"
format_failed=0
dotnet format MspSupport.sln --verify-no-changes --no-restore -v quiet || { echo "dotnet format found files to fix: run 'dotnet format MspSupport.sln'"; format_failed=1; }

# The Lambda package for real: Native AOT publish, zip, then the unzipped bootstrap must serve requests.
lambda_package() {
  local missing=()
  command -v clang >/dev/null || missing+=(clang)
  command -v zip >/dev/null || missing+=(zip)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (Native AOT toolchain)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
  fi
  local zip=artifacts/lambda/ticket-functions-x64.zip run=artifacts/lambda/run key="smoke-$RANDOM$RANDOM"
  bash deploy/lambda/build-zip.sh linux-x64 "$zip" >/dev/null || return 1
  rm -rf "$run" && mkdir -p "$run" && unzip -q "$zip" -d "$run" || return 1
  [ -x "$run/bootstrap" ] && [ -f "$run/libe_sqlite3.so" ] && [ -f "$run/appsettings.json" ] || return 1
  local port=$((20000 + RANDOM % 20000))
  (cd "$run" && exec ./bootstrap --urls "http://127.0.0.1:$port" --Storage:Sqlite:Path=/tmp/lambda-smoke-$port/t.db \
     --Auth:ApiKeys:0:Name=smoke --Auth:ApiKeys:0:Role=Admin --Auth:ApiKeys:0:Hash="$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)") >"$run/log" 2>&1 &
  local pid=$! ok=1
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && { ok=0; break; }; sleep 0.1; done
  [ $ok -eq 0 ] && curl -sf "http://127.0.0.1:$port/tickets" -H "x-api-key: $key" >/dev/null || ok=1
  kill $pid 2>/dev/null; wait $pid 2>/dev/null
  rm -rf /tmp/lambda-smoke-$port
  return $ok
}

echo "==> Lambda package (Native AOT zip, started and called)"
lambda_passed=0; lambda_failed=0
if lambda_package; then echo "Lambda package: ok"; lambda_passed=1; else echo "Lambda package: FAILED"; lambda_failed=1; fi

echo "==> test"
dotnet test MspSupport.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${n:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
failed=$((failed + format_failed + lambda_failed))
passed=$((passed + lambda_passed))
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then echo "no tests ran"; failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
