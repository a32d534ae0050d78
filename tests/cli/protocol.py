"""Helpers for the end-to-end tests of plan check, announce, draw and substitute.

Besides running the binary, this module re-computes what a reader of
docs/SPEC.md can compute on their own, with Python's hashlib, hmac and json
only: announcement ids (§6), seeds (§7), tickets (§8.5), hash chains (§6),
public rows (§6.2). Tests compare fairdraw's output with these.
"""
import hashlib
import hmac
import json
import sqlite3
from pathlib import Path

from fdtest import LISTS, WorkspaceTest, run, workspace_state

SAMPLE = LISTS / "sample"
PLAN = SAMPLE / "plan.json"

ANNOUNCED_AT = "2026-11-20T02:00:00Z"
NOT_BEFORE = "2026-12-01T21:30:00+08:00"  # 13:30 UTC
NOT_BEFORE_UTC = "2026-12-01T13:30:00Z"
LOTTERY_AT = "2026-12-01T21:15:00+08:00"
DRAW_AT = "2026-12-01T13:31:00Z"

LOTTERY = "福彩3D 第2026320期"
NOTARY = "公证员 王某"
WITNESS = "企业代表 李某"
OPERATOR = "操作员"

SECRET = bytes.fromhex("5a" * 32)  # the operator's secret s in these tests
CHAIN = 3


def canonical(value) -> bytes:
    """docs/SPEC.md §2, as Python writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def h(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def chain_value(n: int) -> bytes:
    """H^n(SECRET)."""
    v = SECRET
    for _ in range(n):
        v = h(v)
    return v


def link(round_: int, chain: int = CHAIN) -> str:
    """The value revealed in round k: v_(k+1) = H^(n-1-k)(s) (SPEC §6, §10)."""
    return chain_value(chain - 1 - round_).hex()


def replaceable(result: dict) -> list:
    """Drawn entities whose stratum has undrawn rows left, in selected order.

    The seed names the announcement, whose id covers the sealed roots, and the
    seal key is random per announcement; so which drawn entity sits where
    changes from run to run. A stratum drawn at 100% has nothing left to
    replace an entity with, so entity substitutions pick from this list.
    """
    strata = result["strata"]
    return [e for e in result["selected"] if strata[e["stratum"]]["pool"] > strata[e["stratum"]]["count"]]


def sources(chain: int = CHAIN, lottery_expected: str = LOTTERY_AT):
    out = [
        f"numbers:{LOTTERY}:count=3:min=0:max=9:expected={lottery_expected}",
        f"witness:{NOTARY}:digits=6",
        f"witness:{WITNESS}:digits=6",
    ]
    if chain:
        out.append(f"secret:{OPERATOR}:sha256={chain_value(chain).hex()}:chain={chain}")
    return out


def values(lottery="3 5 8", notary="384615", witness="007912", secret=None, chain: int = CHAIN):
    out = {LOTTERY: lottery, NOTARY: notary, WITNESS: witness}
    if chain:
        out[OPERATOR] = link(0, chain) if secret is None else secret
    return out


def value_args(vals: dict):
    args = []
    for name, value in vals.items():
        args += ["--value", f"{name}={value}"]
    return args


def seed_of(announcement_id: str, canonical_values) -> str:
    """docs/SPEC.md §7."""
    return h(canonical({"announcement": announcement_id, "scheme": "fairdraw-seed-v1",
                        "values": [list(v) for v in canonical_values]})).hex()


def ticket(seed_hex: str, code: str) -> str:
    """docs/SPEC.md §7, §8.5: T("fairdraw-ticket-v1", code)."""
    return hmac.new(bytes.fromhex(seed_hex), canonical(["fairdraw-ticket-v1", code]), hashlib.sha256).hexdigest()


def query(ws, sql, *params):
    con = sqlite3.connect(f"file:{Path(ws) / 'fairdraw.db'}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def log_entries(ws):
    return [json.loads(bytes(d)) for (d,) in query(ws, "SELECT data FROM log_entry ORDER BY idx")]


LOG_TABLES = ("log_entry", "log_node", "log_checkpoint")


def state_apart_from_log(ws):
    """workspace_state without the log's tables and checkpoint file: what a refusal must not change."""
    con = sqlite3.connect(f"file:{Path(ws) / 'fairdraw.db'}?mode=ro", uri=True)
    try:
        dump = [line for line in con.iterdump() if not any(f'"{t}"' in line for t in LOG_TABLES)]
    finally:
        con.close()
    state = {k: v for k, v in workspace_state(ws).items() if k not in ("db", "checkpoint")}
    state["db"] = "\n".join(dump)
    return state


class ProtocolTest(WorkspaceTest):
    """A workspace with the sample district's three lists imported."""

    def setUp(self):
        super().setUp()
        for kind in ("enterprises", "inspectors", "conflicts"):
            self.fd("import", kind, SAMPLE / f"{kind}.csv", check=0)

    def announce(self, *extra, plan=PLAN, source_specs=None, not_before=NOT_BEFORE, check=0, env=None):
        specs = sources() if source_specs is None else source_specs
        args = ["announce", plan, "--enterprises", "latest", "--inspectors", "latest", "--conflicts", "latest",
                "--not-before", not_before]
        for s in specs:
            args += ["--source", s]
        proc = self.fd(*args, *extra, check=check, env=env)
        if check == 0:
            return self.latest_announcement()
        return proc

    def latest_announcement(self):
        """(id, document dict, document bytes) of the latest announcement, read with `announcement --json`."""
        raw = run("--workspace", self.ws, "announcement", "latest", "--json", check=0).stdout.encode("utf-8")
        return h(raw).hex(), json.loads(raw), raw

    def draw(self, vals=None, *extra, now=DRAW_AT, check=0, ref="latest"):
        return self.fd("draw", ref, *value_args(values() if vals is None else vals), *extra,
                       check=check, env={"FAIRDRAW_NOW": now})

    def draw_json(self, vals=None, now=DRAW_AT):
        proc = self.draw(vals, "--json", now=now)
        return json.loads(proc.stdout), proc.stdout.rstrip("\n").encode("utf-8")

    def assertRefusedAndLogged(self, args, *fragments, env=None):
        """Exit 2, the fragments in stderr, and the only change one new draw.refused log entry."""
        before = state_apart_from_log(self.ws)
        entries = log_entries(self.ws)
        proc = self.fd(*args, env=env)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        for fragment in fragments:
            self.assertIn(fragment, proc.stderr)
        self.assertEqual(before, state_apart_from_log(self.ws), "more than the log changed")
        after = log_entries(self.ws)
        self.assertEqual(after[:len(entries)], entries, "earlier log entries changed")
        self.assertEqual(len(after), len(entries) + 1, "expected exactly one new log entry")
        self.assertEqual(after[-1]["type"], "draw.refused")
        self.fd("log", "verify", check=0)
        return proc, after[-1]
