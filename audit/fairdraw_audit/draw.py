"""The draw fairdraw-draw-v1 (SPEC §7–§9): selection of entities and inspector teams.

Written from the text of the spec, step by step, in the order the spec gives:
plain lists and loops rather than anything clever, so that an auditor can
read it beside the spec. The result is the document of §9.10.
"""
from datetime import date, timedelta
from fractions import Fraction

from . import cjson
from .flow import assignment_exists

LONG_TERM = ("9999-09-09", "长期")


class DrawImpossible(Exception):
    """The values are valid but no draw exists (§8.3 unmatched, §8.4, §9.4)."""


def pick(seed, label, a, b, n):
    """SPEC §7: uniform choice among n things; returns (index, value r)."""
    limit = 2**64 - (2**64 % n)
    c = 0
    while True:
        r = int.from_bytes(cjson.keyed(seed, label, a, b, c)[:8], "big")
        if r < limit:
            return r % n, r
        c += 1


def ticket(seed, code):
    return cjson.keyed(seed, "fairdraw-ticket-v1", code)


def inspector_id(row):
    """§3.4: the id column when the file has one (then every row has it), else the certificate number."""
    return row["id"] if "id" in row else row["certificate_no"]


def _is_legacy(code):
    return len(code) == 15 and code.isascii() and code.isdigit()


def _d(s):
    return date(int(s[:4]), int(s[5:7]), int(s[8:]))


def _bytes(s):
    return s.encode("utf-8")


def _specialties(text):
    parts = [text]
    for sep in (",", "，", "、"):
        parts = [q for p in parts for q in p.split(sep)]
    return {p.strip(" \u3000") for p in parts} - {""}


def _valid_date(s):
    try:
        return len(s) == 10 and s[4] == "-" and s[7] == "-" and _d(s) is not None
    except ValueError:
        return False


class Context:
    """Everything a draw depends on: the normalized plan, the snapshots' rows and the history."""

    def __init__(self, plan, enterprises, inspectors, conflicts, history, announcement_id, values, seed):
        self.plan = plan
        self.enterprises = sorted(enterprises, key=lambda r: _bytes(r["code"]))
        self.inspectors = sorted(inspectors, key=lambda r: _bytes(inspector_id(r)))
        self.conflicts = {(c["inspector"], c["entity"]) for c in (conflicts or [])}
        self.history = history
        self.announcement_id = announcement_id
        self.values = values
        self.seed = seed
        self.by_code = {r["code"]: r for r in self.enterprises}
        if len(self.by_code) != len(self.enterprises):
            raise DrawImpossible("the enterprise snapshot holds a code twice")
        self.insp_by_id = {inspector_id(r): r for r in self.inspectors}
        if len(self.insp_by_id) != len(self.inspectors):
            raise DrawImpossible("the inspector snapshot holds an id twice")
        # last history team of each entity, for not_last_inspector
        self.last_team = {}
        for h in history:
            for code, team in h["teams"]:
                self.last_team[code] = set(team)

    def history_pairs(self):
        pairs = {}
        for h in self.history:
            for _, team in h["teams"]:
                add_pairs(pairs, team, 1)
        return pairs

    def allowed(self, insp_id, code):
        if (insp_id, code) in self.conflicts:
            return False
        rec = self.plan["recusal"]
        if rec["not_own_region"]:
            ir = self.insp_by_id[insp_id].get("region", "")
            if ir and ir == self.by_code[code].get("region", ""):
                return False
        if rec["not_last_inspector"] and insp_id in self.last_team.get(code, ()):
            return False
        return True


def add_pairs(pairs, members, delta):
    members = [m for m in members if m is not None]
    for x in range(len(members)):
        for y in range(x + 1, len(members)):
            key = tuple(sorted((members[x], members[y])))
            pairs[key] = pairs.get(key, 0) + delta


def pair_count(pairs, a, b):
    return pairs.get(tuple(sorted((a, b))), 0)


# ---------------------------------------------------------------- §8 selection

def select(ctx):
    """§8: returns (pool info, strata info, list of strata pools, selected entities in selected order)."""
    plan = ctx.plan
    pop = plan["population"]
    S = _d(plan["window"]["start"])
    d, a = plan["repeat"]["within_days"], plan["repeat"]["annual_cap"]
    counts = {"rows": len(ctx.enterprises), "population": 0, "recent": 0, "annual_cap": 0, "unmatched": 0, "size": 0}
    pool = []
    for row in ctx.enterprises:
        code = row["code"]
        if row.get("status", "") not in pop["status"]:
            continue
        if any(pop[f] and row.get(f, "") not in pop[f] for f in ("industry", "region", "entity_type", "jurisdiction")):
            continue
        if pop["legacy_codes"] == "exclude" and _is_legacy(code):
            continue
        counts["population"] += 1
        L = _d(row["last_inspected"]) if _valid_date(row.get("last_inspected", "")) else None
        if d > 0:
            lo = S - timedelta(days=d)
            recent = L is not None and lo <= L <= S
            for h in ctx.history:
                W = _d(h["window_start"])
                if lo <= W <= S and any(c == code for c, _ in h["teams"]):
                    recent = True
            if recent:
                counts["recent"] += 1
                continue
        if a > 0:
            starts = [h["window_start"] for h in ctx.history
                      if _d(h["window_start"]).year == S.year and any(c == code for c, _ in h["teams"])]
            n = len(starts)
            if L is not None and L.year == S.year and row["last_inspected"] not in starts:
                n += 1
            if n >= a:
                counts["annual_cap"] += 1
                continue
        pool.append(row)
    st = plan["strata"]
    groups = st["groups"]
    members = [[] for _ in groups]
    unmatched = {}
    for row in pool:
        if st["field"] is None:
            members[0].append(row)
            continue
        v = row.get(st["field"], "")
        for gi, g in enumerate(groups):
            if v in g["values"]:
                members[gi].append(row)
                break
        else:
            unmatched[v] = unmatched.get(v, 0) + 1
    if unmatched and st["unmatched"] == "error":
        listing = ", ".join(f"{v!r}: {n} rows" for v, n in sorted(unmatched.items()))
        raise DrawImpossible(f"strata: pool rows match no group ({listing})")
    counts["unmatched"] = sum(unmatched.values())
    counts["size"] = sum(len(m) for m in members)
    ks = []
    for g, m in zip(groups, members):
        n = len(m)
        if g["count"] is not None:
            k = g["count"]
        else:
            num, den = (int(x) for x in g["ratio"].split("/"))
            rounding = plan["rounding"]
            if rounding == "ceil":
                k = -((-n * num) // den)
            elif rounding == "floor":
                k = (n * num) // den
            else:
                k = (2 * n * num + den) // (2 * den)
        if g["min"] is not None:
            k = max(k, g["min"])
        if g["max"] is not None:
            k = min(k, g["max"])
        ks.append(min(k, n))
    if plan["minimum_total_ratio"] is not None:
        num, den = (int(x) for x in plan["minimum_total_ratio"].split("/"))
        N = counts["size"]
        need = -((-N * num) // den)
        if sum(ks) < need:
            raise DrawImpossible(f"minimum_total_ratio: {sum(ks)} selected, {need} required of a pool of {N}")
    strata, selected, stratum_pools = [], [], []
    for gi, (g, m, k) in enumerate(zip(groups, members, ks)):
        ordered = sorted(({"code": r["code"], "ticket": ticket(ctx.seed, r["code"]), "stratum": gi} for r in m),
                         key=lambda x: (x["ticket"], _bytes(x["code"])))
        stratum_pools.append(ordered)
        strata.append({"count": k, "cutoff": ordered[k - 1]["ticket"].hex() if k else None, "name": g["name"],
                       "pool": len(m)})
        selected.extend(ordered[:k])
    selected.sort(key=lambda x: (x["ticket"], _bytes(x["code"])))
    return counts, strata, stratum_pools, selected


# ---------------------------------------------------------------- §9 teams

class Groups:
    """§9.1–9.2: eligible inspectors (in snapshot order) and their groups."""

    def __init__(self, ctx):
        plan = ctx.plan
        el = plan["eligibility"]
        comp = plan["team"]["composition"]
        end = plan["window"]["end"]
        self.eligible = []
        for row in ctx.inspectors:
            if row.get("status", "") not in el["status"]:
                continue
            exp = row.get("certificate_expiry", "")
            if exp not in LONG_TERM and not (_valid_date(exp) and exp >= end):
                continue
            dep = row.get("department", "")
            if comp is not None:
                if dep not in [c[0] for c in comp]:
                    continue
            elif el["departments"] and dep not in el["departments"]:
                continue
            if el["specialties"] and not (_specialties(row.get("specialty", "")) & set(el["specialties"])):
                continue
            self.eligible.append(inspector_id(row))
        self.order = {iid: n for n, iid in enumerate(self.eligible)}
        if comp is not None:
            self.groups = [{"department": dep, "need": r} for dep, r in comp]
            dep_of = {inspector_id(r): r.get("department", "") for r in ctx.inspectors}
            for g in self.groups:
                g["members"] = [i for i in self.eligible if dep_of[i] == g["department"]]
        else:
            self.groups = [{"department": None, "need": plan["team"]["size"], "members": list(self.eligible)}]
        self.group_of = {}
        self.slots = []  # slot s -> group index
        for gi, g in enumerate(self.groups):
            for i in g["members"]:
                self.group_of[i] = gi
            self.slots.extend([gi] * g["need"])


def bounds(ctx, grp, selected, cap):
    """§9.4: (hi_g, lo_g) for every group, or DrawImpossible."""
    out = []
    E = len(selected)
    for gi, g in enumerate(grp.groups):
        if E == 0:
            out.append((0, 0))
            continue
        members, r = g["members"], g["need"]
        by_set = {}
        for e in selected:
            key = tuple(m for m, i in enumerate(members) if ctx.allowed(i, e["code"]))
            by_set[key] = by_set.get(key, 0) + 1
        allowed = sorted(by_set.items())
        top = E if cap is None else min(E, cap)
        if len(members) < r or not assignment_exists(allowed, len(members), r, 0, top):
            dep = g["department"] or "all eligible inspectors"
            raise DrawImpossible(f"team group {gi} ({dep}): no assignment of {r} members to each of {E} entities "
                                 f"within the workload cap {cap}")
        lo_h, hi_h = -(-E * r // len(members)), top  # no h below the average can work
        if lo_h <= hi_h and assignment_exists(allowed, len(members), r, 0, lo_h):
            hi_h = lo_h  # the usual case: the average, rounded up, is enough
        while lo_h < hi_h:
            mid = (lo_h + hi_h) // 2
            if assignment_exists(allowed, len(members), r, 0, mid):
                hi_h = mid
            else:
                lo_h = mid + 1
        hi = lo_h
        a, b = 0, min(hi, E * r // len(members))  # no l above the average can work
        if assignment_exists(allowed, len(members), r, b, hi):
            a = b  # the usual case: every load within one of the average
        while a < b:
            mid = (a + b + 1) // 2
            if assignment_exists(allowed, len(members), r, mid, hi):
                a = mid
            else:
                b = mid - 1
        out.append((hi, a))
    return out


def seat(group, insp, candidates, pick_value):
    return {"candidates": candidates, "group": group, "inspector": insp,
            "pick": pick_value if isinstance(pick_value, str) else f"{pick_value:016x}"}


def make_teams(ctx, grp, selected):
    """§9.4–9.8: the teams (lists of seats, one per position) and the loads."""
    plan = ctx.plan
    cap = plan["team"]["workload_cap"]
    bnds = bounds(ctx, grp, selected, cap)
    size = plan["team"]["size"]
    teams = {e["code"]: [None] * size for e in selected}
    load = {i: 0 for i in grp.eligible}
    pairs = ctx.history_pairs()
    opened = []
    for e in selected:
        code = e["code"]
        team = teams[code]
        for s, gi in enumerate(grp.slots):
            hi = bnds[gi][0]
            members = [x["inspector"] for x in team if x is not None]
            cands = [i for i in grp.groups[gi]["members"]
                     if ctx.allowed(i, code) and i not in members and load[i] < hi]
            if not cands:
                opened.append((code, s))
                continue
            keyed = [(load[i], sum(pair_count(pairs, i, t) for t in members)) for i in cands]
            best = min(keyed)
            cands = [i for i, k in zip(cands, keyed) if k == best]
            idx, r = pick(ctx.seed, "fairdraw-team-v1", code, s, len(cands))
            team[s] = seat(gi, cands[idx], len(cands), r)
            load[cands[idx]] += 1
        if all(x is not None for x in team):
            add_pairs(pairs, [x["inspector"] for x in team], 1)
    order = [e["code"] for e in selected]
    for code, s in opened:
        _complete(ctx, grp, teams, order, load, code, s, bnds)
    for gi, g in enumerate(grp.groups):
        lo = bnds[gi][1]
        for j in g["members"]:
            while load[j] < lo:
                _raise(ctx, grp, teams, order, load, gi, j, lo)
    return teams, load, bnds


def _members(team):
    return [x["inspector"] for x in team if x is not None]


def _complete(ctx, grp, teams, order, load, code, s, bnds):
    """§9.7: a breadth-first chain of moves that fills open position s of entity code."""
    gi = grp.slots[s]
    hi = bnds[gi][0]
    gm = grp.groups[gi]["members"]
    in_e = _members(teams[code])
    parent = {}
    queue = [i for i in gm if ctx.allowed(i, code) and i not in in_e]
    visited = set(queue)
    end = None
    qi = 0
    while qi < len(queue) and end is None:
        u = queue[qi]
        qi += 1
        for f in order:
            if end is not None:
                break
            if u not in _members(teams[f]):
                continue
            in_f = _members(teams[f])
            for v in gm:
                if v in visited or not ctx.allowed(v, f) or v in in_f:
                    continue
                visited.add(v)
                parent[v] = (u, f)
                if load[v] < hi:
                    end = v
                    break
                queue.append(v)
    if end is None:
        raise DrawImpossible(f"completion found no chain for position {s} of {code} (hi_g = {hi} infeasible)")
    v = end
    load[v] += 1
    while v in parent:
        u, f = parent[v]
        pos = next(p for p, x in enumerate(teams[f]) if x is not None and x["inspector"] == u)
        teams[f][pos] = seat(gi, v, None, "completion")
        v = u
    teams[code][s] = seat(gi, v, None, "completion")


def _raise(ctx, grp, teams, order, load, gi, j, lo):
    """§9.8: a breadth-first chain of moves that gives member j one more entity."""
    gm = grp.groups[gi]["members"]
    parent = {}
    visited = {j}
    queue = [j]
    end = None
    qi = 0
    while qi < len(queue) and end is None:
        x = queue[qi]
        qi += 1
        for f in order:
            if end is not None:
                break
            if not ctx.allowed(x, f) or x in _members(teams[f]):
                continue
            for pos, st in enumerate(teams[f]):
                if st is None or st["group"] != gi:
                    continue
                u = st["inspector"]
                if u in visited:
                    continue
                visited.add(u)
                parent[u] = (x, f)
                if load[u] > lo:
                    end = u
                    break
                queue.append(u)
    if end is None:
        raise DrawImpossible(f"raising found no chain for inspector {j} (lo_g = {lo} infeasible)")
    u = end
    load[u] -= 1
    load[j] += 1
    while u in parent:
        x, f = parent[u]
        pos = next(p for p, st in enumerate(teams[f]) if st is not None and st["inspector"] == u)
        teams[f][pos] = seat(gi, x, None, "raising")
        u = x


def run(ctx):
    """The whole draw: returns (result document, state for substitutions)."""
    counts, strata, stratum_pools, selected = select(ctx)
    grp = Groups(ctx)
    teams, load, bnds = make_teams(ctx, grp, selected)
    result = {
        "algorithm": "fairdraw-draw-v1",
        "announcement": ctx.announcement_id,
        "format": "fairdraw-draw-result-v1",
        "groups": [{"department": g["department"], "hi": bnds[gi][0], "lo": bnds[gi][1],
                    "members": len(g["members"]), "need": g["need"]} for gi, g in enumerate(grp.groups)],
        "loads": [{"group": grp.group_of[i], "inspector": i, "load": load[i]} for i in grp.eligible],
        "pool": counts,
        "seed": ctx.seed.hex(),
        "selected": [{"code": e["code"], "stratum": e["stratum"], "team": teams[e["code"]],
                      "ticket": e["ticket"].hex()} for e in selected],
        "strata": strata,
        "values": ctx.values,
    }
    state = {"grp": grp, "stratum_pools": stratum_pools, "selected": selected, "teams": teams, "load": load}
    return result, state


def result_id(result):
    return cjson.doc_id(result)
