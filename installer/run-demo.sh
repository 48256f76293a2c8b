#!/usr/bin/env bash
# Sets everything up and opens the kiosk fullscreen against its demo eligibility service.
# Extra arguments go to the kiosk, e.g.: bash installer/run-demo.sh --windowed 1280x800
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash installer/setup.sh
exec build/kiosk/app/kiosk "$@"
