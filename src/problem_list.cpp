#include "fairdraw/problem_list.h"

#include <algorithm>

namespace fairdraw {

void ProblemList::add(Problem problem) {
    ++m_total;
    if (m_kept.size() < m_cap) m_kept.push_back(std::move(problem));
}

void ProblemList::merge(const ProblemList& other) {
    for (const auto& p : other.m_kept) add(p);
    m_total += other.m_total - other.m_kept.size();
}

Error ProblemList::to_error(std::string message) const {
    std::vector<Problem> sorted = m_kept;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    return Error::problems(std::move(message), std::move(sorted), m_total - m_kept.size());
}

}  // namespace fairdraw
