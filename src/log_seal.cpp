#include "log_seal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "log_entry.h"

namespace fairdraw::detail {
namespace {

namespace fs = std::filesystem;

Error tampered(const std::string& message) {
    return Error::verification_failed(message, "run 'fairdraw log verify' to see what changed");
}

Status write_all(int fd, std::string_view data) {
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return Error::environment(std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    return {};
}

}  // namespace

Status write_checkpoint_file(const fs::path& dir, std::string_view note) {
    fs::path target = dir / k_checkpoint_file_name;
    std::string temp_prefix = std::string(".") + k_checkpoint_file_name + ".tmp-";
    // Temporary files of writers killed mid-write; the caller holds the writer lock, so none is in
    // use.
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(dir.empty() ? fs::path(".") : dir, ec))
        if (item.path().filename().string().rfind(temp_prefix, 0) == 0) fs::remove(item.path(), ec);
    fs::path temp = dir / (temp_prefix + std::to_string(::getpid()));
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return Error::environment("cannot create " + temp.string() + ": " + std::strerror(errno));
    Status status = write_all(fd, note);
    if (status && ::fsync(fd) != 0) status = Error::environment(std::strerror(errno));
    if (::close(fd) != 0 && status) status = Error::environment(std::strerror(errno));
    if (status && ::rename(temp.c_str(), target.c_str()) != 0)
        status = Error::environment(std::strerror(errno));
    if (!status) {
        ::unlink(temp.c_str());
        return Error::environment("cannot write " + target.string() + ": " +
                                  status.error().message);
    }
    int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return {};
}

Result<CheckpointFileState> check_checkpoint_file(LogStore& store, const VerifierKey& key,
                                                  const std::optional<StoredCheckpoint>& latest,
                                                  const fs::path& dir, FileCheck purpose,
                                                  bool verified_latest) {
    fs::path file = dir / k_checkpoint_file_name;
    CheckpointFileState state;
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        // A new workspace, or an init interrupted between its commit and the file write.
        FD_ASSIGN(std::uint64_t signed_count, store.checkpoint_count());
        if (signed_count <= 1) return state;
        Error missing =
            Error::environment("the checkpoint file " + file.string() +
                                   " is missing; it holds the last signed checkpoint, so that a "
                                   "database restored from an old backup "
                                   "is noticed",
                               "copy it back from a backup of this workspace or from an export of "
                               "its log (DIR/checkpoint); "
                               "fairdraw accepts it when the database proves consistent with it");
        if (purpose == FileCheck::verification) missing.kind = ErrorKind::verification_failed;
        return missing;
    }
    std::string text;
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) return Error::environment("cannot read the checkpoint file " + file.string());
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    // The usual case: the file holds the database's latest checkpoint, byte for
    // byte, whose signature the caller has verified (one Ed25519 verification, not two).
    if (verified_latest && latest && text == latest->note) {
        auto same = parse_checkpoint(text.substr(0, text.rfind("\n\n") + 1));
        if (!same) return std::move(same).error();
        state.present = true;
        state.checkpoint = *same;
        return state;
    }
    auto opened = open_checkpoint(text, key);
    if (!opened)
        return Error::verification_failed(
            "the checkpoint file " + file.string() +
            " is not a valid signed checkpoint of this log: " + opened.error().message);
    state.present = true;
    state.checkpoint = *opened;
    std::uint64_t file_size = state.checkpoint.size;
    if (file_size == 0)
        return tampered("the checkpoint file signs an empty tree, which fairdraw never signs");
    std::uint64_t db_size = latest ? latest->size : 0;
    if (file_size > db_size) {
        Error ahead = Error::environment(
            "the database is older than the log's last signed checkpoint: the checkpoint file " +
                file.string() + " signs " + std::to_string(file_size) +
                " entries, the database's latest checkpoint only " + std::to_string(db_size) +
                " (was fairdraw.db restored from an old backup?)",
            "fairdraw will not add to an older copy of the log, because that would fork what it "
            "already signed; "
            "restore the newest copy of fairdraw.db");
        if (purpose == FileCheck::verification) ahead.kind = ErrorKind::verification_failed;
        return ahead;
    }
    if (file_size == db_size) {
        if (state.checkpoint.root != latest->root)
            return tampered(
                "the checkpoint file and the database sign different trees of the same size " +
                std::to_string(file_size) + ": the database was replaced or the log was forked");
        return state;
    }
    StoreReader reader(store);
    auto proof = merkle::consistency_proof(reader, file_size, db_size);
    if (!proof) return std::move(proof).error();
    auto consistent =
        merkle::verify_consistency(file_size, db_size, *proof, state.checkpoint.root, latest->root);
    if (!consistent)
        return tampered("the database is not consistent with the checkpoint file (size " +
                        std::to_string(file_size) + "): " + consistent.error().message);
    return state;
}

Result<std::string> seal_log(SQLite::Database& db, const fs::path& dir,
                             const KeyProvider& key_provider) {
    LogStore store(db);
    StoreReader reader(store);
    FD_ASSIGN(LogIdentity identity, store.identity());
    FD_ASSIGN(const SigningKey* key, key_provider(identity));
    if (key->verifier_key() != identity.key)
        return Error::environment("the signing key is not this log's key: entry 0 records " +
                                  identity.key.text() + ", the key file holds " +
                                  key->verifier_key().text());
    FD_ASSIGN(auto latest, store.latest_checkpoint());
    FD_ASSIGN(std::uint64_t count, store.entry_count());
    std::uint64_t old_size = latest ? latest->size : 0;
    if (count <= old_size)
        return tampered("the log holds " + std::to_string(count) +
                        " entries but its last checkpoint signs " + std::to_string(old_size));

    // The last signed checkpoint is intact, and the stored tree still has its root.
    Hash old_root = merkle::empty_root();
    if (latest) {
        auto signed_cp = open_own_checkpoint(latest->note, *key);
        if (!signed_cp)
            return tampered("the last signed checkpoint (size " + std::to_string(old_size) +
                            ") does not verify: " + signed_cp.error().message);
        if (signed_cp->size != latest->size || signed_cp->root != latest->root)
            return tampered(
                "the stored size or root of the last checkpoint differs from what it signs");
        old_root = latest->root;
    }
    // The checkpoint file is not ahead of the database and agrees with it.
    FD_TRY(check_checkpoint_file(store, identity.key, latest, dir, FileCheck::before_append, true));

    FD_ASSIGN(merkle::RootBuilder builder, merkle::builder_at(reader, old_size));
    if (builder.root() != old_root)
        return tampered("the stored tree no longer has the root signed at size " +
                        std::to_string(old_size));
    Status node_status;
    for (std::uint64_t idx = old_size; idx < count; ++idx) {
        FD_ASSIGN(std::string data, store.entry(idx));  // re-read and re-hashed
        FD_TRY(check_entry_envelope(data, idx));
        builder.add(merkle::leaf_hash(data),
                    [&](unsigned level, std::uint64_t index, const Hash& hash) {
                        if (node_status) node_status = store.put_node(level, index, hash);
                    });
        FD_TRY(node_status);
    }
    Hash new_root = builder.root();

    // Never sign a tree that cannot be proven to extend the last signed one.
    FD_ASSIGN(auto proof, merkle::consistency_proof(reader, old_size, count));
    auto consistent = merkle::verify_consistency(old_size, count, proof, old_root, new_root);
    if (!consistent)
        return tampered(
            "the new tree cannot be proven consistent with the checkpoint signed at size " +
            std::to_string(old_size) + ": " + consistent.error().message);

    Checkpoint checkpoint{identity.origin, count, new_root, {}};
    FD_ASSIGN(std::string note, sign_checkpoint(checkpoint, *key));
    FD_TRY(store.put_checkpoint({count, new_root, note}));
    return note;
}

}  // namespace fairdraw::detail
