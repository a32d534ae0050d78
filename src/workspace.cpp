#include "fairdraw/workspace.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <cstdlib>
#include <system_error>

#include "fairdraw/clock.h"
#include "fairdraw/hash.h"
#include "schema.h"

namespace fairdraw {

namespace fs = std::filesystem;

struct Workspace::Impl {
    fs::path dir;
    std::string actor;
    std::string passphrase;
    SQLite::Database db;
    Impl(fs::path d, std::string a, std::string p, int flags)
        : dir(std::move(d)), actor(std::move(a)), passphrase(std::move(p)), db((dir / k_database_file).string(), flags) {}
};

namespace {

constexpr int k_log_entry_version = 1;

void configure(SQLite::Database& db) {
    db.exec("PRAGMA journal_mode=WAL");
    // FULL: a command that reported success survives a power cut, not only a kill.
    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA foreign_keys=ON");
    db.setBusyTimeout(10000);
}

int read_user_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

}  // namespace

std::string default_actor() {
    if (const char* a = std::getenv("FAIRDRAW_ACTOR"); a != nullptr && *a != '\0') return a;
    if (const char* login = getlogin(); login != nullptr && *login != '\0') return login;
    if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
    return "unknown";
}

Workspace::Workspace(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;
Workspace::~Workspace() = default;

const fs::path& Workspace::dir() const { return m_impl->dir; }
const std::string& Workspace::actor() const { return m_impl->actor; }
SQLite::Database& Workspace::db() { return m_impl->db; }
int Workspace::schema_version() const { return read_user_version(m_impl->db); }

Result<std::uint64_t> Change::log(const std::string& type, const Json& payload) {
    auto next = m_db.execAndGet("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entry").getInt64();
    Json entry = {{"v", k_log_entry_version},
                  {"index", next},
                  {"type", type},
                  {"time", format_utc(m_time)},
                  {"actor", m_actor},
                  {"payload", payload}};
    FD_ASSIGN(std::string data, canonical_json(entry));
    Sha256 h;
    Hash leaf = h.update(std::uint8_t{0x00}).update(data).finish();
    SQLite::Statement insert(m_db, "INSERT INTO log_entry (idx, data, leaf_hash) VALUES (?, ?, ?)");
    insert.bind(1, next);
    insert.bind(2, data.data(), static_cast<int>(data.size()));
    insert.bind(3, leaf.data(), static_cast<int>(leaf.size()));
    insert.exec();
    ++m_appended;
    return static_cast<std::uint64_t>(next);
}

Status Workspace::change(const std::function<Status(Change&)>& body) {
    auto& db = m_impl->db;
    try {
        db.exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
        return Error::environment(std::string("cannot start a transaction on the workspace database: ") + e.what(),
                                  "another fairdraw command may be writing to this workspace; try again");
    }
    Change change(db, m_impl->actor, now_seconds());
    Status status;
    try {
        status = body(change);
        if (status) db.exec("COMMIT");
    } catch (const SQLite::Exception& e) {
        status = Error::environment(std::string("workspace database: ") + e.what());
    } catch (const std::exception& e) {
        status = Error::environment(std::string("unexpected failure: ") + e.what());
    }
    if (!status) {
        try {
            db.exec("ROLLBACK");
        } catch (const SQLite::Exception&) {
            // The transaction may already be gone (SQLite rolls back on some errors).
        }
    }
    return status;
}

namespace {

Status migrate(Workspace& ws, int from, const std::string& type, const Json& extra) {
    return ws.change([&](Change& change) -> Status {
        for (const auto& m : detail::migrations()) {
            if (m.version <= from) continue;
            change.db().exec(m.sql);
        }
        int to = detail::latest_schema_version();
        change.db().exec("PRAGMA user_version=" + std::to_string(to));
        Json payload = extra;
        payload["schema_from"] = from;
        payload["schema_to"] = to;
        FD_TRY(change.log(type, payload));
        return {};
    });
}

}  // namespace

Result<Workspace> Workspace::init(const fs::path& dir, const InitOptions& options) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Error::environment("cannot create folder " + dir.string() + ": " + ec.message());
    if (fs::exists(dir / k_database_file))
        return Error::bad_input("a workspace already exists in " + dir.string(),
                                "use it with --workspace " + dir.string() + ", or choose another folder");
    std::unique_ptr<Impl> impl;
    try {
        impl = std::make_unique<Impl>(dir, options.actor, options.passphrase,
                                      SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        configure(impl->db);
    } catch (const SQLite::Exception& e) {
        return Error::environment("cannot create the workspace database in " + dir.string() + ": " + e.what());
    }
    Workspace ws(std::move(impl));
    auto status = migrate(ws, 0, "workspace.init", Json{{"origin", options.origin}});
    if (!status) {
        ws.m_impl.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(dir / (std::string(k_database_file) + suffix), ec);
        return std::move(status).error();
    }
    return ws;
}

Result<Workspace> Workspace::open(const fs::path& dir, const OpenOptions& options) {
    if (!fs::exists(dir / k_database_file))
        return Error::bad_input("no workspace in " + (dir.empty() ? std::string(".") : dir.string()) +
                                    " (there is no " + k_database_file + ")",
                                "create one with 'fairdraw init DIR', or point to one with --workspace DIR");
    std::unique_ptr<Impl> impl;
    try {
        impl = std::make_unique<Impl>(dir, options.actor, options.passphrase, SQLite::OPEN_READWRITE);
        configure(impl->db);
    } catch (const SQLite::Exception& e) {
        return Error::environment("cannot open the workspace database " + (dir / k_database_file).string() + ": " +
                                  e.what());
    }
    Workspace ws(std::move(impl));
    int version = 0;
    try {
        version = read_user_version(ws.db());
    } catch (const SQLite::Exception& e) {
        return Error::environment("the workspace database cannot be read: " + std::string(e.what()),
                                  "is " + (dir / k_database_file).string() + " a fairdraw database?");
    }
    int latest = detail::latest_schema_version();
    if (version > latest)
        return Error::environment("the workspace has schema version " + std::to_string(version) +
                                      ", newer than this fairdraw understands (" + std::to_string(latest) + ")",
                                  "use a newer fairdraw release");
    if (version < 1)
        return Error::environment("the workspace database is not initialised (schema version 0)",
                                  "it may come from an interrupted 'fairdraw init'; remove it and run init again");
    if (version < latest) FD_TRY(migrate(ws, version, "workspace.migrate", Json::object()));
    return ws;
}

}  // namespace fairdraw
