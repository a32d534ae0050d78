// log export: the log as files that can be verified offline (docs/SPEC.md §4.8).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fairdraw/log.h"
#include "log_common.h"

namespace fairdraw::tlog {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_write_buffer = std::size_t{1} << 20;

// A file written through a buffer, synced before it is closed.
class OutputFile {
  public:
    explicit OutputFile(const fs::path& file) : m_path(file) {
        m_fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    }
    ~OutputFile() {
        if (m_fd >= 0) ::close(m_fd);
    }
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    Status write(std::string_view data) {
        m_buffer.append(data);
        if (m_buffer.size() >= k_write_buffer) return flush();
        return {};
    }
    Status close() {
        FD_TRY(flush());
        bool ok = ::fsync(m_fd) == 0;
        ok = ::close(m_fd) == 0 && ok;
        m_fd = -1;
        if (!ok) return failure();
        return {};
    }
    Status opened() const { return m_fd >= 0 ? Status{} : failure(); }

  private:
    Status flush() {
        std::size_t done = 0;
        while (done < m_buffer.size()) {
            ssize_t n = ::write(m_fd, m_buffer.data() + done, m_buffer.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return failure();
            done += static_cast<std::size_t>(n);
        }
        m_buffer.clear();
        return {};
    }
    Error failure() const {
        return Error::environment("cannot write " + m_path.string() + ": " + std::strerror(errno));
    }

    fs::path m_path;
    int m_fd = -1;
    std::string m_buffer;
};

Status write_file(const fs::path& file, std::string_view text) {
    OutputFile out(file);
    FD_TRY(out.opened());
    FD_TRY(out.write(text));
    return out.close();
}

void sync_folder(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

Status write_export(Workspace& ws, const fs::path& temp, std::uint64_t size,
                    const SignedCheckpoint& signed_tree, const VerifierKey& key) {
    detail::LogStore store(ws.db());
    {
        OutputFile entries(temp / k_export_entries);
        FD_TRY(entries.opened());
        for (std::uint64_t idx = 0; idx < size; ++idx) {
            FD_ASSIGN(std::string data, store.entry(idx));  // re-hashed
            FD_TRY(entries.write(data));
            FD_TRY(entries.write("\n"));
        }
        FD_TRY(entries.close());
    }
    FD_TRY(write_file(temp / k_export_checkpoint, signed_tree.note));
    FD_TRY(write_file(temp / k_export_verifier_key, key.text() + "\n"));
    sync_folder(temp);
    return {};
}

}  // namespace

Result<SignedCheckpoint> export_log(Workspace& ws, const fs::path& dir) {
    std::error_code ec;
    bool exists = fs::exists(dir, ec);
    if (exists && !fs::is_directory(dir, ec))
        return Error::bad_input(dir.string() + " exists and is not a folder",
                                "choose a new folder for the export");
    if (exists && !fs::is_empty(dir, ec))
        return Error::bad_input(dir.string() + " is not empty; an export never overwrites files",
                                "choose a new or empty folder for the export");
    detail::ReadTransaction tx(ws.db());
    FD_TRY(tx.status());
    detail::LogStore store(ws.db());
    FD_ASSIGN(auto identity, detail::workspace_identity(ws.dir(), store));
    FD_ASSIGN(SignedCheckpoint signed_tree,
              detail::signed_checkpoint(store, identity.key, std::nullopt));

    fs::path absolute = fs::absolute(dir, ec);
    fs::path parent = absolute.parent_path();
    std::string temp_name =
        ".";  // built step by step: GCC 12 warns falsely (-Wrestrict) on "." + string
    temp_name += absolute.filename().string();
    temp_name += ".tmp-" + std::to_string(::getpid());
    fs::path temp = parent / temp_name;
    fs::remove_all(temp, ec);
    if (!fs::create_directories(temp, ec))
        return Error::environment("cannot create " + temp.string() + ": " + ec.message());
    Status status = write_export(ws, temp, signed_tree.checkpoint.size, signed_tree, identity.key);
    if (status && exists) fs::remove(absolute, ec);  // an empty folder, replaced by the export
    if (status) {
        fs::rename(temp, absolute, ec);
        if (ec)
            status = Error::environment("cannot move the export into " + dir.string() + ": " +
                                        ec.message());
    }
    if (!status) {
        fs::remove_all(temp, ec);
        return std::move(status).error();
    }
    sync_folder(parent);
    return signed_tree;
}

}  // namespace fairdraw::tlog
