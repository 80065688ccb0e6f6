#!/usr/bin/env bash
# Fetches the public OpenAPI documents under Tests/Fixtures/openapi, each pinned by commit and checked
# by SHA-256, so the parser, diff and validator tests always read the same bytes.
# Usage: scripts/fetch-openapi-fixtures.sh            (download from raw.githubusercontent.com)
#        scripts/fetch-openapi-fixtures.sh --verify   (only check what is already there)
set -euo pipefail
cd "$(dirname "$0")/../Tests/Fixtures/openapi"

# file | repository | commit | path in the repository | sha256
FIXTURES=(
  "openai-1.3.0.yaml|openai/openai-openapi|9ce93317c4cfd7bd48ab376f128fcf09ff3f09d8|openapi.yaml|7ce5c6d4aee02a2dd23a22f4a15f22bd008788a55e75480756d6a9ae6b7cfde7"
  "openai-2.0.0.yaml|openai/openai-openapi|0c432eb66fd0c758fd8b9bd69db41c1096e5f4db|openapi.yaml|12c6f6ff3aaa3a943ec8b68ea956196c28982c0c7175637016b13f7e4961fcc4"
  "openai-2.3.0-f85dbe2.yaml|openai/openai-openapi|f85dbe223d40e1a31cba812ab2d755c7e98a92a3|openapi.yaml|db5d7478feae10b4d331834c60d9765a8aa042e38419f9b1694288c11aa8ebc8"
  "twilio-api-v2010-2.6.7.yaml|twilio/twilio-oai|d50069b44ea8cd23141385bdb6db48f16ff75bb5|spec/yaml/twilio_api_v2010.yaml|a620369b5122eeae12728c6c168fdbc79f3f16a08263fff255ccf7b4940d4e3a"
)

status=0
for entry in "${FIXTURES[@]}"; do
  IFS='|' read -r file repo commit path sum <<<"$entry"
  if [[ "${1:-}" != "--verify" ]]; then
    curl -fsSL --proto '=https' -o "$file.part" "https://raw.githubusercontent.com/$repo/$commit/$path"
    mv "$file.part" "$file"
  fi
  if echo "$sum  $file" | sha256sum --check --quiet; then
    echo "ok  $file"
  else
    echo "BAD $file: checksum differs from the pinned one" >&2
    status=1
  fi
done
exit $status
