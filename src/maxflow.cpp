#include "maxflow.h"

#include <algorithm>
#include <limits>

namespace fairdraw::detail {

std::uint32_t MaxFlow::add_edge(std::uint32_t from, std::uint32_t to, std::int64_t capacity) {
    const auto e = static_cast<std::uint32_t>(m_capacity.size());
    m_capacity.push_back(capacity);
    m_flow.push_back(0);
    m_ends.push_back(from);  // arc 2e: from → to
    m_ends.push_back(to);    // arc 2e + 1: to → from
    m_adjacent[from].push_back(2 * e);
    m_adjacent[to].push_back(2 * e + 1);
    return e;
}

void MaxFlow::reset() {
    std::fill(m_flow.begin(), m_flow.end(), 0);
}

bool MaxFlow::levels(std::uint32_t source, std::uint32_t sink) {
    std::fill(m_level.begin(), m_level.end(), -1);
    std::vector<std::uint32_t> queue{source};
    m_level[source] = 0;
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const std::uint32_t u = queue[q];
        for (std::uint32_t arc : m_adjacent[u]) {
            const std::uint32_t v = head(arc);
            if (m_level[v] < 0 && residual(arc) > 0) {
                m_level[v] = m_level[u] + 1;
                queue.push_back(v);
            }
        }
    }
    return m_level[sink] >= 0;
}

std::int64_t MaxFlow::push(std::uint32_t node, std::uint32_t sink, std::int64_t limit) {
    if (node == sink) return limit;
    for (; m_next[node] < m_adjacent[node].size(); ++m_next[node]) {
        const std::uint32_t arc = m_adjacent[node][m_next[node]];
        const std::uint32_t v = head(arc);
        const std::int64_t room = residual(arc);
        if (room <= 0 || m_level[v] != m_level[node] + 1) continue;
        const std::int64_t pushed = push(v, sink, std::min(limit, room));
        if (pushed > 0) {
            push_arc(arc, pushed);
            return pushed;
        }
    }
    return 0;
}

std::int64_t MaxFlow::run(std::uint32_t source, std::uint32_t sink) {
    std::int64_t total = 0;
    while (levels(source, sink)) {
        std::fill(m_next.begin(), m_next.end(), 0);
        while (std::int64_t pushed = push(source, sink, std::numeric_limits<std::int64_t>::max()))
            total += pushed;
    }
    return total;
}

std::vector<char> MaxFlow::reachable(std::uint32_t source) const {
    std::vector<char> seen(m_adjacent.size(), 0);
    std::vector<std::uint32_t> stack{source};
    seen[source] = 1;
    while (!stack.empty()) {
        const std::uint32_t u = stack.back();
        stack.pop_back();
        for (std::uint32_t arc : m_adjacent[u]) {
            const std::uint32_t v = head(arc);
            if (!seen[v] && residual(arc) > 0) {
                seen[v] = 1;
                stack.push_back(v);
            }
        }
    }
    return seen;
}

}  // namespace fairdraw::detail
