#pragma once
// The durable outbox: every sign-up is committed here before anything is sent (BRIEF §5-6).
//
// Contract:
// - enqueue() returns only after the row is durable (SQLite WAL, synchronous=FULL): then, and only
//   then, the kiosk may say "Tersimpan" (saved). It makes the submission's idempotency key and local
//   reference, so every later try of the same submission is the same request to the central API.
// - The personal payload (the create's JSON body) is sealed at rest with crypto_box_seal to the
//   central API's public key: the kiosk cannot read its own queue; only the server opens it.
// - What the receipt and staff need (local reference, program, masked NIK, state, times, the
//   rejection reason) is kept apart, without personal data.
// - markDelivered() deletes the payload at once; secure_delete overwrites the freed pages.
// - Disk trouble (full, read-only) comes back as a StoreError value and harms nothing saved before.
// Not thread-safe: one owner at a time (the sync worker's calls and the UI's go through its lock).
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kiosk::services {

namespace sql {
class Database;
}

using SealPublicKey = std::array<unsigned char, 32>;
// Parses a 64-character hex public key (config: central_api.seal_public_key).
std::optional<SealPublicKey> parseSealPublicKey(std::string_view hex);

enum class SubmissionState { Queued, Delivered, Rejected };
std::string_view toKey(SubmissionState s);

struct OutboxEntry {
    std::int64_t id = 0;
    std::string localRef;        // "L-7K3M9Q2X": on the receipt while the server's is not known yet
    std::string idempotencyKey;
    std::string program;         // pijar_semar | blk | mediation
    std::string maskedNik;
    SubmissionState state = SubmissionState::Queued;
    std::int64_t createdAtMs = 0;  // wall clock (survives restarts)
    std::int64_t updatedAtMs = 0;
    int attempts = 0;
    std::string serverRef;       // after delivery
    std::string rejectCode;      // after a refusal, for staff
};

struct PendingDelivery {
    std::int64_t id = 0;
    std::string localRef;
    std::string idempotencyKey;
    std::string program;
    std::string sealedPayload;   // opaque bytes for the server
    int attempts = 0;
};

enum class StoreErrorKind { DiskFull, ReadOnly, Corrupt, Other };
struct StoreError {
    StoreErrorKind kind = StoreErrorKind::Other;
    std::string detail;  // for the log; never personal data
};

class Outbox {
public:
    static core::Result<std::unique_ptr<Outbox>, StoreError> open(const std::string& path, const SealPublicKey& key);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // Seals `payloadJson` and commits one queued submission. The caller wipes its own plaintext.
    core::Result<OutboxEntry, StoreError> enqueue(std::string_view program, std::string_view payloadJson,
                                                  std::string_view maskedNik, std::int64_t nowMs);
    // The same, for a payload that carries its own local reference (a receipt printed before delivery
    // is then found at the central API by it): `makePayload` gets the new local reference and returns
    // the plaintext, which is sealed and then wiped here.
    core::Result<OutboxEntry, StoreError> enqueue(std::string_view program,
                                                  const std::function<std::string(std::string_view localRef)>& makePayload,
                                                  std::string_view maskedNik, std::int64_t nowMs);
    // The oldest queued submission, if any (deliveries go in order).
    core::Result<std::optional<PendingDelivery>, StoreError> nextQueued();
    core::Result<bool, StoreError> recordAttempt(std::int64_t id, std::int64_t nowMs);
    core::Result<bool, StoreError> markDelivered(std::int64_t id, std::string_view serverRef, std::int64_t nowMs);
    core::Result<bool, StoreError> markRejected(std::int64_t id, std::string_view code, std::int64_t nowMs);

    // Look-ups for receipts and staff: by local or server reference.
    core::Result<std::optional<OutboxEntry>, StoreError> find(std::string_view reference);
    core::Result<std::vector<OutboxEntry>, StoreError> recent(int limit);
    core::Result<int, StoreError> queuedCount();

    // Retention: deletes settled (delivered or rejected) rows last updated before cutoffMs, then
    // VACUUMs so nothing deleted lingers in the file. Returns the rows removed.
    core::Result<int, StoreError> purgeSettledBefore(std::int64_t cutoffMs);

    // Tests and diagnostics.
    bool integrityOk();
    sql::Database& database();

private:
    Outbox(std::unique_ptr<sql::Database> db, const SealPublicKey& key, std::string path);
    // `column` is one of our own column names, never input.
    core::Result<bool, StoreError> settle(std::int64_t id, std::string_view state, std::string_view column,
                                          std::string_view note, std::int64_t nowMs);
    std::unique_ptr<sql::Database> m_db;
    SealPublicKey m_key;
    std::string m_path;  // the database file: tells a read-only filesystem from other I/O errors
};

}  // namespace kiosk::services
