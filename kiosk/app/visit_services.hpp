#pragma once
// The services a visit asks for through reducer commands, each run off the UI thread:
//   SaveEnrollment  -> seal and commit to the outbox (disk thread) -> EnrollmentSaved / EnrollmentSaveFailed
//   PrintReceipt    -> ESC/POS slip to the printer (printer thread) -> PrintFinished
//   FetchOccupations-> GET /pijar-semar/occupations (network thread) -> OccupationsArrived / OccupationsFailed
//   LookupSubmission-> outbox, then GET /submissions/{ref} (network thread) -> SubmissionLookedUp
// Each thread takes jobs in order; the UI thread only enqueues. Personal data in a job is wiped when
// the job is done.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/catalog.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "core/visit.hpp"
#include "services/central_api.hpp"
#include "services/outbox.hpp"
#include "services/receipt_code.hpp"
#include "services/receipt_printer.hpp"

namespace kiosk::app {

// One worker thread running jobs in the order they came.
class JobThread {
public:
    JobThread();
    ~JobThread();  // finishes the queued jobs, then joins
    JobThread(const JobThread&) = delete;
    JobThread& operator=(const JobThread&) = delete;
    void post(std::function<void()> job);

private:
    std::mutex m_lock;
    std::condition_variable_any m_cv;
    std::deque<std::function<void()>> m_jobs;
    std::jthread m_thread;
};

// Commits one sealed submission; the outbox lives elsewhere (it is shared with the sync worker).
// `makePayload` gets the new local reference and returns the JSON body (which carries it).
using PayloadMaker = std::function<std::string(std::string_view localRef)>;
using Enqueue = std::function<core::Result<services::OutboxEntry, services::StoreError>(
    std::string_view program, const PayloadMaker& makePayload, std::string_view maskedNik)>;
// This kiosk's outbox entry for a local or server reference, if any.
using FindLocal = std::function<std::optional<services::OutboxEntry>(std::string_view reference)>;

struct VisitServicesSettings {
    std::string kioskId;
    std::optional<services::ReceiptKey> receiptKey;  // none: receipts carry no QR code
    services::PaperWidth paper = services::PaperWidth::Mm80;
};

class VisitServices {
public:
    // `post` hands an event to the UI thread; `enqueue` may be empty (no outbox: every save fails,
    // and the worker is told to see staff). `api` may be null (no occupations: the picker says so).
    VisitServices(VisitServicesSettings settings, const core::Catalog& catalog, std::function<void(core::Event)> post,
                  Enqueue enqueue, std::unique_ptr<services::CentralApi> api,
                  std::unique_ptr<services::ReceiptPrinter> printer, std::function<void()> afterSave = {},
                  FindLocal findLocal = {});
    ~VisitServices();

    void save(const core::cmd::SaveEnrollment& c, std::int64_t nowMonotonicMs);
    void print(const core::cmd::PrintReceipt& c);
    void fetchOccupations();
    // A scanned receipt: this kiosk's outbox first (it knows what is still queued), then the central
    // API (which knows every kiosk's local references and its own) -> SubmissionLookedUp.
    void lookup(const core::cmd::LookupSubmission& c);
    // The QR code payload for a reference (the app draws it); "" without a receipt key.
    std::string qrPayload(std::string_view reference) const;

private:
    VisitServicesSettings m_settings;
    const core::Catalog& m_catalog;
    std::function<void(core::Event)> m_post;
    Enqueue m_enqueue;
    std::unique_ptr<services::CentralApi> m_api;
    std::unique_ptr<services::ReceiptPrinter> m_printer;
    std::function<void()> m_afterSave;
    FindLocal m_findLocal;
    JobThread m_disk, m_printerThread, m_network;  // declared last: joined first
};

// The slip for a submission, in the visit's language (pure; tests parse its ESC/POS bytes back).
services::PrintedReceipt printedReceipt(const core::Catalog& catalog, const core::cmd::PrintReceipt& c,
                                        std::string_view kioskId, std::string_view dateTime);
// The body the central API gets for an enrollment (consent stamped with `acceptedAtIso`, this kiosk).
services::EnrollmentRequest enrollmentRequest(const core::cmd::SaveEnrollment& c, std::string_view kioskId,
                                              std::string acceptedAtIso);

}  // namespace kiosk::app
