#include "csv_writer.h"

#include <cerrno>
#include <cstring>
#include <system_error>

namespace fairdraw::gen {
namespace {

constexpr std::size_t k_buffer_size = std::size_t{1} << 20;

bool needs_quotes(std::string_view field) {
    return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

std::string describe_errno() {
    return std::strerror(errno);
}

}  // namespace

CsvWriter::CsvWriter(std::filesystem::path path) : m_path(std::move(path)) {
    m_partial = m_path;
    m_partial += ".partial";
}

CsvWriter::~CsvWriter() {
    if (m_file != nullptr) {
        std::fclose(m_file);
        std::error_code ignored;
        std::filesystem::remove(m_partial, ignored);
    }
}

Status CsvWriter::open() {
    m_file = std::fopen(m_partial.c_str(), "wb");
    if (m_file == nullptr)
        return Error::environment("cannot create " + m_partial.string() + ": " + describe_errno(),
                                  "check that the folder exists and is writable");
    std::setvbuf(m_file, nullptr, _IOFBF, k_buffer_size);
    return {};
}

void CsvWriter::write_row(std::span<const std::string_view> fields) {
    m_line.clear();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) m_line += ',';
        const std::string_view field = fields[i];
        if (!needs_quotes(field)) {
            m_line += field;
            continue;
        }
        m_line += '"';
        for (char c : field) {
            if (c == '"') m_line += '"';
            m_line += c;
        }
        m_line += '"';
    }
    m_line += '\n';
    std::fwrite(m_line.data(), 1, m_line.size(), m_file);  // errors are sticky: checked in finish()
}

Status CsvWriter::finish() {
    const bool write_failed = std::ferror(m_file) != 0;
    const bool close_failed = std::fclose(m_file) != 0;
    m_file = nullptr;
    std::error_code ec;
    if (write_failed || close_failed) {
        const std::string reason = describe_errno();
        std::filesystem::remove(m_partial, ec);
        return Error::environment("cannot write " + m_path.string() + ": " + reason,
                                  "check the free space and permissions of the folder");
    }
    std::filesystem::rename(m_partial, m_path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(m_partial, ignored);
        return Error::environment("cannot move " + m_partial.string() + " to " + m_path.string() +
                                  ": " + ec.message());
    }
    return {};
}

}  // namespace fairdraw::gen
