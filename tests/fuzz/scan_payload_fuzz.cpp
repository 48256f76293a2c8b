// libFuzzer target for core::classifyScan: every byte string a scanner could send. Built by
// tests/fuzz/run.sh with clang++ -fsanitize=fuzzer,address,undefined (not part of the g++ build).
// Invariants beyond "no crash, no sanitizer report":
//  - longer than maxLength -> Rejected "too_long";
//  - Nik -> exactly 16 ASCII digits; other kinds carry no NIK;
//  - ReceiptRef -> a well-formed reference, and only after the verifier said yes;
//  - Rejected -> one of the documented reason keys; the same input classifies the same way twice.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/scan_payload.hpp"

namespace {

using kiosk::core::PayloadKind;

constexpr std::string_view kGoodMac = "0123456789abcdef";  // the "key": a trivial fixed comparison

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

bool allDigits(std::string_view s) {
    for (const char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

bool knownReason(std::string_view r) {
    return r == "too_long" || r == "control_characters" || r == "invalid_utf8" || r == "bad_mac" ||
           r == "unknown_version";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const kiosk::core::ScanRules rules = [] {
        kiosk::core::ScanRules r;
        r.adminPatterns = {"KTP[ :]{0,3}([0-9]{16})"};  // e.g. "No. KTP: 3374015203850002"
        return r;
    }();
    bool verifierSaidYes = false;
    const kiosk::core::MacVerifier verify = [&](std::string_view reference, std::string_view macHex) {
        require(kiosk::core::isReceiptReference(reference), "verifier called with a malformed reference");
        require(macHex.size() == kiosk::core::kReceiptMacHexLength, "verifier called with a malformed mac");
        verifierSaidYes = macHex == kGoodMac;
        return verifierSaidYes;
    };
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const kiosk::core::ScanPayload p = kiosk::core::classifyScan(raw, rules, verify);

    if (size > rules.maxLength)
        require(p.kind == PayloadKind::Rejected && p.rejectReason == "too_long", "too long not rejected");
    if (p.kind == PayloadKind::Nik)
        require(p.nikDigits.size() == 16 && allDigits(p.nikDigits), "Nik without exactly 16 ASCII digits");
    else
        require(p.nikDigits.empty(), "NIK digits on a non-Nik result");
    if (p.kind == PayloadKind::ReceiptRef)
        require(verifierSaidYes && kiosk::core::isReceiptReference(p.reference) &&
                    raw.find(p.reference) != std::string_view::npos,
                "receipt accepted without a verified, well-formed reference");
    if (p.kind == PayloadKind::Rejected) require(knownReason(p.rejectReason), "unknown reject reason");

    const kiosk::core::ScanPayload again = kiosk::core::classifyScan(raw, rules, verify);
    require(again.kind == p.kind && again.nikDigits == p.nikDigits && again.reference == p.reference &&
                again.rejectReason == p.rejectReason,
            "not deterministic");
    return 0;
}
