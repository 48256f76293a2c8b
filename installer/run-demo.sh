#!/usr/bin/env bash
# Sets everything up, starts the local sandbox central API (HTTPS on 127.0.0.1:8470, fictional
# people from config/sandbox_seed.json, database in build/sandbox-demo.db) and opens the kiosk
# fullscreen against it. The sandbox stops when the kiosk closes.
# Extra arguments go to the kiosk, e.g.: bash installer/run-demo.sh --windowed 1280x800
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash installer/setup.sh

build/kiosk/sandbox/kiosk-sandbox --listen 127.0.0.1:8470 --db build/sandbox-demo.db \
  --tls-cert build/dev-tls/sandbox-cert.pem --tls-key build/dev-tls/sandbox-key.pem &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null || true; wait "$sandbox" 2>/dev/null || true' EXIT

# Wait (at most 10 s) until the sandbox accepts connections.
for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/8470) 2>/dev/null; then break; fi
  kill -0 "$sandbox" 2>/dev/null || { echo "run-demo: the sandbox did not start (is port 8470 taken?)" >&2; exit 1; }
  sleep 0.1
done

build/kiosk/app/kiosk "$@"
