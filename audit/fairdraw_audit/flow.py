"""Maximum flow (Dinic), used for the team bounds hi_g and lo_g of SPEC §9.4.

The spec defines the bounds as properties of the instance and says any exact
method gives the same numbers; this one decides each candidate bound by a
flow, with lower bounds on the member edges handled by the usual reduction to
a flow from a new source to a new sink.
"""
from collections import deque

INF = float("inf")


class Flow:
    def __init__(self, n):
        self.n = n
        self.graph = [[] for _ in range(n)]  # edges as [to, cap, index of reverse]

    def add(self, u, v, cap):
        self.graph[u].append([v, cap, len(self.graph[v])])
        self.graph[v].append([u, 0, len(self.graph[u]) - 1])

    def _bfs(self, s, t):
        self.level = [-1] * self.n
        self.level[s] = 0
        q = deque([s])
        while q:
            u = q.popleft()
            for v, cap, _ in self.graph[u]:
                if cap > 0 and self.level[v] < 0:
                    self.level[v] = self.level[u] + 1
                    q.append(v)
        return self.level[t] >= 0

    def _dfs(self, u, t, f):
        if u == t:
            return f
        edges = self.graph[u]
        while self.it[u] < len(edges):
            e = edges[self.it[u]]
            v, cap, rev = e
            if cap > 0 and self.level[v] == self.level[u] + 1:
                d = self._dfs(v, t, min(f, cap))
                if d > 0:
                    e[1] -= d
                    self.graph[v][rev][1] += d
                    return d
            self.it[u] += 1
        return 0

    def max_flow(self, s, t):
        total = 0
        while self._bfs(s, t):
            self.it = [0] * self.n
            while True:
                f = self._dfs(s, t, INF)
                if f == 0:
                    break
                total += f
        return total


def assignment_exists(classes, n_members, need, lo, hi):
    """Can every entity get `need` distinct allowed members, each member used lo..hi times?

    classes lists (allowed member indices, number of entities) for entities
    grouped by their allowed set. A class of c entities is one node: a member
    serves at most c of them, and any split of the class's c·need seats with
    at most c per member is c sets of need distinct members (Gale–Ryser with
    equal row sums), so grouping gives the same answer with far fewer edges.
    """
    if lo > hi or n_members < need:
        return False
    n_e = sum(c for _, c in classes)
    # nodes: 0 S, 1 T, 2 S', 3 T', classes, members
    S, T, S2, T2 = 0, 1, 2, 3
    base_e, base_m = 4, 4 + len(classes)
    g = Flow(base_m + n_members)
    for e, (members, count) in enumerate(classes):
        g.add(S2, base_e + e, need * count)  # S→class has lower = upper = need·count
        for m in members:
            g.add(base_e + e, base_m + m, count)
    for m in range(n_members):
        if hi - lo > 0:
            g.add(base_m + m, T, hi - lo)
        if lo:
            g.add(base_m + m, T2, lo)
    if lo:
        g.add(S2, T, lo * n_members)
    g.add(S, T2, need * n_e)
    g.add(T, S, INF)
    demand = need * n_e + lo * n_members
    return g.max_flow(S2, T2) == demand
