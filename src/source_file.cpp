#include "source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fairdraw::detail {

Result<SourceFile> SourceFile::open(const std::filesystem::path& path, std::string name) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error::bad_input("cannot open " + name + ": " + std::strerror(errno),
                                "check the file name; paths are relative to the current folder");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return Error::bad_input("cannot import " + name + ": it is not a regular file");
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return SourceFile(fd, static_cast<std::uint64_t>(st.st_size), std::move(name));
}

SourceFile::SourceFile(SourceFile&& other) noexcept
    : m_fd(other.m_fd),
      m_size(other.m_size),
      m_read(other.m_read),
      m_at_end(other.m_at_end),
      m_name(std::move(other.m_name)),
      m_buf(std::move(other.m_buf)),
      m_sha(std::move(other.m_sha)) {
    other.m_fd = -1;
}

SourceFile::~SourceFile() {
    if (m_fd >= 0) ::close(m_fd);
}

Status SourceFile::rewind() {
    if (::lseek(m_fd, 0, SEEK_SET) != 0)
        return Error::environment("cannot read " + m_name + " again: " + std::strerror(errno));
    m_read = 0;
    m_at_end = false;
    m_sha = Sha256();
    return {};
}

Result<std::string_view> SourceFile::read() {
    while (true) {
        ssize_t n = ::read(m_fd, m_buf.data(), m_buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error::environment("cannot read " + m_name + ": " + std::strerror(errno));
        if (n == 0) m_at_end = true;
        std::string_view chunk(m_buf.data(), static_cast<std::size_t>(n));
        m_sha.update(chunk);
        m_read += static_cast<std::uint64_t>(n);
        return chunk;
    }
}

}  // namespace fairdraw::detail
