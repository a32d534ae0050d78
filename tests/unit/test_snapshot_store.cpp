#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "fairdraw/merkle.h"
#include "fairdraw/snapshot.h"
#include "fairdraw/snapshot_format.h"

using namespace fairdraw;
namespace fs = std::filesystem;

namespace {

struct TempWorkspace {
    fs::path dir;
    std::optional<Workspace> ws;
    TempWorkspace() {
        dir = fs::temp_directory_path() /
              ("fairdraw-unit-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::remove_all(dir);
        auto created = Workspace::init(dir, InitOptions{"fairdraw.test/log", "", "tester"});
        REQUIRE(created);
        ws.emplace(std::move(created).value());
    }
    ~TempWorkspace() {
        ws.reset();
        fs::remove_all(dir);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
        return dir / name;
    }
    static inline int counter = 0;
};

// 600 enterprises (more than two blocks of 256), codes from the GB 32100 check
// computed here the way DOMAIN.md §2 describes it, in reverse ID order.
std::string enterprises_csv(int n) {
    static constexpr std::string_view k_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static constexpr int k_weights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};
    std::string csv = "统一社会信用代码,企业名称,登记状态\n";
    for (int i = n - 1; i >= 0; --i) {
        // Organization code body 0000XXXX with its GB 11714 check character.
        char body[16];
        std::snprintf(body, sizeof body, "%08d", i);
        const int org_weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
        int s = 0;
        for (int k = 0; k < 8; ++k) s += (body[k] - '0') * org_weights[k];
        const int c = 11 - s % 11;
        const char org_check = c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
        std::string code = std::string("91320100") + body + org_check;
        int sum = 0;
        for (int k = 0; k < 17; ++k)
            sum +=
                static_cast<int>(k_alphabet.find(code[static_cast<std::size_t>(k)])) * k_weights[k];
        code += k_alphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
        csv += code + ",企业" + std::to_string(i) + ",存续\n";
    }
    return csv;
}

}  // namespace

TEST_CASE("an imported snapshot reads back in ID order with positions, and rows are found by ID",
          "[snapshot][store]") {
    TempWorkspace t;
    const auto file = t.write("e.csv", enterprises_csv(600));
    auto report = import_directory(*t.ws, DirectoryKind::enterprises, file, {});
    if (!report)
        FAIL(report.error().message
             << " " << (report.error().details.empty() ? "" : report.error().details[0].render()));
    CHECK_FALSE(report->already_imported);
    CHECK(report->snapshot.rows == 600);

    std::vector<std::string> ids;
    merkle::RootBuilder builder;
    REQUIRE(
        for_each_row(*t.ws, report->snapshot,
                     [&](std::uint64_t index, std::string_view id, std::string_view row) -> Status {
                         CHECK(index == ids.size());
                         CHECK(row.find(std::string(id)) != std::string_view::npos);
                         ids.emplace_back(id);
                         builder.add(merkle::leaf_hash(row));
                         return {};
                     }));
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(builder.root() == report->snapshot.root);

    for (std::size_t i : {std::size_t{0}, std::size_t{255}, std::size_t{256}, std::size_t{599}}) {
        auto row = find_row(*t.ws, report->snapshot, ids[i]);
        REQUIRE(row);
        REQUIRE(row->has_value());
        CHECK((*row)->index == i);
    }
    auto absent = find_row(*t.ws, report->snapshot, "91320100000000000");
    REQUIRE(absent);
    CHECK_FALSE(absent->has_value());
}

TEST_CASE("importing the same content again returns the existing snapshot and logs nothing",
          "[snapshot][store]") {
    TempWorkspace t;
    const std::string csv = enterprises_csv(40);
    auto first = import_directory(*t.ws, DirectoryKind::enterprises, t.write("a.csv", csv), {});
    REQUIRE(first);
    const auto log_size = t.ws->db().execAndGet("SELECT COUNT(*) FROM log_entry").getInt64();
    // The same rows in another order, with CRLF line ends: same root, nothing written.
    std::string crlf;
    for (char c : csv) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    ImportOptions spill;
    spill.memory_budget = 1024;  // sorted on disk this time
    auto second =
        import_directory(*t.ws, DirectoryKind::enterprises, t.write("b.csv", crlf), spill);
    REQUIRE(second);
    CHECK(second->already_imported);
    CHECK(second->snapshot.root == first->snapshot.root);
    CHECK(second->snapshot.source_file == first->snapshot.source_file);
    CHECK(t.ws->db().execAndGet("SELECT COUNT(*) FROM log_entry").getInt64() == log_size);
}

TEST_CASE("snapshots are found by full root, unique prefix or latest", "[snapshot][store]") {
    TempWorkspace t;
    auto a = import_directory(*t.ws, DirectoryKind::enterprises,
                              t.write("a.csv", enterprises_csv(3)), {});
    auto b = import_directory(*t.ws, DirectoryKind::enterprises,
                              t.write("b.csv", enterprises_csv(4)), {});
    REQUIRE(a);
    REQUIRE(b);
    const std::string root_a = to_hex(a->snapshot.root);
    CHECK(find_snapshot(*t.ws, DirectoryKind::enterprises, root_a)->id == a->snapshot.id);
    CHECK(find_snapshot(*t.ws, DirectoryKind::enterprises, root_a.substr(0, 8))->id ==
          a->snapshot.id);
    CHECK(find_snapshot(*t.ws, DirectoryKind::enterprises, "latest")->id == b->snapshot.id);
    CHECK_FALSE(find_snapshot(*t.ws, DirectoryKind::enterprises, root_a.substr(0, 7)));
    CHECK_FALSE(find_snapshot(*t.ws, DirectoryKind::inspectors, "latest"));
    CHECK_FALSE(find_snapshot(*t.ws, DirectoryKind::inspectors, root_a));
    auto listed = list_snapshots(*t.ws);
    REQUIRE(listed);
    REQUIRE(listed->size() == 2);
    CHECK((*listed)[0].import_record.at("rows") == 3);
    CHECK((*listed)[1].log_index == b->snapshot.log_index);
}

TEST_CASE("stored snapshots refuse updates and deletes", "[snapshot][store]") {
    TempWorkspace t;
    REQUIRE(import_directory(*t.ws, DirectoryKind::enterprises,
                             t.write("a.csv", enterprises_csv(3)), {}));
    CHECK_THROWS(t.ws->db().exec("UPDATE snapshot SET row_count = 2"));
    CHECK_THROWS(t.ws->db().exec("DELETE FROM snapshot_block"));
    CHECK_THROWS(t.ws->db().exec("UPDATE snapshot_block SET data = x'00'"));
}

TEST_CASE("a directory sorted on disk gives the same snapshot as one sorted in memory",
          "[snapshot][store]") {
    const std::string csv = enterprises_csv(700);
    TempWorkspace in_memory, on_disk;
    auto a = import_directory(*in_memory.ws, DirectoryKind::enterprises,
                              in_memory.write("e.csv", csv), {});
    ImportOptions small;
    small.memory_budget = 4096;  // dozens of sorted runs in a temporary file
    auto b = import_directory(*on_disk.ws, DirectoryKind::enterprises, on_disk.write("e.csv", csv),
                              small);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->snapshot.root == b->snapshot.root);
    std::vector<std::string> rows_a, rows_b;
    REQUIRE(for_each_row(*in_memory.ws, a->snapshot,
                         [&](std::uint64_t, std::string_view, std::string_view row) -> Status {
                             rows_a.emplace_back(row);
                             return {};
                         }));
    REQUIRE(for_each_row(*on_disk.ws, b->snapshot,
                         [&](std::uint64_t, std::string_view, std::string_view row) -> Status {
                             rows_b.emplace_back(row);
                             return {};
                         }));
    CHECK(rows_a == rows_b);
    CHECK(rows_a.size() == 700);
}
