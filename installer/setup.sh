#!/usr/bin/env bash
# Sets up a fresh Debian bookworm machine for the kiosk: installs the packages listed in
# installer/apt-packages.txt, then configures and builds with the "dev" CMake preset.
# Idempotent: re-running only rebuilds what changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

mapfile -t packages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' installer/apt-packages.txt)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -q
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

cmake --preset dev
cmake --build --preset dev

# A development TLS certificate for the local sandbox (127.0.0.1), so the demo kiosk talks HTTPS
# with verification on, exactly as in the field. Never used outside this machine.
tls=build/dev-tls
if [ ! -s "$tls/sandbox-cert.pem" ]; then
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$tls/sandbox-key.pem" -out "$tls/sandbox-cert.pem" 2>/dev/null
  chmod 600 "$tls/sandbox-key.pem"
  echo "setup: made the development certificate $tls/sandbox-cert.pem"
fi
