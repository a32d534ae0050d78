"""Substitutions (SPEC §10), replayed in order on the state a draw left.

State: the current entities with their teams, this draw's loads, the pair
counts P (history plus current teams), the entities ever selected, the
inspectors gone from the draw and the (inspector, entity) pairs barred.
"""
import hashlib

from . import cjson
from .draw import add_pairs, pair_count, pick, seat


class Refused(Exception):
    """The substitution cannot be applied; it changes nothing and takes no number."""


class Substitutions:
    def __init__(self, ctx, result, state, sources):
        self.ctx = ctx
        self.result_id = cjson.doc_id(result)
        self.seed = ctx.seed
        self.grp = state["grp"]
        self.pools = state["stratum_pools"]
        self.entities = {e["code"]: dict(e) for e in state["selected"]}
        self.teams = {c: list(t) for c, t in state["teams"].items()}
        self.load = dict(state["load"])
        self.pairs = ctx.history_pairs()
        for t in self.teams.values():
            add_pairs(self.pairs, [x["inspector"] for x in t], 1)
        self.ever = set(self.entities)
        self.gone = set()
        self.barred = set()
        self.number = 0
        self.cap = ctx.plan["team"]["workload_cap"]
        self.chain = None
        self.link = None
        for src in sources:
            if src["kind"] == "secret" and (src.get("chain") or 1) > 1:
                self.chain = src["chain"]
                self.link = dict(ctx.values)[src["name"]]

    def current_order(self):
        return sorted(self.entities, key=lambda c: (self.entities[c]["ticket"], c.encode("utf-8")))

    def _members(self, code):
        return [x["inspector"] for x in self.teams[code] if x is not None]

    def _refill(self, code, s, k, seed_k):
        gi = self.grp.slots[s]
        members = self._members(code)
        cands = [i for i in self.grp.groups[gi]["members"]
                 if self.ctx.allowed(i, code) and i not in members
                 and (self.cap is None or self.load[i] < self.cap)
                 and i not in self.gone and (i, code) not in self.barred]
        if not cands:
            raise Refused(f"no candidate left for position {s} of {code}")
        keyed = [(self.load[i], sum(pair_count(self.pairs, i, t) for t in members)) for i in cands]
        best = min(keyed)
        cands = [i for i, key in zip(cands, keyed) if key == best]
        idx, r = pick(seed_k, "fairdraw-substitute-v1", code, k * 1000 + s, len(cands))
        self.teams[code][s] = seat(gi, cands[idx], len(cands), r)
        self.load[cands[idx]] += 1
        return self.teams[code][s]

    def apply(self, kind, code, inspector, reason, link):
        """Apply one substitution; returns its record, or raises Refused leaving the state unchanged."""
        snapshot = (dict(self.entities), {c: list(t) for c, t in self.teams.items()}, dict(self.load),
                    dict(self.pairs), set(self.ever), set(self.gone), set(self.barred), self.link)
        try:
            return self._apply(kind, code, inspector, reason, link)
        except Refused:
            (self.entities, self.teams, self.load, self.pairs, self.ever, self.gone, self.barred,
             self.link) = snapshot
            raise

    def _apply(self, kind, code, inspector, reason, link):
        if not reason:
            raise Refused("a substitution needs a reason")
        k = self.number + 1
        if self.chain is not None and k <= self.chain - 1:
            if not link:
                raise Refused(f"substitution {k} needs the next link of the secret chain")
            if hashlib.sha256(bytes.fromhex(link)).hexdigest() != self.link:
                raise Refused(f"the link of substitution {k} does not hash to the previous link")
            link = link.lower()
            seed_k = hashlib.sha256(cjson.dumpb(["fairdraw-substitution-seed-v1", self.seed.hex(), k, link])).digest()
            self.link = link
        else:
            if link:
                raise Refused(f"substitution {k}: the secret chain is used up, no link is given")
            link = None
            seed_k = self.seed
        record = {"code": code, "draw": self.result_id, "format": "fairdraw-substitution-v1",
                  "inspector": inspector, "kind": kind, "link": link, "number": k, "reason": reason,
                  "refills": [], "replacement": None, "seed": seed_k.hex()}
        if kind == "entity":
            if code not in self.entities:
                raise Refused(f"{code} is not a selected entity of the draw")
            old = self.entities.pop(code)
            members = self._members(code)
            for i in members:
                self.load[i] -= 1
            add_pairs(self.pairs, members, -1)
            del self.teams[code]
            new = next((e for e in self.pools[old["stratum"]] if e["code"] not in self.ever), None)
            if new is None:
                raise Refused(f"the pool of stratum {old['stratum']} has no row left")
            ncode = new["code"]
            self.ever.add(ncode)
            self.entities[ncode] = dict(new)
            self.teams[ncode] = [None] * len(self.grp.slots)
            for s in range(len(self.grp.slots)):
                self._refill(ncode, s, k, seed_k)
            add_pairs(self.pairs, self._members(ncode), 1)
            record["inspector"] = None
            record["replacement"] = {"code": ncode, "stratum": new["stratum"], "team": self.teams[ncode],
                                     "ticket": new["ticket"].hex()}
        elif kind == "inspector":
            if code is not None:
                if code not in self.entities or inspector not in self._members(code):
                    raise Refused(f"inspector {inspector} is not in the team of {code}")
                affected = [code]
                self.barred.add((inspector, code))
            else:
                affected = [c for c in self.entities if inspector in self._members(c)]
                if not affected:
                    raise Refused(f"inspector {inspector} is in no team of the draw")
                self.gone.add(inspector)
            vacated = {}
            for c in affected:
                s = next(p for p, x in enumerate(self.teams[c]) if x is not None and x["inspector"] == inspector)
                self.teams[c][s] = None
                self.load[inspector] -= 1
                for t in self._members(c):
                    add_pairs(self.pairs, [inspector, t], -1)
                vacated[c] = s
            for c in self.current_order():
                if c not in vacated:
                    continue
                s = vacated[c]
                st = self._refill(c, s, k, seed_k)
                for t in self._members(c):
                    if t != st["inspector"]:
                        add_pairs(self.pairs, [st["inspector"], t], 1)
                record["refills"].append({"code": c, "left": inspector, "position": s, "seat": st})
        else:
            raise Refused(f"unknown substitution kind {kind!r}")
        self.number = k
        return record

    def final_teams(self):
        return [[c, self._members(c)] for c in sorted(self.teams, key=lambda c: c.encode("utf-8"))]
