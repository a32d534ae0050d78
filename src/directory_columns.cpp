// Mapping a directory's header to fields (plan_columns).
#include <algorithm>

#include "fairdraw/directory.h"
#include "fairdraw/uscc.h"

namespace fairdraw {
namespace {

std::string quoted(std::string_view s) {
    // Appended piece by piece: "'" + std::string(s) + "'" trips a false -Wrestrict in GCC 12 -O3.
    std::string out;
    out.reserve(s.size() + 2);
    out += '\'';
    out += s;
    out += '\'';
    return out;
}

std::string column_ref(const std::string& name, std::size_t index) {
    return "column " + std::to_string(index + 1) + " (" + (name.empty() ? "no name" : name) + ")";
}

std::string join(std::span<const std::string_view> names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

std::string field_list(const DirectorySpec& spec) {
    std::string out;
    for (const auto& f : spec.fields) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

class Planner {
  public:
    Planner(DirectoryKind kind, std::span<const std::string> header,
            const DirectoryOptions& options, const std::string& source)
        : m_spec(directory_spec(kind)),
          m_header(header),
          m_options(options),
          m_source(source),
          m_problems(1000) {
        m_plan.kind = kind;
        for (const auto& h : header) {
            m_plan.columns.push_back(
                ColumnUse{std::string(trim_value(h)), ColumnRole::extra, -1, false});
            m_keys.push_back(column_key(h));
        }
    }

    Result<ColumnPlan> run() {
        check_names();
        check_accepted();
        apply_drops();
        apply_maps();
        apply_names();
        check_duplicates();
        check_personal_data();
        check_required();
        if (!m_problems.empty())
            return m_problems.to_error("the header of " + m_source +
                                       " does not fit the fields of " +
                                       std::string(kind_name(m_spec.kind)));
        for (std::size_t i = 0; i < m_plan.columns.size(); ++i)
            if (m_plan.columns[i].role == ColumnRole::extra) m_plan.extra_order.push_back(i);
        std::sort(m_plan.extra_order.begin(), m_plan.extra_order.end(),
                  [&](std::size_t a, std::size_t b) {
                      return m_plan.columns[a].name < m_plan.columns[b].name;
                  });
        return std::move(m_plan);
    }

  private:
    void problem(std::string field, std::string message, std::string hint = {},
                 std::string expected = {}, std::string found = {}) {
        m_problems.add(Problem{m_source, 1, std::move(field), std::move(message),
                               std::move(expected), std::move(found), std::move(hint)});
    }

    std::optional<std::size_t> find_column(const std::string& name) const {
        const std::string key = column_key(name);
        for (std::size_t i = 0; i < m_keys.size(); ++i)
            if (m_keys[i] == key) return i;
        return std::nullopt;
    }

    void check_names() {
        for (std::size_t i = 0; i < m_plan.columns.size(); ++i) {
            if (auto control = control_character_in(m_plan.columns[i].name); !control.empty())
                problem(column_ref(m_plan.columns[i].name, i),
                        "the column name contains the control character " + control,
                        "names are single lines of text: fix the header row");
        }
    }

    void check_accepted() {
        bool has_code =
            std::any_of(m_spec.fields.begin(), m_spec.fields.end(),
                        [](const FieldSpec& f) { return f.format == FieldFormat::code; });
        for (std::size_t i = 0; i < m_options.accepted.size(); ++i) {
            const auto& a = m_options.accepted[i];
            const std::string where = "--accept " + a.code;
            if (!has_code) {
                problem(where, std::string(kind_name(m_spec.kind)) +
                                   " directories have no credit codes to accept");
                continue;
            }
            if (trim_value(a.reason).empty())
                problem(where, "the reason is empty",
                        "write why the code is taken as it is: --accept 'CODE=REASON'");
            if (!uscc::validate(a.code) || uscc::is_legacy_registration_number(a.code))
                problem(where, "the code passes the check, so there is nothing to accept",
                        "remove this --accept; it is only for codes that fail the check");
            for (std::size_t j = 0; j < i; ++j)
                if (m_options.accepted[j].code == a.code)
                    problem(where, "the code is accepted twice");
        }
    }

    void apply_drops() {
        for (const auto& drop : m_options.drops) {
            if (!find_column(drop)) {
                problem("--drop " + drop, "there is no such column in the header",
                        "column names are: " + header_names());
                continue;
            }
            const std::string key = column_key(drop);
            for (std::size_t i = 0; i < m_keys.size(); ++i)
                if (m_keys[i] == key) m_plan.columns[i].role = ColumnRole::dropped;
        }
    }

    void apply_maps() {
        for (const auto& map : m_options.maps) {
            const std::string where = "--map " + map.column + "=" + map.field;
            int field = field_index(m_spec, map.field);
            if (field < 0)
                problem(where,
                        std::string(kind_name(m_spec.kind)) + " directories have no field " +
                            quoted(map.field),
                        "fields are: " + field_list(m_spec));
            auto col = find_column(map.column);
            if (!col) {
                problem(where, "there is no column " + quoted(map.column) + " in the header",
                        "column names are: " + header_names());
                continue;
            }
            auto& use = m_plan.columns[*col];
            if (use.role == ColumnRole::dropped) {
                problem(where, "the column is also dropped with --drop");
            } else if (use.mapped) {
                problem(where, "the column is mapped twice with --map");
            } else if (field >= 0) {
                use = ColumnUse{use.name, ColumnRole::field, field, true};
            }
        }
    }

    void apply_names() {
        for (std::size_t i = 0; i < m_plan.columns.size(); ++i) {
            auto& use = m_plan.columns[i];
            if (use.role != ColumnRole::extra) continue;
            if (use.name.empty()) {
                use.role = ColumnRole::unnamed;
                continue;
            }
            for (std::size_t f = 0; f < m_spec.fields.size() && use.role == ColumnRole::extra;
                 ++f) {
                for (auto name : m_spec.fields[f].columns) {
                    if (column_key(name) == m_keys[i]) {
                        use.role = ColumnRole::field;
                        use.field = static_cast<int>(f);
                        break;
                    }
                }
            }
        }
    }

    void check_duplicates() {
        for (std::size_t i = 0; i < m_plan.columns.size(); ++i) {
            const auto& a = m_plan.columns[i];
            for (std::size_t j = 0; j < i; ++j) {
                const auto& b = m_plan.columns[j];
                if (a.role == ColumnRole::field && b.role == ColumnRole::field &&
                    a.field == b.field) {
                    const auto& field = m_spec.fields[static_cast<std::size_t>(a.field)];
                    problem("field " + std::string(field.name),
                            "two columns map to this field: " + column_ref(b.name, j) + " and " +
                                column_ref(a.name, i),
                            "keep one: drop the other with --drop COLUMN");
                    break;
                }
                if (a.role == ColumnRole::extra && b.role == ColumnRole::extra &&
                    m_keys[i] == m_keys[j]) {
                    problem("column " + a.name,
                            "the header has this column twice: " + column_ref(b.name, j) + " and " +
                                column_ref(a.name, i),
                            "rename one of them in the header, or drop one with --drop");
                    break;
                }
            }
        }
    }

    void check_personal_data() {
        for (std::size_t i = 0; i < m_plan.columns.size(); ++i) {
            const auto& use = m_plan.columns[i];
            if (use.role == ColumnRole::dropped || !is_personal_data_column(use.name)) continue;
            problem("column " + use.name,
                    "the column holds personal data (ID card numbers, phone numbers, addresses or "
                    "birth dates), "
                    "which must not go into a snapshot",
                    "leave it out explicitly with --drop '" + use.name + "'");
        }
    }

    void check_required() {
        std::vector<bool> present(m_spec.fields.size(), false);
        for (const auto& use : m_plan.columns)
            if (use.role == ColumnRole::field) present[static_cast<std::size_t>(use.field)] = true;
        for (std::size_t f = 0; f < m_spec.fields.size(); ++f) {
            const auto& field = m_spec.fields[f];
            if (!field.required || present[f]) continue;
            problem("field " + std::string(field.name), "no column for this required field",
                    "name a column with --map 'COLUMN=" + std::string(field.name) + "'",
                    "a column named " + join(field.columns), "columns " + header_names());
        }
        for (auto id : m_spec.id_fields) {
            int f = field_index(m_spec, id);
            if (present[static_cast<std::size_t>(f)]) {
                m_plan.id_fields.push_back(f);
            } else if (!m_spec.id_fallback.empty()) {
                m_plan.id_fields.push_back(field_index(m_spec, m_spec.id_fallback));
            }
        }
    }

    std::string header_names() const {
        std::string out;
        for (const auto& use : m_plan.columns)
            out += (out.empty() ? "" : ", ") + (use.name.empty() ? "(no name)" : use.name);
        return out;
    }

    const DirectorySpec& m_spec;
    std::span<const std::string> m_header;
    const DirectoryOptions& m_options;
    const std::string& m_source;
    ProblemList m_problems;
    ColumnPlan m_plan;
    std::vector<std::string> m_keys;
};

}  // namespace

std::vector<std::string> ColumnPlan::names(ColumnRole role) const {
    std::vector<std::string> out;
    for (const auto& use : columns)
        if (use.role == role) out.push_back(use.name);
    return out;
}

Result<ColumnPlan> plan_columns(DirectoryKind kind, std::span<const std::string> header,
                                const DirectoryOptions& options, const std::string& source) {
    return Planner(kind, header, options, source).run();
}

}  // namespace fairdraw
