// The field tables of the three directory kinds (docs/SPEC.md §3.1; the
// column names are those of the platforms' export templates, DOMAIN.md §3).
#include <array>
#include <cstdio>
#include <cstring>

#include "fairdraw/directory.h"

namespace fairdraw {
namespace {

using Names = std::string_view;

// --- enterprises -----------------------------------------------------------
constexpr std::array<Names, 8> k_code_cols = {"统一社会信用代码",
                                              "注册号/统一社会信用代码",
                                              "统一社会信用代码/注册号",
                                              "社会信用代码",
                                              "信用代码",
                                              "注册号",
                                              "code",
                                              "uscc"};
constexpr std::array<Names, 6> k_name_cols = {"企业名称",     "市场主体名称", "单位名称",
                                              "用人单位名称", "名称",         "name"};
constexpr std::array<Names, 4> k_entity_type_cols = {"市场主体类型", "企业类型", "主体类型",
                                                     "entity_type"};
constexpr std::array<Names, 2> k_authority_cols = {"登记机关", "registration_authority"};
constexpr std::array<Names, 5> k_jurisdiction_cols = {
    "管辖单位", "属地监管所", "属地监管所/管辖单位", "监管单位", "jurisdiction"};
constexpr std::array<Names, 5> k_ent_region_cols = {"所属地区", "所属区域", "行政区划", "街道",
                                                    "region"};
constexpr std::array<Names, 4> k_grid_cols = {"责任区/网格", "责任区", "网格", "grid"};
constexpr std::array<Names, 4> k_industry_cols = {"所属行业", "行业", "行业门类", "industry"};
constexpr std::array<Names, 3> k_ent_status_cols = {"登记状态", "经营状态", "status"};
constexpr std::array<Names, 12> k_ent_status_values = {"存续", "在业", "开业",       "正常",
                                                       "迁入", "停业", "歇业",       "迁出",
                                                       "注销", "吊销", "吊销未注销", "撤销"};
constexpr std::array<Names, 2> k_established_cols = {"成立日期", "established"};
constexpr std::array<Names, 3> k_last_inspected_cols = {"上次检查日期", "最近检查日期",
                                                        "last_inspected"};
constexpr std::array<Names, 4> k_credit_cols = {"信用风险分类", "信用风险等级", "风险分类",
                                                "credit_class"};
constexpr std::array<Names, 4> k_credit_values = {"A", "B", "C", "D"};

constexpr std::array<FieldSpec, 12> k_enterprise_fields = {{
    {"code", true, FieldFormat::code, k_code_cols, {}},
    {"name", true, FieldFormat::text, k_name_cols, {}},
    {"entity_type", false, FieldFormat::text, k_entity_type_cols, {}},
    {"registration_authority", false, FieldFormat::text, k_authority_cols, {}},
    {"jurisdiction", false, FieldFormat::text, k_jurisdiction_cols, {}},
    {"region", false, FieldFormat::text, k_ent_region_cols, {}},
    {"grid", false, FieldFormat::text, k_grid_cols, {}},
    {"industry", false, FieldFormat::text, k_industry_cols, {}},
    {"status", true, FieldFormat::enumeration, k_ent_status_cols, k_ent_status_values},
    {"established", false, FieldFormat::date, k_established_cols, {}},
    {"last_inspected", false, FieldFormat::date, k_last_inspected_cols, {}},
    {"credit_class", false, FieldFormat::enumeration, k_credit_cols, k_credit_values},
}};
constexpr std::array<Names, 1> k_enterprise_id = {"code"};

// --- inspectors ------------------------------------------------------------
constexpr std::array<Names, 5> k_staff_id_cols = {"工号", "人员编号", "执法人员编号", "id",
                                                  "staff_id"};
constexpr std::array<Names, 2> k_person_name_cols = {"姓名", "name"};
constexpr std::array<Names, 4> k_cert_no_cols = {"执法证编号", "执法证号", "执法证件号",
                                                 "certificate_no"};
constexpr std::array<Names, 4> k_cert_expiry_cols = {"执法证有效期", "执法证有效期至", "有效期至",
                                                     "certificate_expiry"};
constexpr std::array<Names, 6> k_department_cols = {"所在部门", "所在业务部门", "所在业务部门/单位",
                                                    "部门",     "单位",         "department"};
constexpr std::array<Names, 5> k_insp_region_cols = {"所属地区", "岗位管辖片区",
                                                     "所属地区/岗位管辖片区", "管辖片区", "region"};
constexpr std::array<Names, 5> k_specialty_cols = {"专业", "岗位资格资质", "岗位资格资质/专业",
                                                   "专业领域", "specialty"};
constexpr std::array<Names, 3> k_items_cols = {"执法事项清单范围", "执法事项", "items"};
constexpr std::array<Names, 3> k_expert_cols = {"专家", "是否专家", "expert"};
constexpr std::array<Names, 2> k_expert_values = {"是", "否"};
constexpr std::array<Names, 4> k_insp_status_cols = {"状态", "在岗状态", "人员状态", "status"};
constexpr std::array<Names, 8> k_insp_status_values = {"在岗", "离岗", "停职", "休假",
                                                       "病假", "借调", "调离", "退休"};

constexpr std::array<FieldSpec, 10> k_inspector_fields = {{
    {"id", false, FieldFormat::text, k_staff_id_cols, {}},
    {"name", true, FieldFormat::text, k_person_name_cols, {}},
    {"certificate_no", true, FieldFormat::text, k_cert_no_cols, {}},
    {"certificate_expiry", true, FieldFormat::date, k_cert_expiry_cols, {}},
    {"department", true, FieldFormat::text, k_department_cols, {}},
    {"region", false, FieldFormat::text, k_insp_region_cols, {}},
    {"specialty", false, FieldFormat::text, k_specialty_cols, {}},
    {"items", false, FieldFormat::text, k_items_cols, {}},
    {"expert", false, FieldFormat::enumeration, k_expert_cols, k_expert_values},
    {"status", true, FieldFormat::enumeration, k_insp_status_cols, k_insp_status_values},
}};
constexpr std::array<Names, 1> k_inspector_id = {"id"};

// --- conflicts -------------------------------------------------------------
constexpr std::array<Names, 5> k_inspector_cols = {"工号", "人员编号", "执法人员编号", "inspector",
                                                   "inspector_id"};
constexpr std::array<Names, 2> k_inspector_name_cols = {"姓名", "inspector_name"};
constexpr std::array<Names, 5> k_entity_cols = {"统一社会信用代码", "注册号/统一社会信用代码",
                                                "社会信用代码", "entity", "entity_code"};
constexpr std::array<Names, 3> k_entity_name_cols = {"企业名称", "单位名称", "entity_name"};
constexpr std::array<Names, 5> k_reason_cols = {"回避事由", "关系", "关联关系", "原因", "reason"};
constexpr std::array<Names, 2> k_declared_cols = {"申报日期", "declared"};

constexpr std::array<FieldSpec, 6> k_conflict_fields = {{
    {"inspector", true, FieldFormat::text, k_inspector_cols, {}},
    {"inspector_name", false, FieldFormat::text, k_inspector_name_cols, {}},
    {"entity", true, FieldFormat::code, k_entity_cols, {}},
    {"entity_name", false, FieldFormat::text, k_entity_name_cols, {}},
    {"reason", true, FieldFormat::text, k_reason_cols, {}},
    {"declared", false, FieldFormat::date, k_declared_cols, {}},
}};
constexpr std::array<Names, 2> k_conflict_id = {"inspector", "entity"};

const DirectorySpec k_enterprises{DirectoryKind::enterprises, k_enterprise_fields, k_enterprise_id,
                                  ""};
const DirectorySpec k_inspectors{DirectoryKind::inspectors, k_inspector_fields, k_inspector_id,
                                 "certificate_no"};
const DirectorySpec k_conflicts{DirectoryKind::conflicts, k_conflict_fields, k_conflict_id, ""};

// Exact names (compared as column_key) and fragments that mark personal data.
constexpr std::array<Names, 16> k_personal_names = {
    "证件号码", "身份证号", "身份证号码", "公民身份号码", "手机号",   "手机号码",
    "联系电话", "电话",     "住址",       "家庭住址",     "出生日期", "id_card",
    "phone",    "mobile",   "address",    "birth_date"};
constexpr std::array<Names, 6> k_personal_fragments = {"身份证", "公民身份", "手机",
                                                       "电话",   "住址",     "出生日期"};

}  // namespace

std::string_view kind_name(DirectoryKind kind) {
    switch (kind) {
        case DirectoryKind::enterprises:
            return "enterprises";
        case DirectoryKind::inspectors:
            return "inspectors";
        case DirectoryKind::conflicts:
            return "conflicts";
    }
    return "enterprises";
}

std::optional<DirectoryKind> parse_kind(std::string_view name) {
    for (auto kind :
         {DirectoryKind::enterprises, DirectoryKind::inspectors, DirectoryKind::conflicts})
        if (kind_name(kind) == name) return kind;
    return std::nullopt;
}

const DirectorySpec& directory_spec(DirectoryKind kind) {
    switch (kind) {
        case DirectoryKind::enterprises:
            return k_enterprises;
        case DirectoryKind::inspectors:
            return k_inspectors;
        case DirectoryKind::conflicts:
            return k_conflicts;
    }
    return k_enterprises;
}

int field_index(const DirectorySpec& spec, std::string_view name) {
    for (std::size_t i = 0; i < spec.fields.size(); ++i)
        if (spec.fields[i].name == name) return static_cast<int>(i);
    return -1;
}

std::string_view trim_value(std::string_view text) {
    const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
    return text;
}

std::string column_key(std::string_view name) {
    std::string key(trim_value(name));
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

std::string control_character_in(std::string_view text) {
    // Fast path, 8 bytes at a time: no byte below 0x20, no 0x7F, no 0xC2 (the
    // first byte of every C1 control in UTF-8) means no control character.
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL, k_highs = 0x8080808080808080ULL;
    const auto has_zero = [](std::uint64_t v) { return (v - k_ones) & ~v & k_highs; };
    std::size_t start = 0;
    for (; start + 8 <= text.size(); start += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, text.data() + start, 8);
        if ((((w - k_ones * 0x20) & ~w & k_highs) | has_zero(w ^ (k_ones * 0x7F)) |
             has_zero(w ^ (k_ones * 0xC2))) != 0)
            break;
    }
    for (std::size_t i = start; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        unsigned code = 0;
        if (c < 0x20 || c == 0x7F) {
            code = c;
        } else if (c == 0xC2 && i + 1 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) < 0xA0) {
            code = static_cast<unsigned char>(text[i + 1]);
        } else {
            continue;
        }
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", code);
        std::string name = buf;
        if (code == '\n' || code == '\r') name += " (line break)";
        if (code == '\t') name += " (tab)";
        if (code == 0) name += " (NUL)";
        return name;
    }
    return {};
}

bool is_personal_data_column(std::string_view name) {
    const std::string key = column_key(name);
    for (auto personal : k_personal_names)
        if (key == personal) return true;
    for (auto fragment : k_personal_fragments)
        if (key.find(fragment) != std::string::npos) return true;
    return false;
}

}  // namespace fairdraw
