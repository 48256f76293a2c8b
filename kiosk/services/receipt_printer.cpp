#include "services/receipt_printer.hpp"
#include "services/unique_fd.hpp"

// Sections: 1. helpers (fd, deadline, SIGPIPE)  2. device printer  3. CUPS printer  4. factory

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <utility>
#include <vector>

namespace kiosk::services {
namespace {

// ---- 1. helpers -------------------------------------------------------------------------------------

using Clock = std::chrono::steady_clock;

int msLeft(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 60 * 60 * 1000));
}

std::string errnoText(int e) { return std::strerror(e); }

// A write to a FIFO or pipe whose reader is gone raises SIGPIPE, which would end the kiosk. It is
// blocked on this thread for the job (a write-raised SIGPIPE goes to the writing thread) and a
// pending one is swallowed before the old mask comes back; the write then just fails with EPIPE.
class SigpipeBlock {
public:
    SigpipeBlock() {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        sigset_t pending;
        sigemptyset(&pending);
        sigpending(&pending);
        m_wasPending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
    }
    ~SigpipeBlock() {
        if (!m_wasPending) {
            sigset_t pending;
            sigemptyset(&pending);
            sigpending(&pending);
            if (sigismember(&pending, SIGPIPE) == 1) {
                const timespec zero{0, 0};
                sigtimedwait(&m_pipe, nullptr, &zero);
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    SigpipeBlock(const SigpipeBlock&) = delete;
    SigpipeBlock& operator=(const SigpipeBlock&) = delete;

private:
    sigset_t m_pipe{};
    sigset_t m_old{};
    bool m_wasPending = false;
};

// Writes all of `bytes` before `deadline`. Returns 0, ETIMEDOUT, or the errno of the failed write.
int writeAll(int fd, std::string_view bytes, Clock::time_point deadline, std::size_t& written) {
    written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n > 0) {
            written += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN) return errno;
        const int left = msLeft(deadline);
        if (left == 0) return ETIMEDOUT;
        pollfd p{fd, POLLOUT, 0};
        const int r = ::poll(&p, 1, left);
        if (r < 0 && errno != EINTR) return errno;
        // On POLLERR/POLLHUP the next write reports the errno (EIO, EPIPE).
    }
    return 0;
}

// ---- 2. device printer ------------------------------------------------------------------------------

constexpr std::string_view kPaperStatusQuery = "\x10\x04\x04";  // DLE EOT 4: paper roll sensor

enum class Paper { Unknown, Present, NearEnd, End };

// A status byte has bits 1 and 4 set, bits 0 and 7 clear; bits 2-3 near end, bits 5-6 end.
Paper paperFromStatus(unsigned char b) {
    if ((b & 0x93) != 0x12) return Paper::Unknown;
    if ((b & 0x60) != 0) return Paper::End;
    if ((b & 0x0C) != 0) return Paper::NearEnd;
    return Paper::Present;
}

Paper queryPaper(int fd, Clock::time_point deadline, int statusTimeoutMs, int& writeError) {
    writeError = 0;
    unsigned char buf[32];
    for (int k = 0; k < 16 && ::read(fd, buf, sizeof buf) > 0; ++k) {
    }  // stale answers from an earlier job
    const auto statusDeadline = std::min(deadline, Clock::now() + std::chrono::milliseconds(statusTimeoutMs));
    std::size_t written = 0;
    const int e = writeAll(fd, kPaperStatusQuery, statusDeadline, written);
    if (e == ETIMEDOUT) return Paper::Unknown;  // busy; the job's own deadline decides
    if (e != 0) {
        writeError = e;
        return Paper::Unknown;
    }
    Paper paper = Paper::Unknown;
    while (paper == Paper::Unknown) {
        const int left = msLeft(statusDeadline);
        if (left == 0) break;
        pollfd p{fd, POLLIN, 0};
        const int r = ::poll(&p, 1, left);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0 || (p.revents & POLLIN) == 0) break;  // silent, or gone (the write will say)
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n <= 0) break;
        for (ssize_t i = 0; i < n; ++i) {
            const Paper seen = paperFromStatus(buf[i]);
            if (seen != Paper::Unknown) paper = seen;
        }
    }
    return paper;
}

PrintResult writeFailure(const std::string& dev, int e, std::size_t written, std::size_t total) {
    const std::string progress = " (" + std::to_string(written) + " of " + std::to_string(total) + " bytes sent)";
    switch (e) {
        case ETIMEDOUT: return {PrintStatus::Offline, dev + " stopped taking data" + progress};
        case ENOSPC: return {PrintStatus::OutOfPaper, dev + " reports out of paper" + progress};
        case ENODEV:
        case ENXIO:
        case EIO:
        case EPIPE: return {PrintStatus::Offline, dev + ": " + errnoText(e) + progress};
        default: return {PrintStatus::Failed, dev + ": " + errnoText(e) + progress};
    }
}

}  // namespace

std::string_view toKey(PrintStatus status) {
    switch (status) {
        case PrintStatus::Ok: return "ok";
        case PrintStatus::NoPrinter: return "no_printer";
        case PrintStatus::OutOfPaper: return "out_of_paper";
        case PrintStatus::Offline: return "offline";
        case PrintStatus::Failed: return "failed";
    }
    return "failed";
}

DevicePrinter::DevicePrinter(DevicePrinterSettings settings) : m_settings(std::move(settings)) {}

PrintResult DevicePrinter::print(std::string_view bytes) {
    std::lock_guard lock(m_job);
    const SigpipeBlock noSigpipe;
    const std::string& dev = m_settings.device;
    const auto deadline = Clock::now() + std::chrono::milliseconds(m_settings.timeoutMs);

    struct stat st{};
    const bool charDevice = ::stat(dev.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
    constexpr int kFlags = O_NOCTTY | O_NONBLOCK | O_CLOEXEC;
    // Only a character device answers status queries; a FIFO opened for reading would hand our
    // own query back.
    bool canQuery = charDevice;
    UniqueFd fd(::open(dev.c_str(), (canQuery ? O_RDWR : O_WRONLY) | kFlags));
    if (!fd.valid() && canQuery && errno == EACCES) {  // write-only permission: print without asking
        canQuery = false;
        fd.reset(::open(dev.c_str(), O_WRONLY | kFlags));
    }
    if (!fd.valid()) {
        const int e = errno;
        if (e == ENOENT || e == ENODEV || e == ENXIO) return {PrintStatus::Offline, "no printer at " + dev};
        if (e == EBUSY) return {PrintStatus::Failed, dev + " is in use by another program (CUPS?)"};
        return {PrintStatus::Failed, "cannot open " + dev + ": " + errnoText(e)};
    }
    if (::isatty(fd.get())) {
        termios tio{};
        if (::tcgetattr(fd.get(), &tio) == 0) {
            ::cfmakeraw(&tio);
            tio.c_cflag |= CLOCAL | CREAD;
            ::tcsetattr(fd.get(), TCSANOW, &tio);
            ::tcflush(fd.get(), TCIFLUSH);
        }
    }

    std::string note;
    if (canQuery) {
        int queryError = 0;
        const Paper paper = queryPaper(fd.get(), deadline, m_settings.statusTimeoutMs, queryError);
        if (queryError != 0) return writeFailure(dev, queryError, 0, bytes.size());
        if (paper == Paper::End) return {PrintStatus::OutOfPaper, dev + " reports paper end"};
        if (paper == Paper::NearEnd) note = "paper near end";
    }
    std::size_t written = 0;
    if (const int e = writeAll(fd.get(), bytes, deadline, written); e != 0)
        return writeFailure(dev, e, written, bytes.size());
    return {PrintStatus::Ok, note};
}

// ---- 3. CUPS printer --------------------------------------------------------------------------------

namespace {

// lp's first stderr line as printable ASCII, at most 200 characters.
std::string firstLine(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n' || out.size() >= 200) break;
        if (c >= 0x20 && c <= 0x7E) out += c;
    }
    return out;
}

// A posix_spawn object (file actions, attributes) that is destroyed however the spawn ends.
template <class T, int (*Init)(T*), int (*Destroy)(T*)>
class SpawnObject {
public:
    SpawnObject() { Init(&m_value); }
    ~SpawnObject() { Destroy(&m_value); }
    SpawnObject(const SpawnObject&) = delete;
    SpawnObject& operator=(const SpawnObject&) = delete;
    T* get() { return &m_value; }

private:
    T m_value{};
};
using SpawnActions = SpawnObject<posix_spawn_file_actions_t, posix_spawn_file_actions_init, posix_spawn_file_actions_destroy>;
using SpawnAttr = SpawnObject<posix_spawnattr_t, posix_spawnattr_init, posix_spawnattr_destroy>;

}  // namespace

CupsPrinter::CupsPrinter(CupsPrinterSettings settings) : m_settings(std::move(settings)) {}

PrintResult CupsPrinter::print(std::string_view bytes) {
    std::lock_guard lock(m_job);
    const SigpipeBlock noSigpipe;
    const auto deadline = Clock::now() + std::chrono::milliseconds(m_settings.timeoutMs);
    const std::string& lp = m_settings.lpCommand;

    int in[2] = {-1, -1};
    int err[2] = {-1, -1};
    if (::pipe2(in, O_CLOEXEC) != 0) return {PrintStatus::Failed, "cannot make a pipe for lp: " + errnoText(errno)};
    UniqueFd inRead(in[0]), inWrite(in[1]);
    if (::pipe2(err, O_CLOEXEC) != 0) return {PrintStatus::Failed, "cannot make a pipe for lp: " + errnoText(errno)};
    UniqueFd errRead(err[0]), errWrite(err[1]);

    SpawnActions actions;
    posix_spawn_file_actions_adddup2(actions.get(), inRead.get(), STDIN_FILENO);
    posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(actions.get(), errWrite.get(), STDERR_FILENO);
    // lp starts with an empty signal mask (ours blocks SIGPIPE) and SIGPIPE at its default.
    SpawnAttr attr;
    sigset_t none, pipeOnly;
    sigemptyset(&none);
    sigemptyset(&pipeOnly);
    sigaddset(&pipeOnly, SIGPIPE);
    posix_spawnattr_setsigmask(attr.get(), &none);
    posix_spawnattr_setsigdefault(attr.get(), &pipeOnly);
    posix_spawnattr_setflags(attr.get(), POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> args{lp, "-d", m_settings.queue, "-o", "raw"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (const int e = ::posix_spawnp(&pid, lp.c_str(), actions.get(), attr.get(), argv.data(), environ); e != 0)
        return {PrintStatus::Failed, "cannot run " + lp + ": " + errnoText(e)};
    inRead.reset();
    errWrite.reset();
    ::fcntl(inWrite.get(), F_SETFL, O_NONBLOCK);
    ::fcntl(errRead.get(), F_SETFL, O_NONBLOCK);

    // Feed stdin and drain stderr together (lp may write before it has read everything).
    std::size_t written = 0;
    std::string errText;
    bool timedOut = false;
    if (bytes.empty()) inWrite.reset();
    while (inWrite.valid() || errRead.valid()) {
        const int left = msLeft(deadline);
        if (left == 0) {
            timedOut = true;
            break;
        }
        pollfd p[2];
        nfds_t n = 0;
        if (inWrite.valid()) p[n++] = pollfd{inWrite.get(), POLLOUT, 0};
        if (errRead.valid()) p[n++] = pollfd{errRead.get(), POLLIN, 0};
        if (::poll(p, n, left) < 0 && errno != EINTR) break;
        if (inWrite.valid()) {
            const ssize_t w = ::write(inWrite.get(), bytes.data() + written, bytes.size() - written);
            if (w > 0) written += static_cast<std::size_t>(w);
            else if (w < 0 && errno != EAGAIN && errno != EINTR) inWrite.reset();  // EPIPE: lp quit early
            if (written == bytes.size()) inWrite.reset();                          // EOF for lp
        }
        if (errRead.valid()) {
            char buf[512];
            const ssize_t r = ::read(errRead.get(), buf, sizeof buf);
            if (r > 0 && errText.size() < 4096) errText.append(buf, static_cast<std::size_t>(r));
            else if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) errRead.reset();
        }
    }
    inWrite.reset();

    int status = 0;
    bool exited = false;
    while (!timedOut) {
        const pid_t w = ::waitpid(pid, &status, WNOHANG);
        if (w == pid || (w < 0 && errno != EINTR)) {
            exited = w == pid;
            break;
        }
        if (msLeft(deadline) == 0) timedOut = true;
        else std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (timedOut) {
        ::kill(pid, SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return {PrintStatus::Offline,
                lp + " did not finish within " + std::to_string(m_settings.timeoutMs) + " ms (" +
                    std::to_string(written) + " of " + std::to_string(bytes.size()) + " bytes sent)"};
    }
    if (!exited) return {PrintStatus::Failed, "lost track of " + lp + ": " + errnoText(errno)};

    const std::string said = firstLine(errText);
    if (WIFSIGNALED(status)) return {PrintStatus::Failed, lp + " was killed by signal " + std::to_string(WTERMSIG(status))};
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0) {
        if (written < bytes.size())
            return {PrintStatus::Failed, lp + " exited before reading the whole job (" + std::to_string(written) + " of " +
                                             std::to_string(bytes.size()) + " bytes)"};
        return {PrintStatus::Ok, {}};
    }
    std::string detail = lp + " exited with " + std::to_string(code);
    if (!said.empty()) detail += ": " + said;
    // The scheduler down or the queue paused: the printer is unreachable, not misconfigured.
    for (const std::string_view offline : {"Unable to connect", "not accepting", "scheduler is not running"})
        if (said.find(offline) != std::string::npos) return {PrintStatus::Offline, detail};
    return {PrintStatus::Failed, detail};
}

// ---- 4. factory -------------------------------------------------------------------------------------

std::unique_ptr<ReceiptPrinter> makeReceiptPrinter(const core::KioskConfig::Printer& config) {
    if (config.kind == "device") {
        DevicePrinterSettings s;
        s.device = config.device;
        return std::make_unique<DevicePrinter>(std::move(s));
    }
    if (config.kind == "cups") {
        CupsPrinterSettings s;
        s.queue = config.queue;
        return std::make_unique<CupsPrinter>(std::move(s));
    }
    return std::make_unique<NoPrinter>();
}

PaperWidth paperWidthFromMm(int paperMm) { return paperMm == 58 ? PaperWidth::Mm58 : PaperWidth::Mm80; }

}  // namespace kiosk::services
