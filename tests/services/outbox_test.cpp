// The durable outbox: sealed at rest, delivered payloads gone, retention, a full disk, restarts.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sodium.h>

#include "services/outbox.hpp"
#include "services/sqlite.hpp"

using namespace kiosk;
using namespace kiosk::services;
namespace fs = std::filesystem;

namespace {

struct KeyPair {
    SealPublicKey pk{};
    std::array<unsigned char, crypto_box_SECRETKEYBYTES> sk{};
    KeyPair() {
        REQUIRE(sodium_init() >= 0);
        crypto_box_keypair(pk.data(), sk.data());
    }
    std::string open(const std::string& sealed) const {
        std::string plain(sealed.size() - crypto_box_SEALBYTES, '\0');
        const int rc = crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                                            reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(), pk.data(),
                                            sk.data());
        return rc == 0 ? plain : std::string("<cannot open>");
    }
};

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("kiosk_outbox_" + std::to_string(::getpid()) + "_" +
                                                 std::to_string(counter()++));
    TempDir() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string db() const { return (path / "outbox.db").string(); }
    static int& counter() {
        static int c = 0;
        return c;
    }
};

std::string payload(const std::string& nik, const std::string& phone) {
    return R"({"nik":")" + nik + R"(","occupation":"petani","phone":")" + phone + R"("})";
}

// Every byte SQLite keeps for this database: the file, its WAL and its journal.
std::string allBytes(const std::string& db) {
    std::string out;
    for (const std::string suffix : {"", "-wal", "-journal", "-shm"}) {
        std::ifstream in(db + suffix, std::ios::binary);
        out.append(std::istreambuf_iterator<char>(in), {});
    }
    return out;
}

std::unique_ptr<Outbox> openOutbox(const std::string& path, const SealPublicKey& pk) {
    auto r = Outbox::open(path, pk);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().detail));
    return std::move(r.value());
}

}  // namespace

TEST_CASE("a submission is committed queued with its own key and reference and its payload sealed") {
    TempDir dir;
    KeyPair keys;
    auto box = openOutbox(dir.db(), keys.pk);
    auto e = box->enqueue("pijar_semar", payload("3374141203850001", "081234567890"), "3374 •••• •••• 0001", 1000);
    REQUIRE(e.ok());
    CHECK(e->localRef.rfind("L-", 0) == 0);
    CHECK(e->localRef.size() == 10);
    CHECK(e->idempotencyKey.size() > 20);
    CHECK(e->state == SubmissionState::Queued);
    auto next = box->nextQueued();
    REQUIRE(next.ok());
    REQUIRE(next->has_value());
    CHECK((*next)->localRef == e->localRef);
    // Only the central API's key opens it.
    CHECK(keys.open((*next)->sealedPayload) == payload("3374141203850001", "081234567890"));
    auto found = box->find(e->localRef);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->maskedNik == "3374 •••• •••• 0001");
}

TEST_CASE("two submissions never share a key or a reference") {
    TempDir dir;
    KeyPair keys;
    auto box = openOutbox(dir.db(), keys.pk);
    auto a = box->enqueue("blk", "{}", "x", 1);
    auto b = box->enqueue("blk", "{}", "x", 2);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->localRef != b->localRef);
    CHECK(a->idempotencyKey != b->idempotencyKey);
}

TEST_CASE("deliveries go oldest first and a delivered payload is deleted at once") {
    TempDir dir;
    KeyPair keys;
    auto box = openOutbox(dir.db(), keys.pk);
    auto first = box->enqueue("pijar_semar", payload("3374141203850001", "081200000001"), "m1", 1);
    auto second = box->enqueue("mediation", payload("3374141203850002", "081200000002"), "m2", 2);
    REQUIRE(box->nextQueued().value()->id == first->id);
    REQUIRE(box->markDelivered(first->id, "PS-ABCDEFGH", 10).ok());
    CHECK(box->nextQueued().value()->id == second->id);
    auto payloads = box->database().prepare("SELECT COUNT(*) FROM payloads");
    payloads.step();
    CHECK(payloads.integer(0) == 1);
    auto byServer = box->find("PS-ABCDEFGH");
    REQUIRE(byServer.ok());
    REQUIRE(byServer->has_value());
    CHECK((*byServer)->state == SubmissionState::Delivered);
    CHECK((*byServer)->localRef == first->localRef);
    CHECK(box->queuedCount().value() == 1);
}

TEST_CASE("a refusal keeps its reason for staff and drops the payload") {
    TempDir dir;
    KeyPair keys;
    auto box = openOutbox(dir.db(), keys.pk);
    auto e = box->enqueue("pijar_semar", payload("3374141203850001", "081200000001"), "m", 1);
    REQUIRE(box->markRejected(e->id, "quota_full", 5).ok());
    auto found = box->find(e->localRef).value();
    REQUIRE(found.has_value());
    CHECK(found->state == SubmissionState::Rejected);
    CHECK(found->rejectCode == "quota_full");
    CHECK_FALSE(box->nextQueued().value().has_value());
}

TEST_CASE("a restart finds everything queued and the schema is not migrated twice") {
    TempDir dir;
    KeyPair keys;
    std::string ref;
    {
        auto box = openOutbox(dir.db(), keys.pk);
        ref = box->enqueue("blk", payload("3374141203850003", "081200000003"), "m", 1)->localRef;
    }
    auto box = openOutbox(dir.db(), keys.pk);
    CHECK(box->database().userVersion() == 1);
    CHECK(box->integrityOk());
    REQUIRE(box->nextQueued().value().has_value());
    CHECK(box->nextQueued().value()->localRef == ref);
}

TEST_CASE("privacy: no marker NIK or phone in the file or WAL and none at all after delivery and retention") {
    TempDir dir;
    KeyPair keys;
    auto box = openOutbox(dir.db(), keys.pk);
    std::vector<std::string> markers;
    for (int i = 0; i < 200; ++i) {
        char nik[17], phone[13];
        std::snprintf(nik, sizeof nik, "33741412038%05d", 70000 + i);
        std::snprintf(phone, sizeof phone, "0899%08d", 31337000 + i);
        markers.emplace_back(nik);
        markers.emplace_back(phone);
        std::string masked = std::string(nik).substr(0, 4) + " •••• •••• " + std::string(nik).substr(12);
        REQUIRE(box->enqueue("pijar_semar", payload(nik, phone), masked, 1000 + i).ok());
    }
    std::string bytes = allBytes(dir.db());
    for (const auto& m : markers) {
        INFO(m);
        CHECK(bytes.find(m) == std::string::npos);
    }
    for (int i = 0; i < 200; ++i) {
        auto next = box->nextQueued().value();
        REQUIRE(next.has_value());
        REQUIRE(box->markDelivered(next->id, "PS-" + std::to_string(10000000 + i), 5000).ok());
    }
    REQUIRE(box->purgeSettledBefore(6000).value() == 200);
    bytes = allBytes(dir.db());
    for (const auto& m : markers) CHECK(bytes.find(m) == std::string::npos);
    CHECK(bytes.find("•••• ••••") == std::string::npos);  // not even the masked forms remain
    CHECK(bytes.find("PS-10000000") == std::string::npos);
}

TEST_CASE("retention keeps queued rows and recent settled ones") {
    TempDir dir;
    KeyPair keys;
    auto box = openOutbox(dir.db(), keys.pk);
    auto old = box->enqueue("blk", "{}", "m", 1);
    auto recentOne = box->enqueue("blk", "{}", "m", 2);
    auto queued = box->enqueue("blk", "{}", "m", 3);
    REQUIRE(box->markDelivered(old->id, "BLK-1", 100).ok());
    REQUIRE(box->markDelivered(recentOne->id, "BLK-2", 900).ok());
    CHECK(box->purgeSettledBefore(500).value() == 1);
    CHECK_FALSE(box->find(old->localRef).value().has_value());
    CHECK(box->find(recentOne->localRef).value().has_value());
    CHECK(box->find(queued->localRef).value().has_value());
}

TEST_CASE("a full disk is a DiskFull value and harms nothing already saved") {
    TempDir dir;
    KeyPair keys;
    auto box = openOutbox(dir.db(), keys.pk);
    // Cap the file a few pages above its current size: SQLite then fails writes with SQLITE_FULL,
    // the same error a full filesystem gives.
    auto pages = box->database().prepare("PRAGMA page_count");
    pages.step();
    box->database().exec("PRAGMA max_page_count = " + std::to_string(pages.integer(0) + 4));
    std::vector<std::string> saved;
    std::optional<StoreError> failure;
    const std::string big(1500, 'x');
    for (int i = 0; i < 200 && !failure; ++i) {
        auto e = box->enqueue("pijar_semar", payload("3374141203850001", big), "m", i);
        if (e) saved.push_back(e->localRef);
        else failure = e.error();
    }
    REQUIRE(failure.has_value());
    CHECK(failure->kind == StoreErrorKind::DiskFull);
    CHECK_FALSE(saved.empty());
    CHECK(box->integrityOk());
    for (const auto& ref : saved) CHECK(box->find(ref).value().has_value());
    CHECK(box->queuedCount().value() == static_cast<int>(saved.size()));
    box->database().exec("PRAGMA max_page_count = 1000000");  // space again: saving works again
    CHECK(box->enqueue("pijar_semar", "{}", "m", 999).ok());
}

TEST_CASE("a public key must be 64 hex digits") {
    CHECK(parseSealPublicKey(std::string(64, 'a')).has_value());
    CHECK_FALSE(parseSealPublicKey(std::string(63, 'a')).has_value());
    CHECK_FALSE(parseSealPublicKey(std::string(64, 'g')).has_value());
}
