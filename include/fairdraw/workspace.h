// workspace.h — a folder holding one SQLite database and the signing key.
//
// A workspace is created by Workspace::init and found by Workspace::open
// (through --workspace DIR or the current folder). Its database runs in WAL
// mode and carries a schema version; opening an older database migrates it
// forward in one logged transaction, opening a newer one is refused.
//
// Every change goes through Workspace::change(): one IMMEDIATE transaction in
// which the caller writes its rows and appends the log entries that record
// them. The transaction commits only with its log entries (and, once the log
// is sealed, the signed checkpoint over them); on any failure nothing of it is
// kept. This is the "nothing lost, nothing unrecorded" rule of PRODUCT.md.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "fairdraw/canonical_json.h"
#include "fairdraw/result.h"

namespace SQLite {
class Database;
}

namespace fairdraw {

inline constexpr const char* k_database_file = "fairdraw.db";

struct InitOptions {
    std::string origin;      // the log's origin line and key name, e.g. "fairdraw.example.gov.cn/log"
    std::string passphrase;  // empty: the signing key is stored unencrypted (still owner-only)
    std::string actor;       // who ran init
};

struct OpenOptions {
    std::string actor;       // recorded in every log entry this process appends
    std::string passphrase;  // for an encrypted signing key; read lazily on first write
};

class Change;

class Workspace {
public:
    static Result<Workspace> init(const std::filesystem::path& dir, const InitOptions& options);
    static Result<Workspace> open(const std::filesystem::path& dir, const OpenOptions& options);

    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;
    ~Workspace();

    const std::filesystem::path& dir() const;
    std::filesystem::path database_path() const { return dir() / k_database_file; }
    const std::string& actor() const;
    SQLite::Database& db();
    int schema_version() const;

    // Runs `body` in one write transaction and commits it together with the
    // log entries it appended. If `body` fails or throws, everything is
    // rolled back and the error returned.
    Status change(const std::function<Status(Change&)>& body);

private:
    struct Impl;
    explicit Workspace(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// A write transaction in progress.
class Change {
public:
    SQLite::Database& db() { return m_db; }
    // Appends a log entry {"actor","index","payload","time","type","v"} and
    // returns its index (0-based position in the log).
    Result<std::uint64_t> log(const std::string& type, const Json& payload);
    std::int64_t time() const { return m_time; }

private:
    friend class Workspace;
    Change(SQLite::Database& db, std::string actor, std::int64_t time) : m_db(db), m_actor(std::move(actor)), m_time(time) {}
    SQLite::Database& m_db;
    std::string m_actor;
    std::int64_t m_time;
    std::uint64_t m_appended = 0;
};

// The user name recorded as actor when none is given: $FAIRDRAW_ACTOR, else the
// login name, else "unknown".
std::string default_actor();

}  // namespace fairdraw
