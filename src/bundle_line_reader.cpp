// LineReader: a file's lines, read on a second thread that also hashes the whole file.
#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>
#include <thread>

#include "bundle_internal.h"

namespace fairdraw::detail {

struct LineReader::Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> chunks;
    bool done = false, failed = false, stop = false;
    std::uint64_t size = 0;
    Hash sha256{};
};

LineReader::LineReader(const std::filesystem::path& file) : m_shared(std::make_shared<Shared>()) {
    m_thread = std::thread([shared = m_shared, file] {
        std::ifstream in(file, std::ios::binary);
        Sha256 hash;
        std::uint64_t size = 0;
        bool failed = !in;
        while (in && !failed) {
            std::string chunk(std::size_t{4} << 20, '\0');
            in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            chunk.resize(static_cast<std::size_t>(in.gcount()));
            if (chunk.empty()) break;
            hash.update(chunk);
            size += chunk.size();
            std::unique_lock lock(shared->mutex);
            shared->changed.wait(lock, [&] { return shared->chunks.size() < 4 || shared->stop; });
            if (shared->stop) break;
            shared->chunks.push_back(std::move(chunk));
            shared->changed.notify_all();
        }
        if (in.bad()) failed = true;
        std::lock_guard lock(shared->mutex);
        shared->size = size;
        shared->sha256 = hash.finish();
        shared->failed = failed;
        shared->done = true;
        shared->changed.notify_all();
    });
}

LineReader::~LineReader() {
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->stop = true;
        m_shared->changed.notify_all();
    }
    if (m_thread.joinable()) m_thread.join();
}

bool LineReader::next_chunk() {
    std::unique_lock lock(m_shared->mutex);
    m_shared->changed.wait(lock, [&] { return !m_shared->chunks.empty() || m_shared->done; });
    if (m_shared->chunks.empty()) return false;
    std::string chunk = std::move(m_shared->chunks.front());
    m_shared->chunks.pop_front();
    m_shared->changed.notify_all();
    lock.unlock();
    m_buffer.erase(0, m_pos);
    m_buffer += chunk;
    m_pos = 0;
    return true;
}

bool LineReader::next(std::string_view& line) {
    for (;;) {
        const auto end = m_buffer.find('\n', m_pos);
        if (end != std::string::npos) {
            line = std::string_view(m_buffer).substr(m_pos, end - m_pos);
            m_pos = end + 1;
            return true;
        }
        if (!next_chunk()) {
            if (m_pos < m_buffer.size()) {  // a last line without its newline
                m_unterminated = true;
                line = std::string_view(m_buffer).substr(m_pos);
                m_pos = m_buffer.size();
                return true;
            }
            return false;
        }
    }
}

Result<std::pair<std::uint64_t, Hash>> LineReader::finish() {
    {
        std::unique_lock lock(m_shared->mutex);
        // Drain: the file's hash covers every byte, read or not.
        while (!m_shared->done) {
            m_shared->chunks.clear();
            m_shared->changed.notify_all();
            m_shared->changed.wait(lock, [&] { return !m_shared->chunks.empty() || m_shared->done; });
        }
    }
    if (m_thread.joinable()) m_thread.join();
    if (m_shared->failed) return Error::bad_input("cannot read the file");
    return std::pair<std::uint64_t, Hash>{m_shared->size, m_shared->sha256};
}

}  // namespace fairdraw::detail
