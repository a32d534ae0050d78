// fairdraw-drawbench — how long a province-sized draw takes, against the cost of its tickets.
//
// Generates an instance in memory (deterministic, own generator): N enterprises
// in three credit-class strata drawn at the same ratio, M inspectors of one
// department, C declared conflicts, team size 2. Then measures, in the same
// run, (1) computing the N tickets alone and (2) the whole draw (selection,
// bounds, teams, result), and prints both with their ratio, the time to write
// the result document, and the peak memory of the process. The two are measured
// alternately --repeat times and the best of each is reported, so that a busy
// machine affects both alike.
#include <openssl/evp.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "fairdraw/draw.h"
#include "fairdraw/keyed_hash.h"
#include "fairdraw/uscc.h"

using namespace fairdraw;

namespace {

// SplitMix64 (Steele, Lea, Flood 2014): a small, well-mixed deterministic generator.
class SplitMix {
  public:
    explicit SplitMix(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }

  private:
    std::uint64_t m_state;
};

std::string code_for(std::uint64_t i) {
    std::string org;
    for (int k = 0; k < 8; ++k, i /= 10) org += static_cast<char>('0' + i % 10);
    std::string body = "91320100" + org;
    body += *uscc::organization_check_character(org);
    return body + *uscc::check_character(body);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <class F>
double timed(F run) {
    auto start = std::chrono::steady_clock::now();
    run();
    return seconds_since(start);
}

// The same tickets with the inner and outer states duplicated as EVP_MD_CTX per
// message: the alternative to the SHA256_CTX copies of src/keyed_hash.cpp.
class EvpTickets {
  public:
    explicit EvpTickets(const Hash& key) {
        std::uint8_t ipad[64] = {}, opad[64] = {};
        for (std::size_t i = 0; i < key.size(); ++i) ipad[i] = opad[i] = key[i];
        for (int i = 0; i < 64; ++i) {
            ipad[i] ^= 0x36;
            opad[i] ^= 0x5c;
        }
        EVP_DigestInit_ex2(m_inner, EVP_sha256(), nullptr);
        EVP_DigestUpdate(m_inner, ipad, 64);
        EVP_DigestInit_ex2(m_outer, EVP_sha256(), nullptr);
        EVP_DigestUpdate(m_outer, opad, 64);
    }
    ~EvpTickets() {
        EVP_MD_CTX_free(m_inner);
        EVP_MD_CTX_free(m_outer);
        EVP_MD_CTX_free(m_work);
    }
    EvpTickets(const EvpTickets&) = delete;
    EvpTickets& operator=(const EvpTickets&) = delete;
    Hash ticket(std::string_view code) {
        std::string message = "[\"fairdraw-ticket-v1\",\"" + std::string(code) + "\"]";
        Hash inner{}, out{};
        unsigned size = 0;
        EVP_MD_CTX_copy_ex(m_work, m_inner);
        EVP_DigestUpdate(m_work, message.data(), message.size());
        EVP_DigestFinal_ex(m_work, inner.data(), &size);
        EVP_MD_CTX_copy_ex(m_work, m_outer);
        EVP_DigestUpdate(m_work, inner.data(), inner.size());
        EVP_DigestFinal_ex(m_work, out.data(), &size);
        return out;
    }

  private:
    EVP_MD_CTX* m_inner = EVP_MD_CTX_new();
    EVP_MD_CTX* m_outer = EVP_MD_CTX_new();
    EVP_MD_CTX* m_work = EVP_MD_CTX_new();
};

long peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;  // Linux: kilobytes
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Times a generated draw against computing its tickets alone"};
    std::uint64_t rows = 1'000'000, inspectors = 500, conflicts = 2000, seed = 20260301;
    std::string ratio = "5%";
    int repeat = 5;
    int history_draws = 0;
    bool own_region = false;
    app.add_option("--rows", rows, "enterprises")->capture_default_str();
    app.add_option("--inspectors", inspectors, "inspectors")->capture_default_str();
    app.add_option("--conflicts", conflicts, "declared conflicts")->capture_default_str();
    app.add_option("--ratio", ratio, "ratio of each of the three strata")->capture_default_str();
    app.add_option("--seed", seed, "generator seed")->capture_default_str();
    app.add_option("--history", history_draws,
                   "earlier draws (5% each) frozen as history, with not_last_inspector on")
        ->capture_default_str();
    app.add_flag("--own-region", own_region, "recusal.not_own_region (20 regions)");
    app.add_option("--repeat", repeat, "alternating runs of each timing; the best is reported")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    SplitMix rng(seed);
    auto generated = std::chrono::steady_clock::now();
    EnterpriseTable table;
    table.reserve(rows);
    const char* credit[] = {"A", "A", "A", "B", "B", "B", "B", "C", "C", "D"};
    for (std::uint64_t i = 0; i < rows; ++i) {
        Enterprise e;
        e.code = code_for(i);
        e.name = "企业" + std::to_string(i);
        e.status = "存续";
        e.credit_class = credit[rng.below(10)];
        e.region = "街道" + std::to_string(rng.below(20));
        e.industry = "行业" + std::to_string(rng.below(30));
        if (!table.add(e)) return 1;
    }
    std::vector<Inspector> staff;
    for (std::uint64_t i = 0; i < inspectors; ++i) {
        Inspector x;
        x.id = "E" + std::to_string(100000 + i);
        x.name = "检查员" + std::to_string(i);
        x.certificate_no = "ZF" + std::to_string(i);
        x.certificate_expiry = "2029-12-31";
        x.department = "市场监管局";
        x.region = "街道" + std::to_string(rng.below(20));
        x.status = "在岗";
        staff.push_back(x);
    }
    std::vector<Conflict> declared;
    for (std::uint64_t i = 0; i < conflicts; ++i)
        declared.push_back(
            {staff[rng.below(inspectors)].id, "", code_for(rng.below(rows)), "", "亲属", ""});
    const double generate_s = seconds_since(generated);

    Json plan_json = {
        {"format", "fairdraw-plan-v1"},
        {"title", "benchmark"},
        {"department", "市场监管局"},
        {"items",
         {{{"id", "1"}, {"name", "公示信息"}, {"legal_basis", "条例"}, {"category", "一般"}}}},
        {"window", {{"start", "2026-03-01"}, {"end", "2026-06-30"}}},
        {"strata",
         {{"field", "credit_class"},
          {"groups",
           {{{"name", "低风险"}, {"values", {"A"}}, {"ratio", ratio}},
            {{"name", "一般风险"}, {"values", {"B", "C"}}, {"ratio", ratio}},
            {{"name", "高风险"}, {"values", {"D"}}, {"ratio", ratio}}}}}},
        {"team", {{"size", 2}}},
        {"recusal", {{"not_own_region", own_region}, {"not_last_inspector", history_draws > 0}}}};
    std::vector<HistoryDraw> history;
    for (int d = 0; d < history_draws; ++d) {
        HistoryDraw h{to_hex(sha256("history " + std::to_string(d))),
                      "2025-0" + std::to_string(1 + d % 9) + "-01",
                      {}};
        for (std::uint64_t i = 0; i < rows / 20; ++i)
            h.teams.push_back({code_for(rng.below(rows)),
                               {staff[rng.below(inspectors)].id, staff[rng.below(inspectors)].id}});
        history.push_back(std::move(h));
    }
    auto plan = plan_from_json(plan_json, "benchmark");
    if (!plan) {
        std::cerr << plan.error().message << "\n";
        return 1;
    }
    DrawInput input{
        sha256(std::string_view("benchmark announcement")), {{"beacon", "00ff"}}, std::nullopt};
    const Hash draw_seed = derive_seed(input.announcement_id, input.values);

    std::vector<Hash> tickets(rows);
    std::optional<Draw> draw;
    double tickets_s = 1e300, draw_s = 1e300, json_s = 1e300, evp_s = 1e300;
    bool same = true;
    std::string document;
    for (int round = 0; round < repeat; ++round) {
        tickets_s = std::min(tickets_s, timed([&] {
                                 KeyedHash key(draw_seed);
                                 for (std::uint64_t i = 0; i < rows; ++i)
                                     tickets[i] = key.ticket(table.code(i));
                             }));
        draw_s =
            std::min(draw_s, timed([&] {
                         draw.reset();
                         auto result = Draw::run(*plan, {table, staff, declared}, history, input);
                         if (!result) {
                             std::cerr << result.error().message << "\n";
                             std::exit(1);
                         }
                         draw.emplace(std::move(*result));
                     }));
        json_s = std::min(json_s, timed([&] { document = draw_result_json(draw->result()); }));
        evp_s = std::min(evp_s, timed([&] {
                             EvpTickets evp(draw_seed);
                             for (std::uint64_t i = 0; i < rows; ++i)
                                 same = same && evp.ticket(table.code(i)) == tickets[i];
                         }));
    }

    const DrawResult& r = draw->result();
    std::printf(
        "instance     %llu enterprises, %llu inspectors, %llu conflicts, 3 strata at %s, team size "
        "2%s%s\n",
        static_cast<unsigned long long>(rows), static_cast<unsigned long long>(inspectors),
        static_cast<unsigned long long>(conflicts), ratio.c_str(),
        own_region ? ", not own region" : "",
        history_draws > 0
            ? (", " + std::to_string(history_draws) + " earlier draws, not last inspector").c_str()
            : "");
    std::printf("selected     %zu entities; workload bounds [%u, %u]\n", r.selected.size(),
                r.groups[0].lo, r.groups[0].hi);
    std::printf("generate     %.3f s (table of rows, not timed below)\n", generate_s);
    std::printf("tickets      %.3f s  (baseline: %llu HMAC tickets alone)\n", tickets_s,
                static_cast<unsigned long long>(rows));
    std::printf("draw         %.3f s  (selection, bounds, teams, result)\n", draw_s);
    std::printf("             best of %d alternating runs each\n", repeat);
    std::printf("ratio        %.2f × the tickets alone\n", draw_s / tickets_s);
    std::printf("result json  %.3f s  (%zu bytes)\n", json_s, document.size());
    std::printf(
        "tickets/EVP  %.3f s  (%.2f × the baseline: an EVP_MD_CTX duplicated per message; %s)\n",
        evp_s, evp_s / tickets_s, same ? "same tickets" : "DIFFERENT TICKETS");
    std::printf("peak memory  %ld MiB (whole process, including the generated instance)\n",
                peak_rss_mib());
    return same ? 0 : 1;
}
