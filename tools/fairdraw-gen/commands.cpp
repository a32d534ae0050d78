#include "commands.h"

#include <string>
#include <system_error>

#include "conflict.h"
#include "csv_writer.h"
#include "enterprise.h"
#include "inspector.h"
#include "streams.h"

namespace fairdraw::gen {
namespace {

Error too_many(const std::string& option, std::uint64_t given, std::uint64_t limit,
               const std::string& why) {
    return Error::bad_input(option + " is " + std::to_string(given) + ", at most " +
                            std::to_string(limit) + " is allowed: " + why);
}

}  // namespace

Status write_enterprises(const std::filesystem::path& out, std::uint64_t rows, std::uint64_t seed) {
    if (rows > k_max_enterprise_rows)
        return too_many("--rows", rows, k_max_enterprise_rows,
                        "beyond it generated codes could repeat");
    const EnterpriseGenerator generator(seed);
    CsvWriter csv(out);
    FD_TRY(csv.open());
    csv.write_row(k_enterprise_columns);
    for (std::uint64_t i = 0; i < rows; ++i) csv.write_row(generator.row(i).fields());
    return csv.finish();
}

Status write_inspectors(const std::filesystem::path& out, std::uint64_t rows,
                        std::uint64_t departments, std::uint64_t seed) {
    if (rows > k_max_inspector_rows)
        return too_many("--rows", rows, k_max_inspector_rows,
                        "an inspector directory is far smaller");
    if (departments == 0) return Error::bad_input("--departments is 0, at least 1 is needed");
    if (departments > k_max_departments)
        return too_many("--departments", departments, k_max_departments, "a bureau has far fewer");
    CsvWriter csv(out);
    FD_TRY(csv.open());
    csv.write_row(k_inspector_columns);
    if (rows > 0) {
        const InspectorGenerator generator(seed, rows, static_cast<std::size_t>(departments));
        for (std::uint64_t i = 0; i < rows; ++i) csv.write_row(generator.row(i).fields());
    }
    return csv.finish();
}

Status write_conflicts(const std::filesystem::path& out, std::uint64_t count,
                       std::uint64_t enterprise_rows, std::uint64_t inspector_rows,
                       std::uint64_t seed) {
    if (count > k_max_conflicts)
        return too_many("--count", count, k_max_conflicts, "declared conflicts are few");
    if (enterprise_rows > k_max_enterprise_rows)
        return too_many("--enterprise-rows", enterprise_rows, k_max_enterprise_rows,
                        "enterprises are generated with at most that many rows");
    if (inspector_rows > k_max_inspector_rows)
        return too_many("--inspector-rows", inspector_rows, k_max_inspector_rows,
                        "inspectors are generated with at most that many rows");
    if (!conflicts_fit(count, enterprise_rows, inspector_rows))
        return Error::bad_input("--count " + std::to_string(count) +
                                    " distinct pairs do not fit among " +
                                    std::to_string(inspector_rows) + " inspectors and " +
                                    std::to_string(enterprise_rows) + " enterprises",
                                "at most half of all inspector–enterprise pairs can be conflicts; "
                                "lower --count or raise --enterprise-rows and --inspector-rows");
    const auto rows = generate_conflicts(seed, count, enterprise_rows, inspector_rows);
    CsvWriter csv(out);
    FD_TRY(csv.open());
    csv.write_row(k_conflict_columns);
    for (const auto& row : rows) csv.write_row(row.fields());
    return csv.finish();
}

Status write_sample(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return Error::environment("cannot create the folder " + dir.string() + ": " + ec.message());
    FD_TRY(write_enterprises(dir / "enterprises.csv", k_sample_enterprises, k_sample_seed));
    FD_TRY(write_inspectors(dir / "inspectors.csv", k_sample_inspectors, k_sample_departments,
                            k_sample_seed));
    return write_conflicts(dir / "conflicts.csv", k_sample_conflicts, k_sample_enterprises,
                           k_sample_inspectors, k_sample_seed);
}

}  // namespace fairdraw::gen
