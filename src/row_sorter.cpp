#include "row_sorter.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <memory>
#include <queue>

namespace fairdraw::detail {
namespace {

// A row in a run file: this header, then the ID bytes, then the data bytes.
struct RecordHeader {
    std::uint32_t id_size;
    std::uint32_t data_size;
    std::uint64_t line;
    std::uint64_t item;
};

constexpr std::size_t k_write_buffer = 4 << 20;

Error temp_error(const std::filesystem::path& dir, const char* what) {
    return Error::environment(
        std::string("cannot ") + what + " a temporary file in " + dir.string() + ": " +
            std::strerror(errno),
        "large directories are sorted on disk next to the workspace database; free some space");
}

struct Current {
    std::string_view id;
    std::string_view data;
    RowPlace place;
};

class Cursor {
  public:
    virtual ~Cursor() = default;
    // Moves to the next row; false at the end.
    virtual Result<bool> next() = 0;
    Current current;
};

class MemoryCursor : public Cursor {
  public:
    MemoryCursor(std::size_t count, std::function<Current(std::size_t)> at)
        : m_count(count), m_at(std::move(at)) {}
    Result<bool> next() override {
        if (m_index >= m_count) return false;
        current = m_at(m_index++);
        return true;
    }

  private:
    std::size_t m_count;
    std::size_t m_index = 0;
    std::function<Current(std::size_t)> m_at;
};

class FileCursor : public Cursor {
  public:
    FileCursor(int fd, std::uint64_t offset, std::uint64_t bytes, std::size_t buffer,
               std::filesystem::path dir)
        : m_fd(fd), m_pos(offset), m_end(offset + bytes), m_buf(buffer), m_dir(std::move(dir)) {}

    Result<bool> next() override {
        m_start += m_consumed;
        m_consumed = 0;
        if (m_pos == m_end && m_start == m_len) return false;
        FD_TRY(fill(sizeof(RecordHeader)));
        RecordHeader h;
        std::memcpy(&h, m_buf.data() + m_start, sizeof h);
        const std::size_t size = sizeof h + h.id_size + h.data_size;
        FD_TRY(fill(size));
        const char* p = m_buf.data() + m_start + sizeof h;
        current = Current{std::string_view(p, h.id_size),
                          std::string_view(p + h.id_size, h.data_size), RowPlace{h.line, h.item}};
        m_consumed = size;
        return true;
    }

  private:
    // Makes `need` bytes available from m_start.
    Status fill(std::size_t need) {
        if (m_len - m_start >= need) return {};
        std::memmove(m_buf.data(), m_buf.data() + m_start, m_len - m_start);
        m_len -= m_start;
        m_start = 0;
        if (m_buf.size() < need) m_buf.resize(need);
        while (m_len < need) {
            const auto want = static_cast<std::size_t>(
                std::min<std::uint64_t>(m_buf.size() - m_len, m_end - m_pos));
            if (want == 0)
                return Error::environment("a temporary sort file in " + m_dir.string() +
                                          " is truncated");
            ssize_t r = ::pread(m_fd, m_buf.data() + m_len, want, static_cast<off_t>(m_pos));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) return temp_error(m_dir, "read");
            m_len += static_cast<std::size_t>(r);
            m_pos += static_cast<std::uint64_t>(r);
        }
        return {};
    }

    int m_fd;
    std::uint64_t m_pos, m_end;
    std::vector<char> m_buf;
    std::size_t m_start = 0, m_len = 0, m_consumed = 0;
    std::filesystem::path m_dir;
};

// Eight bytes of `id` from `from` as a big-endian number, zero-padded: comparing
// these numbers orders IDs as byte strings whenever they differ.
std::uint64_t prefix_key(std::string_view id, std::size_t from) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        key <<= 8;
        if (from + i < id.size()) key |= static_cast<unsigned char>(id[from + i]);
    }
    return key;
}

int open_temp_file(const std::filesystem::path& dir) {
#ifdef O_TMPFILE
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
#endif
    std::string name = (dir / "fairdraw-sort-XXXXXX").string();
    int fallback = ::mkstemp(name.data());
    if (fallback >= 0) ::unlink(name.c_str());
    return fallback;
}

}  // namespace

RowSorter::Arena::~Arena() {
    if (m_base != nullptr) ::munmap(m_base, m_capacity);
}

Status RowSorter::Arena::reserve(std::size_t capacity) {
    if (capacity <= m_capacity) return {};
    assert(m_size == 0);
    if (m_base != nullptr) ::munmap(m_base, m_capacity);
    void* p = ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        m_base = nullptr;
        m_capacity = 0;
        return Error::environment("cannot reserve " + std::to_string(capacity >> 20) +
                                  " MiB of memory for sorting rows: " + std::strerror(errno));
    }
    m_base = static_cast<char*>(p);
    m_capacity = capacity;
    return {};
}

void RowSorter::Arena::append(std::string_view bytes) {
    assert(m_size + bytes.size() <= m_capacity);
    std::memcpy(m_base + m_size, bytes.data(), bytes.size());
    m_size += bytes.size();
}

RowSorter::RowSorter(std::filesystem::path temp_dir, std::size_t memory_budget)
    : m_temp_dir(std::move(temp_dir)), m_budget(memory_budget) {}

RowSorter::~RowSorter() {
    if (m_fd >= 0) ::close(m_fd);
}

Status RowSorter::add(std::string_view id, std::string_view data, RowPlace place) {
    const std::size_t size = id.size() + data.size();
    const std::size_t refs_bytes = (m_refs.size() + 1) * sizeof(Ref);
    // The budget is shared by the rows and their references; one row larger than that still fits.
    if (!m_refs.empty() && (m_arena.size() + size + refs_bytes > m_budget ||
                            m_arena.size() + size > m_arena.capacity()))
        FD_TRY(spill());
    FD_TRY(m_arena.reserve(std::max(m_budget, size)));
    Ref ref{{prefix_key(id, 0), prefix_key(id, 8)},
            m_arena.size(),
            static_cast<std::uint32_t>(id.size()),
            static_cast<std::uint32_t>(data.size()),
            place};
    m_refs.push_back(ref);
    m_arena.append(id);
    m_arena.append(data);
    m_sorted = false;
    ++m_count;
    return {};
}

void RowSorter::prepare() {
    sort_memory();
}

void RowSorter::sort_memory() {
    if (m_sorted) return;
    const char* base = m_arena.data();
    // Ties go to input order (the arena offset), so a duplicate is reported against the first row.
    std::sort(m_refs.begin(), m_refs.end(), [base](const Ref& a, const Ref& b) {
        if (a.key[0] != b.key[0]) return a.key[0] < b.key[0];
        if (a.key[1] != b.key[1]) return a.key[1] < b.key[1];
        const int c = std::string_view(base + a.offset, a.id_size)
                          .compare(std::string_view(base + b.offset, b.id_size));
        return c != 0 ? c < 0 : a.offset < b.offset;
    });
    m_sorted = true;
}

Status RowSorter::write_all(std::string_view bytes, std::uint64_t offset) {
    while (!bytes.empty()) {
        ssize_t w = ::pwrite(m_fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return temp_error(m_temp_dir, "write");
        bytes.remove_prefix(static_cast<std::size_t>(w));
        offset += static_cast<std::uint64_t>(w);
    }
    return {};
}

Status RowSorter::spill() {
    if (m_fd < 0) {
        m_fd = open_temp_file(m_temp_dir);
        if (m_fd < 0) return temp_error(m_temp_dir, "create");
    }
    sort_memory();
    const Run run{m_file_size, 0};
    std::string out;
    out.reserve(k_write_buffer);
    for (const Ref& ref : m_refs) {
        RecordHeader h{ref.id_size, ref.data_size, ref.place.line, ref.place.item};
        out.append(reinterpret_cast<const char*>(&h), sizeof h);
        out.append(m_arena.data() + ref.offset, std::size_t{ref.id_size} + ref.data_size);
        if (out.size() >= k_write_buffer) {
            FD_TRY(write_all(out, m_file_size));
            m_file_size += out.size();
            out.clear();
        }
    }
    FD_TRY(write_all(out, m_file_size));
    m_file_size += out.size();
    m_runs.push_back(Run{run.offset, m_file_size - run.offset});
    m_arena.clear();
    m_refs.clear();
    return {};
}

Status RowSorter::for_each(const Visitor& visit) const {
    assert(m_sorted);
    const char* base = m_arena.data();
    auto at = [this, base](std::size_t i) {
        const Ref& r = m_refs[i];
        return Current{std::string_view(base + r.offset, r.id_size),
                       std::string_view(base + r.offset + r.id_size, r.data_size), r.place};
    };
    if (m_runs.empty()) {
        constexpr std::size_t k_ahead = 8;  // rows are scattered in the arena: fetch ahead
        for (std::size_t i = 0; i < m_refs.size(); ++i) {
            if (i + k_ahead < m_refs.size()) {
                const char* next = base + m_refs[i + k_ahead].offset;
                __builtin_prefetch(next);
                __builtin_prefetch(next + 64);
            }
            const Current c = at(i);
            FD_TRY(visit(c.id, c.data, c.place));
        }
        return {};
    }
    // k-way merge of the runs on disk and the rows still in memory (the latest input).
    std::vector<std::unique_ptr<Cursor>> cursors;
    const std::size_t buffer =
        std::clamp<std::size_t>(m_budget / (m_runs.size() + 1) / 4, 64 << 10, 4 << 20);
    for (const Run& run : m_runs)
        cursors.push_back(
            std::make_unique<FileCursor>(m_fd, run.offset, run.bytes, buffer, m_temp_dir));
    cursors.push_back(std::make_unique<MemoryCursor>(m_refs.size(), at));
    auto later = [&](std::size_t a,
                     std::size_t b) {  // heap order: smallest ID, then earliest run, on top
        int c = cursors[a]->current.id.compare(cursors[b]->current.id);
        return c != 0 ? c > 0 : a > b;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heap(later);
    for (std::size_t i = 0; i < cursors.size(); ++i) {
        FD_ASSIGN(bool any, cursors[i]->next());
        if (any) heap.push(i);
    }
    while (!heap.empty()) {
        const std::size_t i = heap.top();
        heap.pop();
        const Current& c = cursors[i]->current;
        FD_TRY(visit(c.id, c.data, c.place));
        FD_ASSIGN(bool more, cursors[i]->next());
        if (more) heap.push(i);
    }
    return {};
}

}  // namespace fairdraw::detail
