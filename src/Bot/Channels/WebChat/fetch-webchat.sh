#!/usr/bin/env bash
# Puts Web Chat's self-contained bundle (dist/webchat.js of botframework-webchat) into src/Bot/wwwroot, taken with
# `npm pack` so that none of its dependency tree is installed and nothing third-party is committed. Run by the build
# (MspSupport.Bot.csproj) when the file is missing, so `dotnet run --project src/Bot` and the tests both have it;
# with the file present nothing is fetched (offline builds work).
set -euo pipefail
version=4.18.1
dest="${1:-$(cd "$(dirname "$0")/../.." && pwd)/wwwroot/webchat.js}"
if [ -s "$dest" ]; then exit 0; fi
command -v npm >/dev/null || { echo "fetch-webchat: npm is not installed; cannot fetch botframework-webchat@$version" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# In an empty folder, so that no package.json around it is read or changed.
(cd "$tmp" && npm pack "botframework-webchat@$version" --silent --no-audit --no-fund >/dev/null)
tar -xzf "$tmp/botframework-webchat-$version.tgz" -C "$tmp" package/dist/webchat.js
mkdir -p "$(dirname "$dest")"
mv "$tmp/package/dist/webchat.js" "$dest.partial"
mv "$dest.partial" "$dest"
echo "fetch-webchat: botframework-webchat@$version dist/webchat.js -> $dest"
