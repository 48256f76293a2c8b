#!/usr/bin/env bash
# Builds the scan payload fuzz target with clang++ (libFuzzer + ASan + UBSan; our CMake build is
# g++), runs it for FUZZ_SECONDS (default 20) on a small seed corpus in a temp dir, and exits
# non-zero on a crash, a sanitizer report or a broken invariant (the reproducer is kept and named).
#   FUZZ_SECONDS=10 bash tests/fuzz/run.sh        CXX_FUZZ=clang++-14 picks the compiler
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cxx="${CXX_FUZZ:-clang++}"
work="$(mktemp -d "${TMPDIR:-/tmp}/scan_payload_fuzz.XXXXXX")"
keep=0
trap '[ "$keep" = 1 ] || rm -rf "$work"' EXIT

"$cxx" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I "$root/kiosk" \
  "$root/tests/fuzz/scan_payload_fuzz.cpp" "$root/kiosk/core/scan_payload.cpp" "$root/kiosk/core/nik.cpp" \
  -o "$work/scan_payload_fuzz"

mkdir -p "$work/corpus" "$work/artifacts"
seed() { printf '%b' "$2" > "$work/corpus/$1"; }
seed raw '3374015203850002'
seed raw_crlf '3374 0152 0385 0002\r\n'
seed labelled 'Nama: Sri Rahayu\nNIK: 3374 0152 0385 0002\n'
seed json '{"nama":"Sri","nik":"6371045708920003"}'
seed url 'https://example.id/cek?nik=3201234567890001&x=1'
seed admin 'No. KTP: 3374015203850002'
seed receipt_good 'PJR1:ABCD-1234:0123456789abcdef'
seed receipt_bad 'PJR1:ABCD-1234:0123456789abcdee'
seed receipt_v2 'PJR2:ABCD-1234:0123456789abcdef'
seed utf8 'NIK 3374015203850002 Sri Rahayu \xe2\x80\x93 Semarang'

status=0
"$work/scan_payload_fuzz" -max_total_time="${FUZZ_SECONDS:-20}" -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" > "$work/log" 2>&1 || status=$?
if [ "$status" -ne 0 ] || [ -n "$(ls -A "$work/artifacts")" ]; then
  keep=1
  cat "$work/log" >&2
  echo "scan_payload_fuzz FAILED (exit $status); reproducers kept in $work/artifacts:" >&2
  ls -l "$work/artifacts" >&2
  exit 1
fi
grep -E '^(#[0-9]+ +DONE|Done|stat::)' "$work/log" || tail -n 5 "$work/log"
echo "scan_payload_fuzz: no crash in ${FUZZ_SECONDS:-20} s"
