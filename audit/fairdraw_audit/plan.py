"""Plan normalization (SPEC §5): defaults, ratios as exact fractions, plan_sha256.

The verifier needs the normalized plan to recompute plan_sha256 from a plan
as written, and reads every draw rule from the normalized form only.
"""
import re
from datetime import date
from fractions import Fraction

from . import cjson

ENTERPRISE_STATUSES = ["存续", "在业", "开业", "正常", "迁入", "停业", "歇业", "迁出", "注销", "吊销", "吊销未注销", "撤销"]
INSPECTOR_STATUSES = ["在岗", "离岗", "停职", "休假", "病假", "借调", "调离", "退休"]
STRATA_FIELDS = ["credit_class", "industry", "region", "entity_type", "jurisdiction", "grid", "status"]
ENTERPRISE_FIELDS = ["code", "name", "entity_type", "registration_authority", "jurisdiction", "region", "grid",
                     "industry", "status", "established", "last_inspected", "credit_class"]


class PlanError(ValueError):
    pass


def valid_date(s):
    if not isinstance(s, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", s):
        return False
    try:
        date(int(s[:4]), int(s[5:7]), int(s[8:]))
    except ValueError:
        return False
    return True


def parse_ratio(text, where):
    """A ratio string as a Fraction in (0, 1] whose denominator divides 10^6."""
    if not isinstance(text, str):
        raise PlanError(f"{where}: a ratio must be a string, found {text!r}")
    m = re.fullmatch(r"([0-9]+)/([0-9]+)", text)
    if m:
        if int(m.group(2)) == 0:
            raise PlanError(f"{where}: zero denominator in {text!r}")
        value = Fraction(int(m.group(1)), int(m.group(2)))
    else:
        m = re.fullmatch(r"([0-9]+)(?:\.([0-9]+))?(%?)", text)
        if not m:
            raise PlanError(f"{where}: {text!r} is not a decimal, a percentage or a fraction")
        whole, frac, pct = m.group(1), m.group(2) or "", m.group(3)
        value = Fraction(int(whole + frac), 10 ** len(frac))
        if pct:
            value /= 100
    if not 0 < value <= 1:
        raise PlanError(f"{where}: {text!r} is not in (0, 1]")
    if 10**6 % value.denominator:
        raise PlanError(f"{where}: {text!r} has more than 6 decimal places")
    return value


def ratio_text(value):
    return f"{value.numerator}/{value.denominator}"


def _obj(value, where, allowed):
    if not isinstance(value, dict):
        raise PlanError(f"{where}: expected an object")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise PlanError(f"{where}: unknown member {unknown[0]!r}")
    return value


def _get(obj, key, default):
    v = obj.get(key)
    return default if v is None else v


def _int(v, where, lo=0, hi=None):
    if isinstance(v, bool) or not isinstance(v, int) or v < lo or (hi is not None and v > hi):
        raise PlanError(f"{where}: expected an integer ≥ {lo}" + (f" and ≤ {hi}" if hi is not None else "") + f", found {v!r}")
    return v


def _strlist(v, where):
    if not isinstance(v, list) or any(not isinstance(x, str) for x in v):
        raise PlanError(f"{where}: expected a list of strings")
    return list(v)


def _str(v, where, nonempty=True):
    if not isinstance(v, str) or (nonempty and not v):
        raise PlanError(f"{where}: expected a non-empty string")
    return v


def normalize(plan):
    """The normalized plan of §5 (raises PlanError for what the verifier can see is invalid)."""
    top = ["format", "title", "department", "cooperating_departments", "items", "window", "population", "repeat",
           "strata", "rounding", "minimum_total_ratio", "team", "eligibility", "recusal", "confidential"]
    _obj(plan, "plan", top)
    if plan.get("format") != "fairdraw-plan-v1":
        raise PlanError("format: expected \"fairdraw-plan-v1\"")
    out = {"format": "fairdraw-plan-v1", "title": _str(plan.get("title"), "title"),
           "department": _str(plan.get("department"), "department"),
           "cooperating_departments": _strlist(_get(plan, "cooperating_departments", []), "cooperating_departments")}
    items = plan.get("items")
    if not isinstance(items, list) or not items:
        raise PlanError("items: expected at least one item")
    out["items"] = []
    for n, it in enumerate(items):
        _obj(it, f"items[{n}]", ["id", "name", "legal_basis", "category"])
        item = {k: _str(it.get(k), f"items[{n}].{k}") for k in ("id", "name", "legal_basis", "category")}
        if item["category"] not in ("一般", "重点"):
            raise PlanError(f"items[{n}].category: expected 一般 or 重点")
        out["items"].append(item)
    if len({i["id"] for i in out["items"]}) != len(out["items"]):
        raise PlanError("items: item ids repeat")
    w = _obj(plan.get("window"), "window", ["start", "end"])
    if not valid_date(w.get("start")) or not valid_date(w.get("end")) or w["start"] > w["end"]:
        raise PlanError("window: expected valid dates with start ≤ end")
    out["window"] = {"start": w["start"], "end": w["end"]}
    p = _obj(_get(plan, "population", {}), "population",
             ["status", "industry", "region", "entity_type", "jurisdiction", "legacy_codes"])
    pop = {"status": _strlist(_get(p, "status", ["存续", "在业", "开业", "正常"]), "population.status")}
    if not pop["status"] or any(s not in ENTERPRISE_STATUSES for s in pop["status"]):
        raise PlanError("population.status: expected a non-empty list of enterprise statuses")
    for k in ("industry", "region", "entity_type", "jurisdiction"):
        pop[k] = _strlist(_get(p, k, []), f"population.{k}")
    pop["legacy_codes"] = _get(p, "legacy_codes", "include")
    if pop["legacy_codes"] not in ("include", "exclude"):
        raise PlanError("population.legacy_codes: expected include or exclude")
    out["population"] = pop
    r = _obj(_get(plan, "repeat", {}), "repeat", ["within_days", "annual_cap"])
    out["repeat"] = {"within_days": _int(_get(r, "within_days", 0), "repeat.within_days"),
                     "annual_cap": _int(_get(r, "annual_cap", 0), "repeat.annual_cap")}
    out["strata"] = _strata(plan.get("strata"))
    out["rounding"] = _get(plan, "rounding", "ceil")
    if out["rounding"] not in ("ceil", "floor", "half_up"):
        raise PlanError("rounding: expected ceil, floor or half_up")
    mtr = plan.get("minimum_total_ratio")
    out["minimum_total_ratio"] = None if mtr is None else ratio_text(parse_ratio(mtr, "minimum_total_ratio"))
    out["team"] = _team(plan.get("team"))
    e = _obj(_get(plan, "eligibility", {}), "eligibility", ["status", "departments", "specialties"])
    el = {"status": _strlist(_get(e, "status", ["在岗"]), "eligibility.status"),
          "departments": _strlist(_get(e, "departments", []), "eligibility.departments"),
          "specialties": _strlist(_get(e, "specialties", []), "eligibility.specialties")}
    if not el["status"] or any(s not in INSPECTOR_STATUSES for s in el["status"]):
        raise PlanError("eligibility.status: expected a non-empty list of inspector statuses")
    if out["team"]["composition"] is not None and el["departments"]:
        raise PlanError("eligibility.departments: not allowed together with team.composition")
    out["eligibility"] = el
    rc = _obj(_get(plan, "recusal", {}), "recusal", ["not_own_region", "not_last_inspector"])
    out["recusal"] = {}
    for k in ("not_own_region", "not_last_inspector"):
        v = _get(rc, k, False)
        if not isinstance(v, bool):
            raise PlanError(f"recusal.{k}: expected true or false")
        out["recusal"][k] = v
    conf = _strlist(_get(plan, "confidential", ["credit_class"]), "confidential")
    if len(set(conf)) != len(conf) or any(f == "code" or f not in ENTERPRISE_FIELDS for f in conf):
        raise PlanError("confidential: expected enterprise field names other than code, each once")
    out["confidential"] = conf
    return out


def _strata(s):
    s = _obj(s, "strata", ["field", "unmatched", "groups"])
    field = s.get("field")
    if field is not None and field not in STRATA_FIELDS:
        raise PlanError(f"strata.field: {field!r} is not a strata field")
    unmatched = _get(s, "unmatched", "error")
    if unmatched not in ("error", "exclude"):
        raise PlanError("strata.unmatched: expected error or exclude")
    groups = s.get("groups")
    if not isinstance(groups, list) or not groups:
        raise PlanError("strata.groups: expected at least one group")
    if field is None and len(groups) != 1:
        raise PlanError("strata.groups: exactly one group when field is null")
    out, names, values = [], set(), set()
    for n, g in enumerate(groups):
        where = f"strata.groups[{n}]"
        _obj(g, where, ["name", "values", "ratio", "count", "min", "max"])
        name = _str(g.get("name"), where + ".name")
        if name in names:
            raise PlanError(f"{where}.name: {name!r} repeats")
        names.add(name)
        if (g.get("ratio") is None) == (g.get("count") is None):
            raise PlanError(f"{where}: exactly one of ratio and count")
        vals = g.get("values")
        if field is None:
            if vals is not None:
                raise PlanError(f"{where}.values: not allowed when strata.field is null")
        else:
            vals = _strlist(vals, where + ".values")
            if not vals:
                raise PlanError(f"{where}.values: must not be empty")
            for v in vals:
                if v in values:
                    raise PlanError(f"{where}.values: {v!r} appears in two groups")
                values.add(v)
        grp = {"name": name, "values": vals,
               "ratio": None if g.get("ratio") is None else ratio_text(parse_ratio(g["ratio"], where + ".ratio")),
               "count": None if g.get("count") is None else _int(g["count"], where + ".count"),
               "min": None if g.get("min") is None else _int(g["min"], where + ".min"),
               "max": None if g.get("max") is None else _int(g["max"], where + ".max")}
        if grp["min"] is not None and grp["max"] is not None and grp["min"] > grp["max"]:
            raise PlanError(f"{where}: min above max")
        out.append(grp)
    return {"field": field, "unmatched": unmatched, "groups": out}


def _team(t):
    t = _obj(t, "team", ["size", "composition", "workload_cap"])
    size = _int(t.get("size"), "team.size", 2, 999)
    comp = t.get("composition")
    if comp is not None:
        pairs = list(comp.items()) if isinstance(comp, dict) else comp
        if not isinstance(pairs, list):
            raise PlanError("team.composition: expected an object or a list of pairs")
        seen = set()
        norm = []
        for n, pr in enumerate(pairs):
            if not isinstance(pr, (list, tuple)) or len(pr) != 2:
                raise PlanError(f"team.composition[{n}]: expected [department, count]")
            dep = _str(pr[0], f"team.composition[{n}]")
            if dep in seen:
                raise PlanError(f"team.composition: {dep!r} repeats")
            seen.add(dep)
            norm.append([dep, _int(pr[1], f"team.composition[{dep}]", 1, 999)])
        if sum(c for _, c in norm) != size:
            raise PlanError("team.composition: counts do not sum to team.size")
        comp = sorted(norm, key=lambda p: p[0].encode("utf-8"))
    cap = t.get("workload_cap")
    if cap is not None:
        cap = _int(cap, "team.workload_cap", 1)
    return {"size": size, "composition": comp, "workload_cap": cap}


def plan_sha256(normalized):
    return cjson.doc_id(normalized)
