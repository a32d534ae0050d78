// names.h — word lists for generated enterprise and person names.
//
// Enterprise names follow the usual pattern of Chinese registered names:
// 行政区划 + 字号 + 行业 + 组织形式 ("临州恒达机械制造有限公司"). No 字号
// character is one that continues a region prefix (临, 市, 云), so the prefix
// and the place of the 字号 can be read off a name, and two names are equal
// only if their 字号 are. enterprise.cpp draws the 字号 (two different
// characters of k_trade_name_chars, 64 · 63 = 4,032 of them) through a
// bijection of the row index, so the first 4,032 rows of a directory have
// distinct names.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "random.h"

namespace fairdraw::gen {

// Characters of 字号 (trade names); two distinct ones make a 字号.
inline constexpr std::array<std::string_view, 64> k_trade_name_chars = {
    "恒", "达", "鑫", "华", "盛", "泰", "瑞", "宏", "锦", "信", "安", "丰", "德", "源", "鼎", "诚",
    "嘉", "和", "润", "铭", "博", "联", "汇", "通", "新", "辰", "明", "峰", "宇", "海", "天", "佳",
    "顺", "兴", "永", "昌", "茂", "祥", "富", "广", "中", "元", "凯", "弘", "腾", "创", "卓", "越",
    "方", "正", "金", "银", "星", "光", "远", "航", "智", "慧", "立", "晟", "致", "禾", "美", "康"};

// Industries (GB/T 4754-2017 门类) with the words that end company and shop names.
struct Industry {
    std::string_view name;
    unsigned enterprise_weight;  // share among companies
    unsigned individual_weight;  // share among 个体工商户
    std::span<const std::string_view> company_words;
    std::span<const std::string_view> shop_words;  // 个体工商户 names
};

namespace words {
inline constexpr std::array<std::string_view, 8> k_manufacturing = {
    "机械制造", "电子科技", "服装", "食品", "五金制品", "塑料制品", "印刷", "精密仪器"};
inline constexpr std::array<std::string_view, 2> k_manufacturing_shops = {"服装加工厂",
                                                                          "木制品加工厂"};
inline constexpr std::array<std::string_view, 5> k_construction = {
    "建设工程", "建筑工程", "装饰工程", "市政工程", "建筑劳务"};
inline constexpr std::array<std::string_view, 6> k_trade = {"商贸", "贸易", "百货",
                                                            "医药", "电器", "建材"};
inline constexpr std::array<std::string_view, 6> k_trade_shops = {"便利店", "副食店", "服装店",
                                                                  "五金店", "水果店", "烟酒店"};
inline constexpr std::array<std::string_view, 3> k_transport = {"物流", "供应链管理", "快递服务"};
inline constexpr std::array<std::string_view, 3> k_food = {"餐饮管理", "酒店管理", "餐饮"};
inline constexpr std::array<std::string_view, 6> k_food_shops = {"小吃店", "面馆",   "饭店",
                                                                 "快餐店", "烧烤店", "宾馆"};
inline constexpr std::array<std::string_view, 5> k_software = {"网络科技", "信息技术", "软件",
                                                               "数据科技", "智能科技"};
inline constexpr std::array<std::string_view, 2> k_finance = {"融资担保", "保险代理"};
inline constexpr std::array<std::string_view, 3> k_real_estate = {"房地产开发", "物业管理",
                                                                  "房产经纪"};
inline constexpr std::array<std::string_view, 6> k_business = {
    "企业管理咨询", "人力资源", "劳务派遣", "保洁服务", "广告", "会展服务"};
inline constexpr std::array<std::string_view, 4> k_research = {"检测技术", "工程设计", "生物科技",
                                                               "环境科技"};
inline constexpr std::array<std::string_view, 3> k_services = {"家政服务", "汽车维修", "美容美发"};
inline constexpr std::array<std::string_view, 5> k_services_shops = {
    "理发店", "洗衣店", "汽车修理部", "家电维修部", "家政服务部"};
inline constexpr std::array<std::string_view, 2> k_education = {"教育科技", "职业技能培训"};
inline constexpr std::array<std::string_view, 2> k_health = {"医疗管理", "养老服务"};
inline constexpr std::array<std::string_view, 1> k_health_shops = {"诊所"};
inline constexpr std::array<std::string_view, 3> k_culture = {"文化传媒", "体育发展", "影视"};
inline constexpr std::array<std::string_view, 4> k_cooperatives = {
    "蔬菜种植专业合作社", "花卉苗木专业合作社", "茶叶专业合作社", "水产养殖专业合作社"};
}  // namespace words

inline constexpr std::array<Industry, 14> k_industries = {{
    {"制造业", 14, 4, words::k_manufacturing, words::k_manufacturing_shops},
    {"建筑业", 8, 0, words::k_construction, {}},
    {"批发和零售业", 22, 45, words::k_trade, words::k_trade_shops},
    {"交通运输、仓储和邮政业", 4, 0, words::k_transport, {}},
    {"住宿和餐饮业", 10, 33, words::k_food, words::k_food_shops},
    {"信息传输、软件和信息技术服务业", 9, 0, words::k_software, {}},
    {"金融业", 1, 0, words::k_finance, {}},
    {"房地产业", 3, 0, words::k_real_estate, {}},
    {"租赁和商务服务业", 11, 0, words::k_business, {}},
    {"科学研究和技术服务业", 7, 0, words::k_research, {}},
    {"居民服务、修理和其他服务业", 5, 15, words::k_services, words::k_services_shops},
    {"教育", 2, 0, words::k_education, {}},
    {"卫生和社会工作", 2, 3, words::k_health, words::k_health_shops},
    {"文化、体育和娱乐业", 2, 0, words::k_culture, {}},
}};
inline constexpr std::string_view k_cooperative_industry = "农、林、牧、渔业";

// Surnames with rough frequency weights (common nationally and in Zhejiang).
inline constexpr std::array<Weighted, 60> k_surnames = {{
    {"王", 7}, {"李", 7}, {"张", 7}, {"刘", 5}, {"陈", 6}, {"杨", 3}, {"黄", 2}, {"赵", 2},
    {"吴", 3}, {"周", 2}, {"徐", 3}, {"孙", 2}, {"马", 1}, {"朱", 2}, {"胡", 2}, {"郭", 1},
    {"何", 1}, {"高", 1}, {"林", 2}, {"罗", 1}, {"郑", 1}, {"梁", 1}, {"谢", 1}, {"宋", 1},
    {"唐", 1}, {"许", 1}, {"韩", 1}, {"冯", 1}, {"邓", 1}, {"曹", 1}, {"彭", 1}, {"曾", 1},
    {"肖", 1}, {"田", 1}, {"董", 1}, {"袁", 1}, {"潘", 1}, {"于", 1}, {"蒋", 1}, {"蔡", 1},
    {"余", 1}, {"杜", 1}, {"叶", 1}, {"程", 1}, {"沈", 2}, {"魏", 1}, {"吕", 1}, {"丁", 1},
    {"任", 1}, {"姚", 1}, {"钱", 1}, {"方", 1}, {"金", 1}, {"俞", 1}, {"章", 1}, {"傅", 1},
    {"楼", 1}, {"应", 1}, {"汪", 1}, {"陆", 1},
}};

// Characters of given names.
inline constexpr std::array<std::string_view, 64> k_given_name_chars = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "婷", "晨", "浩", "宇", "欣", "怡", "佳", "琳", "俊", "斌",
    "鹏", "辉", "华", "飞", "雪", "倩", "颖", "丹", "文", "亮", "建", "峰", "志", "海", "玲", "凯",
    "悦", "晓", "梅", "东", "燕", "雯", "博", "思", "嘉", "睿", "子", "一", "轩", "涵", "立", "诚"};

}  // namespace fairdraw::gen
