#include "app/visit_services.hpp"

#include <cstdio>

#include "core/enrollment.hpp"
#include "services/clock.hpp"
#include "services/escpos.hpp"

namespace kiosk::app {

JobThread::JobThread()
    : m_thread([this](std::stop_token st) {
          std::unique_lock l(m_lock);
          for (;;) {
              m_cv.wait(l, st, [&] { return !m_jobs.empty(); });
              if (m_jobs.empty()) return;  // stop requested and nothing left
              auto job = std::move(m_jobs.front());
              m_jobs.pop_front();
              l.unlock();
              job();
              l.lock();
          }
      }) {}

JobThread::~JobThread() {
    m_thread.request_stop();
    m_thread = {};
}

void JobThread::post(std::function<void()> job) {
    {
        std::lock_guard l(m_lock);
        m_jobs.push_back(std::move(job));
    }
    m_cv.notify_one();
}

namespace {

core::SaveProblemKind problemKind(services::StoreErrorKind k) {
    switch (k) {
        case services::StoreErrorKind::DiskFull: return core::SaveProblemKind::DiskFull;
        case services::StoreErrorKind::ReadOnly: return core::SaveProblemKind::ReadOnly;
        case services::StoreErrorKind::Corrupt:
        case services::StoreErrorKind::Other: break;
    }
    return core::SaveProblemKind::Other;
}

core::PrintStatus printStatus(services::PrintStatus s) {
    switch (s) {
        case services::PrintStatus::Ok: return core::PrintStatus::Printed;
        case services::PrintStatus::NoPrinter: return core::PrintStatus::NoPrinter;
        case services::PrintStatus::OutOfPaper: return core::PrintStatus::OutOfPaper;
        case services::PrintStatus::Offline:
        case services::PrintStatus::Failed: break;
    }
    return core::PrintStatus::Failed;
}

void wipeRequest(services::EnrollmentRequest& r) {
    core::secureWipe(r.nik);
    core::secureWipe(r.phone);
    core::secureWipe(r.address.kecamatan);
    core::secureWipe(r.address.kelurahan);
    core::secureWipe(r.address.rt);
    core::secureWipe(r.address.rw);
}

}  // namespace

services::EnrollmentRequest enrollmentRequest(const core::cmd::SaveEnrollment& c, std::string_view kioskId,
                                              std::string acceptedAtIso) {
    services::EnrollmentRequest r;
    r.nik = c.nik;
    r.occupation = c.form.occupation;
    r.phone = core::normalizePhone(c.form.phone);
    r.address = {c.form.kecamatan, c.form.kelurahan, core::padRtRw(c.form.rt), core::padRtRw(c.form.rw)};
    r.consent.textVersion = std::string(core::kConsentTextVersion);
    if (c.form.consent) {
        r.consent.language = c.form.consent->language;
        r.consent.readAloud = c.form.consent->readAloud;
        r.consent.smsReminders = c.form.consent->smsReminders;
        r.consent.shareWithBpjs = c.form.consent->given;  // the required purpose: given or the server refuses
    }
    r.consent.acceptedAt = std::move(acceptedAtIso);
    r.consent.kioskId = std::string(kioskId);
    return r;
}

services::PrintedReceipt printedReceipt(const core::Catalog& catalog, const core::cmd::PrintReceipt& c,
                                        std::string_view kioskId, std::string_view dateTime) {
    const auto t = [&](std::string_view key) { return std::string(catalog.text(c.lang, key)); };
    const core::SubmissionInfo& s = c.submission;
    services::PrintedReceipt p;
    p.title = t("program.pijar_semar.name") + " (JKK + JKM)";
    const std::string& ref = s.serverRef.empty() ? s.localRef : s.serverRef;
    const char* statusKey = s.status == core::SubmissionStatus::Sent    ? "receipt.status.sent"
                            : s.status == core::SubmissionStatus::Saved ? "receipt.status.saved"
                                                                        : "receipt.status.refused";
    p.rows.push_back({t("receipt.reference"), ref});
    p.rows.push_back({t("receipt.nik_label"), c.maskedNik});
    p.rows.push_back({t("receipt.status_label"), t(statusKey)});
    if (s.funding != core::Funding::None)
        p.paragraphs.push_back(core::formatText(t(s.funding == core::Funding::Apbd ? "results.funding.apbd" : "results.funding.dbhcht"),
                                                {{"n", std::to_string(s.placesLeft.value_or(0))}}));
    p.paragraphs.push_back(t(s.status == core::SubmissionStatus::Sent ? "receipt.status.sent_body" : "receipt.status.saved_body"));
    p.paragraphs.push_back(t("receipt.next"));
    if (!s.qrPayload.empty()) {
        p.qrPayload = s.qrPayload;
        p.paragraphs.push_back(t("receipt.scan_hint"));
    }
    p.footer = t("app.subtitle") + "\n" + std::string(kioskId) + "  " + std::string(dateTime);
    return p;
}

VisitServices::VisitServices(VisitServicesSettings settings, const core::Catalog& catalog,
                             std::function<void(core::Event)> post, Enqueue enqueue,
                             std::unique_ptr<services::CentralApi> api, std::unique_ptr<services::ReceiptPrinter> printer,
                             std::function<void()> afterSave, FindLocal findLocal)
    : m_settings(std::move(settings)),
      m_catalog(catalog),
      m_post(std::move(post)),
      m_enqueue(std::move(enqueue)),
      m_api(std::move(api)),
      m_printer(printer ? std::move(printer) : std::make_unique<services::NoPrinter>()),
      m_afterSave(std::move(afterSave)),
      m_findLocal(std::move(findLocal)) {}

VisitServices::~VisitServices() = default;

std::string VisitServices::qrPayload(std::string_view reference) const {
    return m_settings.receiptKey ? services::receiptQrPayload(*m_settings.receiptKey, reference) : std::string();
}

void VisitServices::save(const core::cmd::SaveEnrollment& c, std::int64_t nowMonotonicMs) {
    // The consent's wall-clock time: now, less how long ago (monotonic) the worker agreed.
    const std::int64_t agoMs = c.form.consent ? std::max<std::int64_t>(0, nowMonotonicMs - c.form.consent->acceptedAtMs) : 0;
    auto request = std::make_shared<services::EnrollmentRequest>(
        enrollmentRequest(c, m_settings.kioskId, services::isoLocalDateTime(services::wallClockMs() - agoMs)));
    m_disk.post([this, request, id = c.requestId, masked = c.maskedNik] {
        if (!m_enqueue) {
            wipeRequest(*request);
            m_post(core::ev::EnrollmentSaveFailed{id, core::SaveProblemKind::Other});
            return;
        }
        auto saved = m_enqueue("pijar_semar", [&](std::string_view localRef) {
            request->kioskReference = std::string(localRef);
            return services::enrollmentBody(*request);
        }, masked);
        wipeRequest(*request);
        if (!saved) {
            std::fprintf(stderr, "kiosk: enrollment not saved: %s\n", saved.error().detail.c_str());
            m_post(core::ev::EnrollmentSaveFailed{id, problemKind(saved.error().kind)});
            return;
        }
        m_post(core::ev::EnrollmentSaved{id, saved->localRef, qrPayload(saved->localRef)});
        if (m_afterSave) m_afterSave();
    });
}

void VisitServices::print(const core::cmd::PrintReceipt& c) {
    const services::PrintedReceipt slip =
        printedReceipt(m_catalog, c, m_settings.kioskId, services::slipDateTime(services::wallClockMs()));
    m_printerThread.post([this, bytes = services::encodeReceipt(slip, m_settings.paper), ref = c.submission.localRef]() mutable {
        const services::PrintResult r = m_printer->print(bytes);
        core::secureWipe(bytes);  // it holds the masked NIK
        if (!r.ok()) std::fprintf(stderr, "kiosk: receipt not printed (%s): %s\n", std::string(services::toKey(r.status)).c_str(), r.detail.c_str());
        m_post(core::ev::PrintFinished{ref, printStatus(r.status)});
    });
}

void VisitServices::fetchOccupations() {
    m_network.post([this] {
        if (!m_api) {
            m_post(core::ev::OccupationsFailed{});
            return;
        }
        auto list = m_api->occupations();
        if (!list || list->empty()) {
            m_post(core::ev::OccupationsFailed{});
            return;
        }
        m_post(core::ev::OccupationsArrived{std::move(list.value())});
    });
}

void VisitServices::lookup(const core::cmd::LookupSubmission& c) {
    m_network.post([this, c] {
        using core::LookupOutcome;
        core::SubmissionLookup out;
        const std::optional<services::OutboxEntry> local = m_findLocal ? m_findLocal(c.reference) : std::nullopt;
        if (local && local->state != services::SubmissionState::Delivered) {
            out.outcome = local->state == services::SubmissionState::Queued ? LookupOutcome::Queued : LookupOutcome::Refused;
            out.program = local->program;
            out.maskedNik = local->maskedNik;
            out.refusedCode = local->rejectCode;
            m_post(core::ev::SubmissionLookedUp{c.requestId, std::move(out)});
            return;
        }
        // Delivered here, or made at another kiosk of the hall: the central API has the current state.
        const std::string ask = local && !local->serverRef.empty() ? local->serverRef : c.reference;
        auto remote = m_api ? m_api->submission(ask) : core::Result<services::Submission, core::ServiceError>(
                                                           core::unexpected(core::ServiceError{core::ServiceErrorKind::Offline, "no_api"}));
        if (remote) {
            out.outcome = LookupOutcome::Sent;
            out.program = remote->program;
            out.serverRef = remote->reference;
            out.maskedNik = remote->maskedNik;
        } else if (local) {
            out.outcome = LookupOutcome::Sent;  // delivered from here; the server is only unreachable now
            out.program = local->program;
            out.serverRef = local->serverRef;
            out.maskedNik = local->maskedNik;
        } else {
            out.outcome = remote.error().kind == core::ServiceErrorKind::NotFound ? LookupOutcome::NotFound : LookupOutcome::Unavailable;
        }
        m_post(core::ev::SubmissionLookedUp{c.requestId, std::move(out)});
    });
}

}  // namespace kiosk::app
