"""Replaying a draw and its substitutions from their inputs (SPEC §5–§10).

Used by the vector checks and by `fairdraw-audit replay`: the inputs are the
announcement (or its id with the plan, sources, snapshots and history), the
values as typed or as canonical values, and the substitution requests.
"""
from . import cjson, draw, plan as planmod, sources as srcmod
from .substitute import Refused, Substitutions


def canonical_values(sources, typed):
    return [[s["name"], srcmod.canonical_value(s, t)] for s, t in zip(sources, typed)]


def replay(normalized_plan, sources, values, enterprises, inspectors, conflicts, history, announcement_id,
           requests=()):
    """Returns a dict with seed, tickets, result, result_id, substitutions (records or Refused) and final teams."""
    seed = srcmod.seed(announcement_id, values)
    ctx = draw.Context(normalized_plan, enterprises, inspectors, conflicts, history, announcement_id, values, seed)
    out = {"seed": seed.hex(),
           "tickets": [[r["code"], draw.ticket(seed, r["code"]).hex()] for r in enterprises]}
    result, state = draw.run(ctx)
    out["result"] = result
    out["result_id"] = cjson.doc_id(result)
    subs = Substitutions(ctx, result, state, sources)
    records = []
    for req in requests:
        try:
            records.append(subs.apply(req["kind"], req.get("code") or None, req.get("inspector") or None,
                                      req.get("reason", ""), req.get("link") or None))
        except Refused as e:
            records.append(e)
    out["substitutions"] = records
    out["final_teams"] = subs.final_teams()
    return out


def replay_vector(v):
    """Replay a draw vector (docs/vectors/draw-*.json) from its inputs."""
    norm = planmod.normalize(v["plan"])
    sources = [srcmod.normalize_source(s) for s in v["sources"]]
    values = canonical_values(sources, v["typed"])
    reqs = [s["request"] for s in v["expected"].get("substitutions", [])]
    out = replay(norm, sources, values, v["enterprises"], v["inspectors"], v.get("conflicts"), v.get("history", []),
                 v["announcement_id"], reqs)
    out["normalized_plan"] = norm
    out["plan_sha256"] = planmod.plan_sha256(norm)
    out["values"] = values
    return out
