// maxflow.h — maximum flow (Dinic's algorithm) for the workload bounds of §9.4.
//
// Each edge stores its capacity and flow once; its two arcs (forward with
// residual capacity − flow, backward with residual flow) are derived. Node and
// edge numbers are 32-bit, so a graph of a few million edges stays compact.
// reset() sets every flow to zero, so one graph serves a whole search over
// capacities (set_capacity).
#pragma once

#include <cstdint>
#include <vector>

namespace fairdraw::detail {

class MaxFlow {
  public:
    explicit MaxFlow(std::uint32_t nodes) : m_adjacent(nodes), m_level(nodes), m_next(nodes) {}

    std::uint32_t add_edge(std::uint32_t from, std::uint32_t to, std::int64_t capacity);
    void set_capacity(std::uint32_t edge, std::int64_t capacity) { m_capacity[edge] = capacity; }
    void reset();  // zero flow

    std::int64_t run(std::uint32_t source, std::uint32_t sink);
    std::int64_t flow(std::uint32_t edge) const { return m_flow[edge]; }
    // Nodes reachable from `source` through arcs with residual capacity.
    std::vector<char> reachable(std::uint32_t source) const;

  private:
    // Arc a: edge a / 2, forward when a is even.
    std::int64_t residual(std::uint32_t arc) const {
        const std::uint32_t e = arc / 2;
        return arc % 2 == 0 ? m_capacity[e] - m_flow[e] : m_flow[e];
    }
    void push_arc(std::uint32_t arc, std::int64_t amount) {
        m_flow[arc / 2] += arc % 2 == 0 ? amount : -amount;
    }
    std::uint32_t head(std::uint32_t arc) const { return m_ends[arc ^ 1]; }
    bool levels(std::uint32_t source, std::uint32_t sink);
    std::int64_t push(std::uint32_t node, std::uint32_t sink, std::int64_t limit);

    std::vector<std::vector<std::uint32_t>> m_adjacent;  // arcs leaving each node
    std::vector<std::uint32_t> m_ends;                   // arc a starts at m_ends[a]
    std::vector<std::int64_t> m_capacity, m_flow;        // per edge
    std::vector<int> m_level;
    std::vector<std::uint32_t> m_next;
};

}  // namespace fairdraw::detail
