// source_file.h — reading an input file in chunks, counting and hashing what was read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/hash.h"
#include "fairdraw/result.h"

namespace fairdraw::detail {

class SourceFile {
  public:
    static constexpr std::size_t k_chunk = 1 << 20;

    // Fails (bad input) when the file cannot be opened or is not a regular file.
    static Result<SourceFile> open(const std::filesystem::path& path, std::string name);
    SourceFile(SourceFile&& other) noexcept;
    SourceFile& operator=(SourceFile&&) = delete;
    ~SourceFile();

    // Starts again from the first byte; the hash and count restart too.
    Status rewind();
    // The next raw bytes; empty at the end of the file.
    Result<std::string_view> read();
    bool at_end() const { return m_at_end; }

    std::uint64_t size() const { return m_size; }  // at open
    std::uint64_t bytes_read() const { return m_read; }
    // SHA-256 of everything read since open or rewind; call once, at the end.
    Hash finish_hash() { return m_sha.finish(); }
    const std::string& name() const { return m_name; }

  private:
    SourceFile(int fd, std::uint64_t size, std::string name)
        : m_fd(fd), m_size(size), m_name(std::move(name)) {}

    int m_fd = -1;
    std::uint64_t m_size = 0;
    std::uint64_t m_read = 0;
    bool m_at_end = false;
    std::string m_name;
    std::vector<char> m_buf = std::vector<char>(k_chunk);
    Sha256 m_sha;
};

}  // namespace fairdraw::detail
