#include "fairdraw/workspace.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <thread>

#include "fairdraw/clock.h"
#include "fairdraw/key.h"
#include "fairdraw/merkle.h"
#include "log_seal.h"
#include "schema.h"

namespace fairdraw {

namespace fs = std::filesystem;

struct Workspace::Impl {
    fs::path dir;
    std::string actor;
    std::string passphrase;
    SQLite::Database db;
    std::optional<SigningKey> key;  // loaded on the first change that appends
    Impl(fs::path d, std::string a, std::string p, int flags)
        : dir(std::move(d)),
          actor(std::move(a)),
          passphrase(std::move(p)),
          db((dir / k_database_file).string(), flags) {}
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() { OPENSSL_cleanse(passphrase.data(), passphrase.size()); }
};

namespace {

constexpr int k_log_entry_version = 1;
constexpr auto k_writer_wait = std::chrono::seconds(10);

// Larger pages than SQLite's 4 KiB default: a snapshot import writes hundreds of
// megabytes, and each page costs several system calls in WAL mode. Takes
// effect only when the database file is created (before WAL is switched on).
constexpr int k_page_size = 16384;

void configure(SQLite::Database& db, bool creating) {
    db.setBusyTimeout(10000);  // first: even switching to WAL waits for a lock
    if (creating) db.exec("PRAGMA page_size=" + std::to_string(k_page_size));
    db.exec("PRAGMA journal_mode=WAL");
    // FULL: a command that reported success survives a power cut, not only a kill.
    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA foreign_keys=ON");
}

int read_user_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

// Serialises writers of one workspace across processes for the whole change,
// including the checkpoint file written after the commit, so that an older
// checkpoint never replaces a newer one. A lock on the folder itself: it
// never touches the database file, whose POSIX locks belong to SQLite.
class WriterLock {
  public:
    WriterLock() = default;
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;
    ~WriterLock() {
        if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
    }
    Status acquire(const fs::path& dir) {
        m_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_fd < 0)
            return Error::environment("cannot open the workspace folder " + dir.string() + ": " +
                                      std::strerror(errno));
        auto deadline = std::chrono::steady_clock::now() + k_writer_wait;
        while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK && errno != EINTR)
                return Error::environment("cannot lock the workspace folder " + dir.string() +
                                          ": " + std::strerror(errno));
            if (std::chrono::steady_clock::now() > deadline)
                return Error::environment(
                    "another fairdraw command has been changing this workspace for " +
                        std::to_string(k_writer_wait.count()) + " seconds",
                    "wait for it to finish, then try again");
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return {};
    }

  private:
    int m_fd = -1;
};

Status write_new_text_file(const fs::path& file, std::string_view text) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return Error::environment("cannot create " + file.string() + ": " + std::strerror(errno));
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
              ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok)
        return Error::environment("cannot write " + file.string() + ": " + std::strerror(errno));
    return {};
}

std::string placeholder_origin() {
    std::uint8_t random[8] = {};
    if (RAND_bytes(random, sizeof random) != 1) std::memset(random, 0, sizeof random);
    return k_placeholder_origin_prefix + to_hex(ByteView(random, sizeof random));
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

const fs::path& Workspace::dir() const {
    return m_impl->dir;
}
const std::string& Workspace::actor() const {
    return m_impl->actor;
}
SQLite::Database& Workspace::db() {
    return m_impl->db;
}
int Workspace::schema_version() const {
    return read_user_version(m_impl->db);
}

Result<std::uint64_t> Change::log(const std::string& type, const Json& payload) {
    if (type.empty()) return Error::bad_input("internal error: a log entry needs a type");
    if (!payload.is_object())
        return Error::bad_input("internal error: the payload of a " + type +
                                " log entry is not a JSON object");
    auto next = m_db.execAndGet("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entry").getInt64();
    Json entry = {{"v", k_log_entry_version},   {"index", next},    {"type", type},
                  {"time", format_utc(m_time)}, {"actor", m_actor}, {"payload", payload}};
    FD_ASSIGN(std::string data, canonical_json(entry));
    Hash leaf = merkle::leaf_hash(data);
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
    WriterLock lock;
    FD_TRY(lock.acquire(m_impl->dir));
    try {
        db.exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
        return Error::environment(
            std::string("cannot start a transaction on the workspace database: ") + e.what(),
            "another fairdraw command may be writing to this workspace; try again");
    }
    detail::KeyProvider key =
        [this](const detail::LogIdentity& identity) -> Result<const SigningKey*> {
        if (!m_impl->key) {
            FD_ASSIGN(SigningKey loaded, SigningKey::load(m_impl->dir / k_signing_key_file,
                                                          identity.origin, m_impl->passphrase));
            m_impl->key = std::move(loaded);
        }
        return &*m_impl->key;
    };
    Change change(db, m_impl->actor, now_seconds());
    int changes_before = db.getTotalChanges();
    std::string sealed;
    Status status;
    try {
        status = body(change);
        if (status && change.m_appended > 0) {
            auto note = detail::seal_log(db, m_impl->dir, key);
            if (note)
                sealed = std::move(note).value();
            else
                status = std::move(note).error();
        } else if (status && db.getTotalChanges() != changes_before) {
            status = Error::environment(
                "internal error: a change wrote to the workspace without a log entry");
        }
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
        return status;
    }
    if (!sealed.empty()) {
        auto written = detail::write_checkpoint_file(m_impl->dir, sealed);
        if (!written)
            return Error::environment(
                "the change was recorded and signed, but " + written.error().message,
                "the next change rewrites the checkpoint file; check the folder's "
                "permissions and free space");
    }
    return {};
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

void remove_workspace_files(const fs::path& dir) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(dir / (std::string(k_database_file) + suffix), ec);
    for (const char* name : {k_signing_key_file, k_verifier_key_file, k_checkpoint_file})
        fs::remove(dir / name, ec);
}

}  // namespace

Result<Workspace> Workspace::init(const fs::path& dir, const InitOptions& options) {
    std::string origin = options.origin.empty() ? placeholder_origin() : options.origin;
    if (auto problem = key_name_problem(origin); !problem.empty())
        return Error::bad_input(
            "'" + origin + "' cannot be the log's origin: " + problem,
            "use a name like fairdraw.example-district.gov.cn/log (no spaces, no '+')");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Error::environment("cannot create folder " + dir.string() + ": " + ec.message());
    if (fs::exists(dir / k_database_file))
        return Error::bad_input(
            "a workspace already exists in " + dir.string(),
            "use it with --workspace " + dir.string() + ", or choose another folder");
    for (const char* name : {k_signing_key_file, k_verifier_key_file, k_checkpoint_file})
        if (fs::exists(dir / name))
            return Error::bad_input(
                "there is already a " + std::string(name) + " in " + dir.string() +
                    ", but no workspace database; fairdraw never overwrites a key",
                "if an earlier 'fairdraw init' was interrupted, remove signing.key, verifier.key "
                "and checkpoint, then run init again; otherwise choose another folder");
    FD_ASSIGN(SigningKey key, SigningKey::generate(origin));
    FD_TRY(key.save(dir / k_signing_key_file, options.passphrase));
    std::string verifier = key.verifier_key().text();
    auto fail = [&](Error error) -> Error {
        remove_workspace_files(dir);
        return error;
    };
    if (auto written = write_new_text_file(dir / k_verifier_key_file, verifier + "\n"); !written)
        return fail(std::move(written).error());
    std::unique_ptr<Impl> impl;
    try {
        impl = std::make_unique<Impl>(
            dir, options.actor, options.passphrase,
            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
        configure(impl->db, true);
    } catch (const SQLite::Exception& e) {
        impl.reset();
        return fail(Error::environment("cannot create the workspace database in " + dir.string() +
                                       ": " + e.what()));
    }
    impl->key = std::move(key);
    Workspace ws(std::move(impl));
    auto status =
        migrate(ws, 0, "workspace.init", Json{{"origin", origin}, {"verifier_key", verifier}});
    if (!status) {
        ws.m_impl.reset();
        return fail(std::move(status).error());
    }
    return ws;
}

Result<Workspace> Workspace::open(const fs::path& dir, const OpenOptions& options) {
    if (!fs::exists(dir / k_database_file))
        return Error::bad_input(
            "no workspace in " + (dir.empty() ? std::string(".") : dir.string()) +
                " (there is no " + k_database_file + ")",
            "create one with 'fairdraw init DIR', or point to one with --workspace DIR");
    if (fs::exists(dir / k_signing_key_file))
        FD_TRY(check_private_key_file(dir / k_signing_key_file));
    std::unique_ptr<Impl> impl;
    try {
        // NOMUTEX: a workspace connection is used by one thread at a time.
        impl = std::make_unique<Impl>(dir, options.actor, options.passphrase,
                                      SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
        configure(impl->db, false);
    } catch (const SQLite::Exception& e) {
        return Error::environment("cannot open the workspace database " +
                                  (dir / k_database_file).string() + ": " + e.what());
    }
    Workspace ws(std::move(impl));
    int version = 0;
    try {
        version = read_user_version(ws.db());
    } catch (const SQLite::Exception& e) {
        return Error::environment(
            "the workspace database cannot be read: " + std::string(e.what()),
            "is " + (dir / k_database_file).string() + " a fairdraw database?");
    }
    int latest = detail::latest_schema_version();
    if (version > latest)
        return Error::environment("the workspace has schema version " + std::to_string(version) +
                                      ", newer than this fairdraw understands (" +
                                      std::to_string(latest) + ")",
                                  "use a newer fairdraw release");
    if (version < 1)
        return Error::environment(
            "the workspace database is not initialised (schema version 0)",
            "it may come from an interrupted 'fairdraw init'; remove it and run init again");
    if (version < latest) FD_TRY(migrate(ws, version, "workspace.migrate", Json::object()));
    return ws;
}

}  // namespace fairdraw
