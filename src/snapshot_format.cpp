#include "fairdraw/snapshot_format.h"

#include <algorithm>
#include <numeric>

#include "fairdraw/merkle.h"

namespace fairdraw {

namespace {

std::string place_text(RowPlace place) {
    return place.item != 0 ? "item " + std::to_string(place.item)
                           : "line " + std::to_string(place.line);
}

}  // namespace

Problem duplicate_id_problem(DirectoryKind kind, const std::string& source, std::string_view id,
                             RowPlace first, RowPlace second) {
    std::string what;
    if (kind == DirectoryKind::conflicts) {
        const auto nul = id.find('\0');
        what =
            "the pair inspector '" + std::string(id.substr(0, nul)) + "', entity '" +
            std::string(nul == std::string_view::npos ? std::string_view() : id.substr(nul + 1)) +
            "'";
    } else {
        what = std::string(kind == DirectoryKind::enterprises ? "the code '" : "the ID '") +
               std::string(id) + "'";
    }
    Problem p;
    p.file = source;
    p.line = second.line;
    p.field = second.item != 0 ? "item " + std::to_string(second.item) : "";
    p.message = "duplicate ID: " + what + " is already on " + place_text(first);
    p.hint = "each row needs its own ID: remove or correct one of the two rows";
    return p;
}

Result<Hash> snapshot_root(DirectoryKind kind, std::span<const DirectoryRow> rows,
                           const std::string& source) {
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return id_less(rows[a].id, rows[b].id); });
    ProblemList problems(100);
    merkle::RootBuilder builder;
    std::size_t first_of_id = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const DirectoryRow& row = rows[order[k]];
        if (k > 0 && rows[order[first_of_id]].id == row.id) {
            problems.add(duplicate_id_problem(kind, source, row.id, rows[order[first_of_id]].place,
                                              row.place));
            continue;
        }
        first_of_id = k;
        builder.add(merkle::leaf_hash(row.canonical));
    }
    if (!problems.empty()) return problems.to_error("duplicate IDs in " + source);
    return builder.root();
}

}  // namespace fairdraw
