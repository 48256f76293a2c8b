// A real full disk, and a real read-only one: a child process mounts a 1 MiB tmpfs (its own mount namespace), keeps an
// outbox there, fills the rest of the filesystem and signs a worker up through VisitServices as the
// app does. The worker must get "cannot save" (DiskFull, which the screen words as "please see
// staff"), the database must stay intact with the earlier sign-up in it, and saving must work again
// once space is freed. Where no tmpfs can be mounted (no CAP_SYS_ADMIN, no user namespaces) the case
// says so and passes; outbox_test's max_page_count case still covers the store's side everywhere.
#include <doctest/doctest.h>

#include <sched.h>
#include <sodium.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "app/visit_services.hpp"
#include "services/catalog_file.hpp"

using namespace kiosk;

namespace {

constexpr int kCannotMount = 77;

bool writeFile(const char* path, const std::string& text) {
    std::ofstream f(path);
    f << text;
    return static_cast<bool>(f);
}

// Own mount namespace (as root), or a user namespace mapping us to root in it.
bool enterMountNamespace() {
    if (unshare(CLONE_NEWNS) == 0) return true;
    const uid_t uid = getuid();
    const gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return false;
    writeFile("/proc/self/setgroups", "deny");
    return writeFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") &&
           writeFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1");
}

core::cmd::SaveEnrollment sampleSave(std::uint64_t id) {
    core::cmd::SaveEnrollment c;
    c.requestId = id;
    c.nik = "3374141203850001";
    c.maskedNik = "3374 •••• •••• 0001";
    c.form.occupation = "petani";
    c.form.phone = "081234567890";
    c.form.kecamatan = "Mijen";
    c.form.kelurahan = "Jatibarang";
    c.form.rt = "4";
    c.form.rw = "7";
    c.form.consent = core::ConsentRecord{core::Lang::Id, false, false, true, 1};
    return c;
}

// A child's expectations: each one that fails is said on stderr and counted; the count is its exit status.
struct ChildChecks {
    const char* who;
    int failures = 0;
    void operator()(bool ok, const char* what) {
        if (ok) return;
        std::fprintf(stderr, "%s: expected %s\n", who, what);
        ++failures;
    }
};

// Runs in the child; returns the number of failed expectations (printed to stderr).
int runOnFullDisk(const std::filesystem::path& mountPoint) {
    ChildChecks expect{"disk full child"};
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    services::SealPublicKey key{};
    std::copy(std::begin(pk), std::end(pk), key.begin());
    auto opened = services::Outbox::open((mountPoint / "outbox.db").string(), key);
    if (!opened) return 100;
    std::unique_ptr<services::Outbox> box = std::move(opened.value());
    std::mutex lock;
    std::vector<core::Event> events;
    auto catalog = services::loadCatalogs(KIOSK_SOURCE_DIR "/assets/i18n");
    if (!catalog) return 101;
    {
        app::VisitServices vs(
            {}, catalog.value(),
            [&](core::Event e) {
                std::lock_guard l(lock);
                events.push_back(std::move(e));
            },
            [&](std::string_view program, const app::PayloadMaker& make, std::string_view masked) {
                return box->enqueue(program, make, masked, 1000);
            },
            nullptr, nullptr);
        auto waitEvents = [&](std::size_t n) {
            for (int i = 0; i < 500; ++i) {
                {
                    std::lock_guard l(lock);
                    if (events.size() >= n) return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        };
        vs.save(sampleSave(1), 2);
        waitEvents(1);
        std::string firstRef;
        {
            std::lock_guard l(lock);
            const auto* ok = events.empty() ? nullptr : std::get_if<core::ev::EnrollmentSaved>(&events[0]);
            expect(ok != nullptr, "the first sign-up saved");
            if (ok) firstRef = ok->localRef;
        }
        // Fill the filesystem to the last byte.
        {
            std::FILE* f = std::fopen((mountPoint / "filler").c_str(), "wb");
            const std::string block(4096, 'f');
            while (f && std::fwrite(block.data(), 1, block.size(), f) == block.size() && std::fflush(f) == 0) {
            }
            if (f) std::fclose(f);
        }
        vs.save(sampleSave(2), 2);
        waitEvents(2);
        {
            std::lock_guard l(lock);
            const auto* bad = events.size() < 2 ? nullptr : std::get_if<core::ev::EnrollmentSaveFailed>(&events[1]);
            expect(bad != nullptr, "the second sign-up refused");
            expect(bad && bad->kind == core::SaveProblemKind::DiskFull, "the refusal to say the disk is full");
        }
        expect(box->integrityOk(), "PRAGMA integrity_check ok on the full disk");
        const auto first = box->find(firstRef);
        expect(first && first.value().has_value(), "the earlier sign-up still there");
        const auto queued = box->queuedCount();
        expect(queued && queued.value() == 1, "exactly one queued sign-up");
        // Space again: the kiosk saves again without a restart.
        std::filesystem::remove(mountPoint / "filler");
        vs.save(sampleSave(3), 2);
        waitEvents(3);
        {
            std::lock_guard l(lock);
            expect(events.size() >= 3 && std::holds_alternative<core::ev::EnrollmentSaved>(events[2]),
                   "saving works again once space is freed");
        }
    }
    expect(box->integrityOk(), "integrity ok at the end");
    return expect.failures;
}

// Runs in the child: a sign-up saved, then the filesystem goes read-only (as ext4 does after an
// I/O error) and the kiosk starts again on it: opening or saving must fail as ReadOnly (the screen
// tells staff "storage cannot be written"), and once the disk is writable the earlier sign-up is
// still queued and the file intact.
int runOnReadOnlyDisk(const std::filesystem::path& mountPoint) {
    ChildChecks expect{"read-only child"};
    services::SealPublicKey key{};
    randombytes_buf(key.data(), key.size());  // sealing needs only some public key here
    const std::string path = (mountPoint / "outbox.db").string();
    std::string firstRef;
    {
        auto box = services::Outbox::open(path, key);
        if (!box) return 100;
        const auto saved = box.value()->enqueue("pijar_semar", R"({"nik":"3374141203850001"})", "3374 •••• •••• 0001", 1000);
        expect(static_cast<bool>(saved), "the first sign-up saved");
        if (saved) firstRef = saved.value().localRef;
    }
    expect(mount(nullptr, mountPoint.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, "size=1m") == 0, "the remount read-only");
    {
        auto box = services::Outbox::open(path, key);
        if (!box) {
            expect(box.error().kind == services::StoreErrorKind::ReadOnly, "opening on a read-only disk to fail as ReadOnly");
            std::fprintf(stderr, "read-only child: open refused: %s\n", box.error().detail.c_str());
        } else {
            const auto saved = box.value()->enqueue("pijar_semar", R"({"nik":"3374141203850002"})", "3374 •••• •••• 0002", 2000);
            expect(!saved && saved.error().kind == services::StoreErrorKind::ReadOnly, "saving to fail as ReadOnly");
        }
    }
    expect(mount(nullptr, mountPoint.c_str(), nullptr, MS_REMOUNT, "size=1m") == 0, "the remount writable");
    auto box = services::Outbox::open(path, key);
    if (!box) return 101;
    expect(box.value()->integrityOk(), "PRAGMA integrity_check ok after the read-only spell");
    const auto first = box.value()->find(firstRef);
    expect(first && first.value().has_value(), "the earlier sign-up still there");
    const auto queued = box.value()->queuedCount();
    expect(queued && queued.value() == 1, "exactly one queued sign-up");
    return expect.failures;
}

// Runs `body(mountPoint)` in a child with its own 1 MiB tmpfs; returns its exit status, or
// kCannotMount where this machine allows no mount namespace.
template <class Body>
int inOwnTmpfs(const char* name, Body body) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / (std::string(name) + "_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        if (!enterMountNamespace()) _exit(kCannotMount);
        if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) _exit(kCannotMount);  // keep it ours
        if (mount("kiosk-test", dir.c_str(), "tmpfs", 0, "size=1m") != 0) _exit(kCannotMount);
        const int failures = body(dir);
        umount(dir.c_str());
        _exit(failures > 60 ? 60 : failures);
    }
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            FAIL("the tmpfs child hung");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::filesystem::remove_all(dir);
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

// Runs `body` in its own tmpfs and checks the child's verdict; says so where no tmpfs can be mounted.
void checkInOwnTmpfs(const char* name, int (*body)(const std::filesystem::path&), const char* what) {
    const int status = inOwnTmpfs(name, body);
    if (status == kCannotMount) {
        MESSAGE("no tmpfs can be mounted here (no CAP_SYS_ADMIN or user namespaces): real " << what << " case not run");
        return;
    }
    CHECK_MESSAGE(status == 0, "the child reported failed expectations (see stderr)");
}

}  // namespace

TEST_CASE("a full disk: the worker is told to see staff and nothing saved is harmed") {
    checkInOwnTmpfs("kiosk_full_disk", runOnFullDisk, "full-disk");
}

TEST_CASE("a read-only disk (remounted after an error): saving is refused as read-only, nothing saved is harmed") {
    checkInOwnTmpfs("kiosk_read_only", runOnReadOnlyDisk, "read-only");
}
