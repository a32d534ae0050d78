// log_bench — measures the signed log: appends with a signed checkpoint and a
// durable commit each, and full verification of a large log, each printed
// with a baseline measured in the same run (see bench/log_bench.sh).
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "fairdraw/hash.h"
#include "fairdraw/log.h"
#include "fairdraw/workspace.h"

using namespace fairdraw;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Processor time (user + system) used by this process so far, in seconds.
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto tv = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return tv(usage.ru_utime) + tv(usage.ru_stime);
}

// A payload shaped like the entries other modules write: artifact hashes and counts.
Json payload(std::uint64_t i) {
    Hash a = sha256(std::string_view("artifact " + std::to_string(i)));
    Hash b = sha256(std::string_view("file " + std::to_string(i)));
    return Json{{"kind", "enterprises"},
                {"root", to_hex(a)},
                {"file_sha256", to_hex(b)},
                {"rows", i % 100000}};
}

Workspace make_workspace(const fs::path& dir) {
    auto ws = Workspace::init(dir, InitOptions{"bench.fairdraw.invalid/log", "", "bench"});
    if (!ws) {
        std::cerr << "log_bench: " << ws.error().message << "\n";
        std::exit(3);
    }
    return std::move(ws).value();
}

void check(const Status& status) {
    if (status) return;
    std::cerr << "log_bench: " << status.error().message << "\n";
    std::exit(3);
}

// The same file replacement the log does after each commit: temp file, fsync, rename, fsync of the
// folder.
void replace_file(const fs::path& dir, const std::string& text) {
    fs::path temp = dir / ".baseline.tmp";
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
        ::fsync(fd) != 0)
        std::exit(3);
    ::close(fd);
    if (::rename(temp.c_str(), (dir / "baseline").c_str()) != 0) std::exit(3);
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    ::fsync(dfd);
    ::close(dfd);
}

// Durable SQLite commits with a workspace's pragmas and none of the log's
// computation. Shape::entry_row writes one row the size of a log entry;
// Shape::append_rows writes what an append writes (an entry row with its leaf
// hash, a tree-node row, a checkpoint row with a note-sized text) into three
// tables. with_file adds the checkpoint-file replacement. The last shape is the
// I/O any durable, signed append of this design needs.
enum class Shape { entry_row, append_rows };

class BaselineCommits {
  public:
    BaselineCommits(const fs::path& dir, std::size_t row_size, Shape shape, bool with_file)
        : m_dir((fs::create_directories(dir), dir)),
          m_db((dir / "baseline.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE),
          m_row(row_size, 'x'),
          m_shape(shape),
          m_with_file(with_file) {
        m_db.exec("PRAGMA journal_mode=WAL");
        m_db.exec("PRAGMA synchronous=FULL");
        m_db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL, h BLOB NOT NULL)");
        m_db.exec("CREATE TABLE n (id INTEGER PRIMARY KEY, h BLOB NOT NULL)");
        m_db.exec("CREATE TABLE c (id INTEGER PRIMARY KEY, h BLOB NOT NULL, note TEXT NOT NULL)");
    }
    // Seconds for `count` commits (statements are prepared inside the loop, as in an append).
    double run(std::uint64_t count) {
        std::string note(190, 'n');
        auto start = Clock::now();
        for (std::uint64_t i = 0; i < count; ++i) {
            auto id = static_cast<std::int64_t>(m_next++);
            m_db.exec("BEGIN IMMEDIATE");
            SQLite::Statement insert(m_db, "INSERT INTO t (id, data, h) VALUES (?, ?, ?)");
            insert.bind(1, id);
            insert.bind(2, m_row.data(), static_cast<int>(m_row.size()));
            insert.bind(3, m_row.data(), 32);
            insert.exec();
            if (m_shape == Shape::append_rows) {
                SQLite::Statement node(m_db, "INSERT INTO n (id, h) VALUES (?, ?)");
                node.bind(1, id);
                node.bind(2, m_row.data(), 32);
                node.exec();
                SQLite::Statement checkpoint(m_db, "INSERT INTO c (id, h, note) VALUES (?, ?, ?)");
                checkpoint.bind(1, id);
                checkpoint.bind(2, m_row.data(), 32);
                checkpoint.bind(3, note);
                checkpoint.exec();
            }
            m_db.exec("COMMIT");
            if (m_with_file) replace_file(m_dir, note);
        }
        return seconds_since(start);
    }

  private:
    fs::path m_dir;
    SQLite::Database m_db;
    std::string m_row;
    Shape m_shape;
    bool m_with_file;
    std::int64_t m_next = 0;
};

double append_one_by_one(Workspace& ws, std::uint64_t count) {
    auto start = Clock::now();
    for (std::uint64_t i = 0; i < count; ++i)
        check(ws.change([&](Change& change) -> Status {
            return change.log("bench.append", payload(i)).ok() ? Status{}
                                                               : Error::environment("log failed");
        }));
    return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"log_bench: appends and verification speed of the signed log", "log_bench"};
    std::uint64_t entries = 1000000;
    std::uint64_t appends = 2000;
    std::uint64_t batch = 10000;
    std::string dir_text;
    app.add_option("--entries", entries, "Entries in the large log whose verification is measured");
    app.add_option("--appends", appends,
                   "Appends measured one by one, each signed and durably committed");
    app.add_option("--batch", batch, "Entries per change while building the large log");
    app.add_option(
        "--dir", dir_text,
        "Scratch folder on the disk to measure (default: a new folder in the temp folder)");
    CLI11_PARSE(app, argc, argv);
    fs::path dir = dir_text.empty() ? fs::temp_directory_path() /
                                          ("fairdraw-bench-" + std::to_string(::getpid()))
                                    : fs::path(dir_text);
    fs::create_directories(dir);
    std::printf("fairdraw log benchmark, scratch folder %s\n\n", dir.c_str());

    // 1. Appends, one change each: entry, re-hash, tree, consistency proof, signature, durable
    // commit,
    //    checkpoint file. Measured in rounds alternating with the baselines, so that both see the
    //    same disk.
    {
        Workspace ws = make_workspace(dir / "appends");
        std::size_t row_size = 0;
        append_one_by_one(ws, 1);
        check(tlog::for_each_entry(ws, 1, [&](const tlog::Entry& e) -> Status {
            row_size = e.data.size();
            return {};
        }));
        BaselineCommits bare(dir / "baseline-commit", row_size, Shape::entry_row, false);
        BaselineCommits same_io(dir / "baseline-append-io", row_size, Shape::append_rows, true);
        // One append, then one commit of each baseline, and again: the three see the same disk
        // conditions even when its latency drifts during the run.
        double t_append = 0, t_bare = 0, t_io = 0, cpu_append = 0, cpu_io = 0;
        for (std::uint64_t i = 0; i < appends; ++i) {
            double c0 = cpu_seconds();
            t_append += append_one_by_one(ws, 1);
            double c1 = cpu_seconds();
            t_io += same_io.run(1);
            double c2 = cpu_seconds();
            t_bare += bare.run(1);
            cpu_append += c1 - c0;
            cpu_io += c2 - c1;
        }
        double count = static_cast<double>(appends);
        std::printf("appends, each signed and durably committed: %.0f appends, %.0f appends/s\n",
                    count, count / t_append);
        std::printf(
            "  baseline: durable commit of the rows an append writes, plus the checkpoint-file "
            "replace,\n"
            "            without the log's computation:                             %.0f "
            "commits/s\n",
            count / t_io);
        std::printf(
            "  baseline: durable commit of one %zu-byte row only:                   %.0f "
            "commits/s\n",
            row_size, count / t_bare);
        std::printf(
            "  appends/s / same-I/O baseline = %.2f (1.00: limited by durable commit alone)\n",
            t_io / t_append);
        std::printf(
            "  per append: %.0f us wall, %.0f us processor; per same-I/O baseline commit: %.0f us "
            "wall, %.0f us processor\n\n",
            t_append / count * 1e6, cpu_append / count * 1e6, t_io / count * 1e6,
            cpu_io / count * 1e6);
    }

    // 2. A large log, built in changes of `batch` entries, then verified in full.
    Workspace ws = make_workspace(dir / "large");
    auto build_start = Clock::now();
    for (std::uint64_t done = 1; done < entries;) {
        std::uint64_t n = std::min(batch, entries - done);
        check(ws.change([&](Change& change) -> Status {
            for (std::uint64_t i = 0; i < n; ++i)
                if (!change.log("bench.entry", payload(done + i)))
                    return Error::environment("log failed");
            return {};
        }));
        done += n;
    }
    std::printf("built a %llu-entry log in %.1f s (%llu entries per change)\n",
                static_cast<unsigned long long>(entries), seconds_since(build_start),
                static_cast<unsigned long long>(batch));

    std::string all;
    std::vector<std::size_t> ends;
    check(tlog::for_each_entry(ws, 0, [&](const tlog::Entry& e) -> Status {
        all += e.data;
        ends.push_back(all.size());
        return {};
    }));
    double megabytes = static_cast<double>(all.size()) / 1e6;

    auto verify_start = Clock::now();
    auto report = tlog::verify(ws);
    double verify_seconds = seconds_since(verify_start);
    check(report ? Status{} : Status(report.error()));

    // Baseline: SHA-256 of each entry's bytes, from memory, nothing else.
    auto raw_start = Clock::now();
    std::uint8_t sink = 0;
    std::size_t begin = 0;
    for (std::size_t end : ends) {
        Hash h = sha256(
            ByteView(reinterpret_cast<const std::uint8_t*>(all.data()) + begin, end - begin));
        sink ^= h[0];
        begin = end;
    }
    double raw_seconds = seconds_since(raw_start);
    double n = static_cast<double>(ends.size());
    std::printf(
        "verification of the %llu-entry log (%llu signed checkpoints): %.2f s, %.0f entries/s, "
        "%.0f MB/s\n",
        static_cast<unsigned long long>(report->entries),
        static_cast<unsigned long long>(report->checkpoints), verify_seconds, n / verify_seconds,
        megabytes / verify_seconds);
    std::printf(
        "  baseline: raw SHA-256 of the same %.0f MB of entries, in memory: %.2f s, %.0f "
        "entries/s, %.0f MB/s\n",
        megabytes, raw_seconds, n / raw_seconds, megabytes / raw_seconds);
    std::printf("  verification rate / raw hashing rate = %.2f (target: at least 0.25)  [%u]\n\n",
                raw_seconds / verify_seconds, static_cast<unsigned>(sink & 1));

    // 3. Appends and proofs at that size: O(log n), not O(n).
    std::uint64_t late = std::min<std::uint64_t>(appends, 200);
    double t_late = append_one_by_one(ws, late);
    std::printf(
        "appends to the %llu-entry log, each signed and durably committed: %.0f appends/s\n",
        static_cast<unsigned long long>(entries), static_cast<double>(late) / t_late);
    std::mt19937_64 rng(42);
    std::vector<std::uint64_t> picks;
    for (int i = 0; i < 1000; ++i) picks.push_back(rng() % entries);
    auto proof_start = Clock::now();
    auto proofs = tlog::prove_inclusion(ws, picks);
    check(proofs ? Status{} : Status(proofs.error()));
    std::printf(
        "inclusion proofs in that log, each checked against the signed root: %.0f proofs/s\n",
        1000.0 / seconds_since(proof_start));
    std::error_code ec;
    if (dir_text.empty()) fs::remove_all(dir, ec);
    return 0;
}
