// row_sorter.h — sorting directory rows by ID within a fixed memory budget.
//
// Rows are added in input order (ID, canonical bytes, place). While they fit
// in the budget they stay in memory; beyond it, each full buffer is sorted and
// written as a run to an unnamed temporary file (O_TMPFILE, or a file
// unlinked as soon as it is created), and the runs are merged when read. The
// rows can then be visited in ID order (ties in input order) as many times as
// needed, reading the temporary file sequentially. Memory use does not grow
// with the number of rows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/directory.h"
#include "fairdraw/result.h"

namespace fairdraw::detail {

class RowSorter {
  public:
    using Visitor =
        std::function<Status(std::string_view id, std::string_view data, RowPlace place)>;

    // temp_dir: where a temporary file is created if the budget is exceeded.
    RowSorter(std::filesystem::path temp_dir, std::size_t memory_budget);
    ~RowSorter();
    RowSorter(const RowSorter&) = delete;
    RowSorter& operator=(const RowSorter&) = delete;

    Status add(std::string_view id, std::string_view data, RowPlace place);
    // Ends the input: sorts what is in memory. Call before for_each.
    void prepare();
    // Visits every row in ID order; stops at the first failing visit. Once
    // prepared, several threads may walk the rows at the same time.
    Status for_each(const Visitor& visit) const;

    std::uint64_t size() const { return m_count; }
    std::size_t runs_written() const { return m_runs.size(); }

  private:
    struct Ref {
        std::uint64_t
            key[2];  // the ID's first 16 bytes, big-endian, zero-padded: most comparisons end here
        std::uint64_t offset;  // in m_arena; also the input order
        std::uint32_t id_size;
        std::uint32_t data_size;
        RowPlace place;
    };
    struct Run {
        std::uint64_t offset;  // in the temporary file
        std::uint64_t bytes;
    };

    // A fixed anonymous mapping: pages become resident only when written.
    class Arena {
      public:
        Arena() = default;
        ~Arena();
        Arena(const Arena&) = delete;
        Arena& operator=(const Arena&) = delete;
        Status reserve(std::size_t capacity);
        std::size_t size() const { return m_size; }
        std::size_t capacity() const { return m_capacity; }
        const char* data() const { return m_base; }
        void append(std::string_view bytes);  // the caller checks the room
        void clear() { m_size = 0; }

      private:
        char* m_base = nullptr;
        std::size_t m_capacity = 0;
        std::size_t m_size = 0;
    };

    void sort_memory();
    Status spill();
    Status write_all(std::string_view bytes, std::uint64_t offset);

    std::filesystem::path m_temp_dir;
    std::size_t m_budget;
    Arena m_arena;
    std::vector<Ref> m_refs;
    bool m_sorted = true;
    std::vector<Run> m_runs;
    std::uint64_t m_file_size = 0;
    int m_fd = -1;
    std::uint64_t m_count = 0;
};

}  // namespace fairdraw::detail
