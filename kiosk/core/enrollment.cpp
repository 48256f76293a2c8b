#include "core/enrollment.hpp"

#include <algorithm>

#include "core/visit.hpp"

namespace kiosk::core {
namespace {

bool allDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

PhoneProblem prefixProblem(std::string_view d) {
    if (d.empty()) return PhoneProblem::Empty;
    if (!allDigits(d)) return PhoneProblem::NotMobile;
    // 08 then a non-zero operator digit: 0 alone, 0[^8], 080… cannot be a mobile number.
    if (d[0] != '0') return PhoneProblem::NotMobile;
    if (d.size() >= 2 && d[1] != '8') return PhoneProblem::NotMobile;
    if (d.size() >= 3 && d[2] == '0') return PhoneProblem::NotMobile;
    return PhoneProblem::None;
}

}  // namespace

std::string normalizePhone(std::string_view digits) {
    if (digits.size() > 2 && digits.substr(0, 3) == "628") return "0" + std::string(digits.substr(2));
    return std::string(digits);
}

PhoneProblem checkPhonePrefix(std::string_view digits) {
    const std::string d = normalizePhone(digits);
    const PhoneProblem p = prefixProblem(d);
    if (p == PhoneProblem::Empty) return PhoneProblem::None;  // nothing typed yet is not wrong yet
    if (p != PhoneProblem::None) return p;
    if (d.size() > kPhoneMaxDigits) return PhoneProblem::TooLong;
    return PhoneProblem::None;
}

PhoneProblem checkPhone(std::string_view digits) {
    const std::string d = normalizePhone(digits);
    if (const PhoneProblem p = prefixProblem(d); p != PhoneProblem::None) return p;
    if (d.size() < kPhoneMinDigits) return PhoneProblem::TooShort;
    if (d.size() > kPhoneMaxDigits) return PhoneProblem::TooLong;
    return PhoneProblem::None;
}

std::string groupPhone(std::string_view digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += digits[i];
    }
    return out;
}

bool isValidRtRw(std::string_view digits) {
    if (digits.empty() || digits.size() > kRtRwMaxDigits || !allDigits(digits)) return false;
    return std::any_of(digits.begin(), digits.end(), [](char c) { return c != '0'; });
}

std::string padRtRw(std::string_view digits) {
    std::string out(digits);
    while (out.size() < kRtRwMaxDigits) out.insert(out.begin(), '0');
    return out;
}

std::string_view toKey(FieldProblem p) {
    switch (p) {
        case FieldProblem::None: return "";
        case FieldProblem::PhoneEmpty: return "enroll.error.phone_empty";
        case FieldProblem::PhoneNotMobile: return "enroll.error.phone_not_mobile";
        case FieldProblem::PhoneTooShort: return "enroll.error.phone_too_short";
        case FieldProblem::PhoneTooLong: return "enroll.error.phone_too_long";
        case FieldProblem::RtInvalid: return "enroll.error.rt";
        case FieldProblem::RwInvalid: return "enroll.error.rw";
        case FieldProblem::ChooseOne: return "enroll.error.choose_one";
    }
    return "";
}

namespace {
FieldProblem fromPhone(PhoneProblem p) {
    switch (p) {
        case PhoneProblem::None: return FieldProblem::None;
        case PhoneProblem::Empty: return FieldProblem::PhoneEmpty;
        case PhoneProblem::NotMobile: return FieldProblem::PhoneNotMobile;
        case PhoneProblem::TooShort: return FieldProblem::PhoneTooShort;
        case PhoneProblem::TooLong: return FieldProblem::PhoneTooLong;
    }
    return FieldProblem::PhoneNotMobile;
}
}  // namespace

FieldProblem stepProblem(const EnrollmentForm& f, EnrollStep step) {
    switch (step) {
        case EnrollStep::Occupation: return f.occupation.empty() ? FieldProblem::ChooseOne : FieldProblem::None;
        case EnrollStep::Phone: return fromPhone(checkPhone(f.phone));
        case EnrollStep::Kecamatan: return f.kecamatan.empty() ? FieldProblem::ChooseOne : FieldProblem::None;
        case EnrollStep::Kelurahan: return f.kelurahan.empty() ? FieldProblem::ChooseOne : FieldProblem::None;
        case EnrollStep::RtRw:
            if (!isValidRtRw(f.rt)) return FieldProblem::RtInvalid;
            if (!isValidRtRw(f.rw)) return FieldProblem::RwInvalid;
            return FieldProblem::None;
        case EnrollStep::Consent:
        case EnrollStep::Review: return FieldProblem::None;
    }
    return FieldProblem::None;
}

const char* enrollStepKey(EnrollStep s) {
    switch (s) {
        case EnrollStep::Occupation: return "occupation";
        case EnrollStep::Phone: return "phone";
        case EnrollStep::Kecamatan: return "kecamatan";
        case EnrollStep::Kelurahan: return "kelurahan";
        case EnrollStep::RtRw: return "rtrw";
        case EnrollStep::Consent: return "consent";
        case EnrollStep::Review: return "review";
    }
    return "occupation";
}

EnrollStep nextStep(EnrollStep step) {
    switch (step) {
        case EnrollStep::Occupation: return EnrollStep::Phone;
        case EnrollStep::Phone: return EnrollStep::Kecamatan;
        case EnrollStep::Kecamatan: return EnrollStep::Kelurahan;
        case EnrollStep::Kelurahan: return EnrollStep::RtRw;
        case EnrollStep::RtRw: return EnrollStep::Consent;
        case EnrollStep::Consent:
        case EnrollStep::Review: return EnrollStep::Review;
    }
    return EnrollStep::Review;
}

std::optional<EnrollStep> previousStep(EnrollStep step) {
    switch (step) {
        case EnrollStep::Occupation: return std::nullopt;
        case EnrollStep::Phone: return EnrollStep::Occupation;
        case EnrollStep::Kecamatan: return EnrollStep::Phone;
        case EnrollStep::Kelurahan: return EnrollStep::Kecamatan;
        case EnrollStep::RtRw: return EnrollStep::Kelurahan;
        case EnrollStep::Consent: return EnrollStep::RtRw;
        case EnrollStep::Review: return EnrollStep::Consent;
    }
    return std::nullopt;
}

void wipeForm(EnrollmentForm& f) {
    secureWipe(f.occupation);
    secureWipe(f.phone);
    secureWipe(f.kecamatan);
    secureWipe(f.kelurahan);
    secureWipe(f.rt);
    secureWipe(f.rw);
    f.rwFocused = false;
    f.consent.reset();
}

}  // namespace kiosk::core
