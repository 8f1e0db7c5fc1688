#!/usr/bin/env bash
# Builds the ticket API's Lambda package: a Native AOT publish of src/TicketFunctions, the executable renamed
# `bootstrap` (what the provided.al2023 runtime starts), the SQLite native library it links, and appsettings.json.
#
#   deploy/lambda/build-zip.sh [linux-x64|linux-arm64] [output.zip]
#
# Default: linux-x64 into artifacts/lambda/ticket-functions-x64.zip (the path infra/cdk.json points at).
# Needs clang and zlib1g-dev. linux-arm64 on an x64 machine needs a cross toolchain as well (an arm64 sysroot
# and linker; see docs/deploy.md) or an arm64 build machine (GitHub's ubuntu-24.04-arm runners).
#
# No run.sh: on an OS-only runtime, Lambda starts `bootstrap` itself, and the Web Adapter layer runs beside it as
# a Lambda extension that turns invocations into HTTP requests on port 8080.
set -euo pipefail

rid="${1:-linux-x64}"
case "$rid" in
  linux-x64) arch=x64 ;;
  linux-arm64) arch=arm64 ;;
  *) echo "build-zip.sh: runtime '$rid' is not supported; use linux-x64 or linux-arm64" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${2:-$root/artifacts/lambda/ticket-functions-$arch.zip}"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

publish="${BUILD_ZIP_PUBLISH_DIR:-$root/artifacts/lambda/publish-$rid}"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
rm -rf "$publish"

echo "==> dotnet publish (Native AOT, $rid)"
dotnet publish "$root/src/TicketFunctions/MspSupport.TicketFunctions.csproj" \
  -c Release -r "$rid" -o "$publish" --nologo -v quiet -p:StripSymbols=true

for file in MspSupport.TicketFunctions libe_sqlite3.so appsettings.json; do
  [ -f "$publish/$file" ] || { echo "build-zip.sh: the publish output has no $file" >&2; exit 1; }
done

cp "$publish/MspSupport.TicketFunctions" "$stage/bootstrap"
chmod 755 "$stage/bootstrap"
cp "$publish/libe_sqlite3.so" "$publish/appsettings.json" "$stage/"
# appsettings.Development.json stays out on purpose: it holds the local demo keys.

rm -f "$out"
(cd "$stage" && zip -q -X "$out" bootstrap libe_sqlite3.so appsettings.json)
echo "==> $out"
unzip -l "$out"
