// Receipt printer sinks without hardware: the device printer writing into a FIFO (exact bytes,
// reader gone mid-job) and into a pty pair whose master plays the printer (DLE EOT 4 answered
// with paper present / near end / end, or not at all; a printer that stops taking data); a
// missing device; the CUPS printer running a fake `lp` script (arguments, job on stdin, failures,
// a hung lp, lp quitting without reading); the config factory.
//
// Index: 1. helpers  2. device printer  3. CUPS printer  4. factory
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>

#include "escpos_parse.hpp"
#include "services/receipt_printer.hpp"
#include "pty.hpp"

using namespace kiosk;
using namespace std::chrono_literals;
using services::PrintStatus;
namespace fs = std::filesystem;

namespace {

// ---- 1. helpers -------------------------------------------------------------------------------------

std::string sampleJob() {
    services::PrintedReceipt r;
    r.title = "Tanda terima";
    r.rows = {{"Nomor", "PS-2025-000123"}};
    r.paragraphs = {"Simpan tanda terima ini.\nBaris baru tetap LF, bukan CR LF."};
    r.qrPayload = "PJR1:PS-2025-000123:0123456789abcdef";
    r.footer = "MPP Kota Semarang";
    return services::encodeReceipt(r, services::PaperWidth::Mm58);
}

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name) {
        path = fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Everything readable on a non-blocking fd until `quiet` passes with nothing new.
std::string drain(int fd, std::chrono::milliseconds quiet) {
    std::string out;
    char buf[4096];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(quiet.count())) <= 0 || (p.revents & POLLIN) == 0) break;
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

using test::Pty;

services::DevicePrinter devicePrinter(const std::string& device, int statusTimeoutMs = 100, int timeoutMs = 5000) {
    services::DevicePrinterSettings s;
    s.device = device;
    s.statusTimeoutMs = statusTimeoutMs;
    s.timeoutMs = timeoutMs;
    return services::DevicePrinter(s);
}

const std::string kQuery = "\x10\x04\x04";

}  // namespace

// ---- 2. device printer ------------------------------------------------------------------------------

TEST_CASE("device printer writes the exact bytes into a FIFO") {
    TempDir dir("kiosk_printer_fifo");
    const std::string fifo = (dir.path / "lp0").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(reader >= 0);
    const std::string job = sampleJob();
    auto printer = devicePrinter(fifo);
    const services::PrintResult r = printer.print(job);
    CHECK(r.status == PrintStatus::Ok);
    CHECK(r.detail.empty());
    const std::string got = drain(reader, 100ms);
    ::close(reader);
    CHECK(got == job);  // no status query on a FIFO, nothing translated
    const auto parsed = test::parseEscPos(got);
    REQUIRE(parsed.ok());
    CHECK(parsed->cuts == 1);
    CHECK(printer.describe() == fifo);
}

TEST_CASE("device printer reader gone mid-job is Offline and raises no SIGPIPE") {
    TempDir dir("kiosk_printer_fifo_gone");
    const std::string fifo = (dir.path / "lp0").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(reader >= 0);
    std::thread closer([reader] {
        std::this_thread::sleep_for(150ms);
        ::close(reader);
    });
    auto printer = devicePrinter(fifo);
    const services::PrintResult r = printer.print(std::string(1 << 20, 'x'));  // far more than the pipe holds
    closer.join();
    CHECK(r.status == PrintStatus::Offline);
    CHECK(r.detail.find("Broken pipe") != std::string::npos);
    CHECK(r.detail.find(" of 1048576 bytes sent") != std::string::npos);
}

TEST_CASE("device printer a missing device is Offline") {
    auto printer = devicePrinter("/dev/kiosk-test-no-such-lp0");
    const auto r = printer.print(sampleJob());
    CHECK(r.status == PrintStatus::Offline);
    CHECK(r.detail == "no printer at /dev/kiosk-test-no-such-lp0");
    // A FIFO without anyone reading (printer switched off behind a pipe) is Offline too.
    TempDir dir("kiosk_printer_noreader");
    const std::string fifo = (dir.path / "lp0").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(devicePrinter(fifo).print("x\n").status == PrintStatus::Offline);
}

TEST_CASE("device printer on a pty asks for paper status and prints when nobody answers") {
    Pty pty;
    const std::string job = sampleJob();
    auto printer = devicePrinter(pty.slave, 100);
    auto result = std::async(std::launch::async, [&] { return printer.print(job); });
    const std::string got = pty.readExactly(kQuery.size() + job.size());
    const auto r = result.get();
    CHECK(r.status == PrintStatus::Ok);
    CHECK(r.detail.empty());
    REQUIRE(got.size() == kQuery.size() + job.size());
    CHECK(got.substr(0, 3) == kQuery);
    CHECK(got.substr(3) == job);  // raw mode: every LF stays LF
}

TEST_CASE("device printer paper end status is OutOfPaper and nothing is printed") {
    Pty pty;
    auto printer = devicePrinter(pty.slave, 2000);
    const auto t0 = std::chrono::steady_clock::now();
    auto result = std::async(std::launch::async, [&] { return printer.print(sampleJob()); });
    CHECK(pty.readExactly(3) == kQuery);
    pty.reply(0x72);  // 0x12 fixed bits + 0x60 paper end
    const auto r = result.get();
    CHECK(std::chrono::steady_clock::now() - t0 < 1500ms);  // the answer ends the wait
    CHECK(r.status == PrintStatus::OutOfPaper);
    CHECK(r.detail == pty.slave + " reports paper end");
    ::fcntl(pty.master, F_SETFL, O_NONBLOCK);
    CHECK(drain(pty.master, 100ms).empty());
}

TEST_CASE("device printer paper near end still prints and says so") {
    Pty pty;
    const std::string job = sampleJob();
    auto printer = devicePrinter(pty.slave, 2000);
    auto result = std::async(std::launch::async, [&] { return printer.print(job); });
    CHECK(pty.readExactly(3) == kQuery);
    pty.reply(0x1E);  // 0x12 + 0x0C near end
    CHECK(pty.readExactly(job.size()) == job);
    const auto r = result.get();
    CHECK(r.status == PrintStatus::Ok);
    CHECK(r.detail == "paper near end");
}

TEST_CASE("device printer a reply that is not a status byte is ignored") {
    Pty pty;
    const std::string job = sampleJob();
    auto printer = devicePrinter(pty.slave, 150);
    auto result = std::async(std::launch::async, [&] { return printer.print(job); });
    CHECK(pty.readExactly(3) == kQuery);
    pty.reply(0xFF);
    CHECK(pty.readExactly(job.size()) == job);
    CHECK(result.get().status == PrintStatus::Ok);
}

TEST_CASE("device printer that stops taking data times out as Offline") {
    Pty pty;  // the master never reads: the pty's buffer fills
    auto printer = devicePrinter(pty.slave, 50, 400);
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = printer.print(std::string(1 << 20, 'x'));
    const auto took = std::chrono::steady_clock::now() - t0;
    CHECK(r.status == PrintStatus::Offline);
    CHECK(r.detail.find("stopped taking data") != std::string::npos);
    CHECK(took >= 350ms);
    CHECK(took < 2s);
}

// ---- 3. CUPS printer --------------------------------------------------------------------------------

namespace {
std::string fakeLp(const TempDir& dir, const std::string& body) {
    const fs::path script = dir.path / "lp";
    std::ofstream(script) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(script, fs::perms::owner_all);
    return script.string();
}

services::CupsPrinter cupsPrinter(const std::string& lp, int timeoutMs = 5000) {
    services::CupsPrinterSettings s;
    s.queue = "kiosk_receipts";
    s.lpCommand = lp;
    s.timeoutMs = timeoutMs;
    return services::CupsPrinter(s);
}
}  // namespace

TEST_CASE("cups printer runs lp -d queue -o raw with the job on stdin") {
    TempDir dir("kiosk_printer_cups");
    const std::string d = dir.path.string();
    const std::string lp = fakeLp(dir, "printf '%s\\n' \"$@\" > '" + d + "/args'\ncat > '" + d +
                                           "/job'\necho 'request id is kiosk_receipts-7 (1 file(s))'\nexit 0");
    const std::string job = sampleJob();
    auto printer = cupsPrinter(lp);
    const auto r = printer.print(job);
    CHECK(r.status == PrintStatus::Ok);
    CHECK(readFile(dir.path / "args") == "-d\nkiosk_receipts\n-o\nraw\n");
    CHECK(readFile(dir.path / "job") == job);
    CHECK(printer.describe() == "CUPS queue kiosk_receipts");
    // A big job goes through the pipe in pieces.
    const std::string big(300000, 'y');
    CHECK(printer.print(big).status == PrintStatus::Ok);
    CHECK(readFile(dir.path / "job") == big);
}

TEST_CASE("cups printer lp failures are mapped with lp's message") {
    TempDir dir("kiosk_printer_cups_fail");
    auto r = cupsPrinter(fakeLp(dir, "cat >/dev/null\necho 'lp: The printer or class does not exist.' >&2\nexit 1"))
                 .print(sampleJob());
    CHECK(r.status == PrintStatus::Failed);
    CHECK(r.detail.find("exited with 1: lp: The printer or class does not exist.") != std::string::npos);

    r = cupsPrinter(fakeLp(dir, "cat >/dev/null\necho 'lp: Unable to connect to server: Connection refused' >&2\nexit 1"))
            .print(sampleJob());
    CHECK(r.status == PrintStatus::Offline);

    r = cupsPrinter((dir.path / "no-such-lp").string()).print(sampleJob());
    CHECK(r.status == PrintStatus::Failed);
    CHECK(r.detail.find("cannot run") != std::string::npos);
}

TEST_CASE("cups printer lp quitting without reading is Failed and raises no SIGPIPE") {
    TempDir dir("kiosk_printer_cups_quit");
    const auto r = cupsPrinter(fakeLp(dir, "exit 0")).print(std::string(1 << 20, 'z'));
    CHECK(r.status == PrintStatus::Failed);
    CHECK(r.detail.find("exited before reading the whole job") != std::string::npos);
}

TEST_CASE("cups printer a hung lp is killed at the timeout and is Offline") {
    TempDir dir("kiosk_printer_cups_hang");
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = cupsPrinter(fakeLp(dir, "exec sleep 30"), 300).print(sampleJob());
    CHECK(std::chrono::steady_clock::now() - t0 < 3s);
    CHECK(r.status == PrintStatus::Offline);
    CHECK(r.detail.find("did not finish within 300 ms") != std::string::npos);
}

// ---- 4. factory -------------------------------------------------------------------------------------

TEST_CASE("receipt printer factory follows the config kind") {
    core::KioskConfig::Printer cfg;
    auto none = services::makeReceiptPrinter(cfg);
    CHECK(none->print("x\n").status == PrintStatus::NoPrinter);
    CHECK(none->describe() == "no printer");
    cfg.kind = "device";
    cfg.device = "/dev/usb/lp0";
    CHECK(services::makeReceiptPrinter(cfg)->describe() == "/dev/usb/lp0");
    cfg.kind = "cups";
    cfg.queue = "struk";
    CHECK(services::makeReceiptPrinter(cfg)->describe() == "CUPS queue struk");
    CHECK(services::paperWidthFromMm(58) == services::PaperWidth::Mm58);
    CHECK(services::paperWidthFromMm(80) == services::PaperWidth::Mm80);
    CHECK(services::toKey(PrintStatus::OutOfPaper) == "out_of_paper");
}
