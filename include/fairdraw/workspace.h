// workspace.h — a folder holding one SQLite database and the signing key.
//
// A workspace is created by Workspace::init and found by Workspace::open
// (through --workspace DIR or the current folder). It holds fairdraw.db, the
// log's Ed25519 signing key (signing.key, owner-only PKCS#8 PEM), its public
// verifier key (verifier.key) and the latest signed checkpoint (checkpoint).
// Its database runs in WAL mode and carries a schema version; opening an older
// database migrates it forward in one logged transaction, opening a newer one
// is refused. Opening refuses a signing key file that others can read.
//
// Every change goes through Workspace::change(): one IMMEDIATE transaction in
// which the caller writes its rows and appends the log entries that record
// them. Before it commits, the log re-hashes the new entries, proves the new
// tree consistent with the last signed checkpoint, signs a checkpoint over it
// and stores it (log.h); after the commit, the checkpoint file is replaced. On
// any failure nothing of the change is kept, and a change that writes rows
// without a log entry is refused. This is the "nothing lost, nothing
// unrecorded" rule of PRODUCT.md. Changes of several processes are serialised.
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
inline constexpr const char* k_signing_key_file = "signing.key";
inline constexpr const char* k_verifier_key_file = "verifier.key";
inline constexpr const char* k_checkpoint_file = "checkpoint";
// The origin given to a workspace created without one: the reserved .invalid
// domain (RFC 2606) says it names no published log; 16 random hex digits follow.
inline constexpr const char* k_placeholder_origin_prefix = "local.fairdraw.invalid/";

struct InitOptions {
    std::string origin;  // the log's origin line and key name, e.g. "fairdraw.example.gov.cn/log";
                         // empty: a placeholder, k_placeholder_origin_prefix + 16 random hex digits
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
    // log entries it appended and the checkpoint signed over them. If `body`
    // fails or throws, or the log cannot be sealed (the signing key cannot be
    // opened, the database is older than the checkpoint file, the stored log
    // was changed outside fairdraw), everything is rolled back and the error
    // returned.
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
    // Appends a log entry {"actor","index","payload","time","type","v"}
    // (docs/SPEC.md §4.2; payload must be a JSON object) and returns its index
    // (0-based position in the log). The change signs a checkpoint over all its
    // entries when it commits.
    Result<std::uint64_t> log(const std::string& type, const Json& payload);
    std::int64_t time() const { return m_time; }

  private:
    friend class Workspace;
    Change(SQLite::Database& db, std::string actor, std::int64_t time)
        : m_db(db), m_actor(std::move(actor)), m_time(time) {}
    SQLite::Database& m_db;
    std::string m_actor;
    std::int64_t m_time;
    std::uint64_t m_appended = 0;
};

// The user name recorded as actor when none is given: $FAIRDRAW_ACTOR, else the
// login name, else "unknown".
std::string default_actor();

}  // namespace fairdraw
