// Names of drawn entities and their inspectors, for showing a draw to people.
#include <algorithm>

#include "draw_inputs.h"
#include "draw_record_internal.h"

namespace fairdraw {
namespace detail {

DrawLabels labels_from(const LoadedDirectories& loaded, std::span<const std::string> codes) {
    DrawLabels out;
    for (const auto& i : loaded.inspectors) out.inspectors[i.id] = InspectorLabel{i.name, i.department};
    const EnterpriseTable& table = loaded.enterprises;
    // Snapshot rows are in ID order, so the table is sorted by code.
    for (const auto& code : codes) {
        std::size_t lo = 0, hi = table.size();
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (table.code(mid) < code)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < table.size() && table.code(lo) == code)
            out.entities[code] = EntityLabel{std::string(table.name(lo)),
                                             std::string(table.value(lo, EnterpriseField::region))};
    }
    return out;
}

}  // namespace detail

namespace {

constexpr std::size_t k_lookups = 64;  // beyond this, one pass over the snapshot is faster

}  // namespace

Result<DrawLabels> draw_labels(Workspace& ws, const StoredAnnouncement& a,
                               std::span<const std::string> codes) {
    FD_ASSIGN(auto snapshots, detail::announced_snapshots(ws, a));
    DrawLabels out;
    FD_TRY(for_each_row(ws, snapshots.inspectors,
                        [&](std::uint64_t, std::string_view, std::string_view row) -> Status {
                            auto i = parse_inspector_row(row);
                            if (i) out.inspectors[i->id] = InspectorLabel{i->name, i->department};
                            return {};
                        }));
    auto add = [&](std::string_view row) {
        auto e = parse_enterprise_row(row);
        if (e) out.entities[e->code] = EntityLabel{e->name, e->region};
    };
    if (codes.size() <= k_lookups) {
        for (const auto& code : codes) {
            FD_ASSIGN(auto row, find_row(ws, snapshots.enterprises, code));
            if (row) add(row->canonical_row);
        }
        return out;
    }
    std::vector<std::string_view> wanted(codes.begin(), codes.end());
    std::sort(wanted.begin(), wanted.end());
    FD_TRY(for_each_row(ws, snapshots.enterprises,
                        [&](std::uint64_t, std::string_view id, std::string_view row) -> Status {
                            if (std::binary_search(wanted.begin(), wanted.end(), id)) add(row);
                            return {};
                        }));
    return out;
}

}  // namespace fairdraw
