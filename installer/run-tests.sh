#!/usr/bin/env bash
# Sets everything up and runs every test. GUI tests need a display: the whole run goes under
# xvfb-run with Mesa's llvmpipe, so screenshots are the same on every machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash installer/setup.sh
export LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=llvmpipe
exec xvfb-run -a -s "-screen 0 1920x1080x24" ctest --preset dev
