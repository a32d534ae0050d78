#!/usr/bin/env python3
"""Verifying a published bundle of a province-sized draw, against the draw itself.

Generates (with build/fairdraw-gen, as bench/draw.py does) N enterprises
(default 1,000,000), 500 inspectors and 2,000 declared conflicts, imports
them, announces a plan of three credit-class strata at 5% with teams of two
(credit class is confidential by default, so the public bundle seals it),
and then, in the same run,

  - runs `fairdraw draw` as a whole process (the reference: reading and
    re-hashing every row from the workspace, the draw, its log entry);
  - runs `fairdraw publish` for the public and the full bundle (reported, not compared);
  - runs `fairdraw verify` on each bundle as a whole process, without the
    workspace: manifest hashes of every file, every root re-computed from the
    bundle's rows, log proofs, values, seed, and the replay (restricted to the
    drawn entities for the public bundle, complete for the full one).

Wall time and peak resident memory come from os.wait4 (the child's
getrusage). It prints each figure, and the ratio of each verification to the
draw. The target is verification no slower than the draw.

    python3 bench/verify.py [--rows N] [--build build] [--keep DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOW = "2026-11-20T02:00:00Z"
WITNESS = "见证人"
WITNESS_VALUE = "274061"


def run(args):
    env = dict(os.environ, FAIRDRAW_NOW=NOW, FAIRDRAW_ACTOR="bench")
    proc = subprocess.run([str(a) for a in args], env=env, capture_output=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return proc.stdout


def timed(args):
    """Runs a command as a whole process; returns (wall seconds, peak RSS MiB, its stdout's last line)."""
    env = dict(os.environ, FAIRDRAW_NOW=NOW, FAIRDRAW_ACTOR="bench")
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        proc = subprocess.Popen([str(a) for a in args], stdout=out, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        err = proc.stderr.read().decode()
        proc.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(map(str, args))} failed: {err}")
        out.seek(0)
        last = b""
        for line in out:
            last = line
        return wall, usage.ru_maxrss / 1024, last.decode().strip()


def plan(ratio: str) -> dict:
    group = lambda name, values: {"name": name, "values": values, "ratio": ratio}
    return {
        "format": "fairdraw-plan-v1",
        "title": "全省企业劳动保障书面审查抽查（基准测试）",
        "department": "省人力资源和社会保障厅",
        "items": [{"id": "1", "name": "用人单位支付劳动者工资情况检查",
                   "legal_basis": "《劳动保障监察条例》第十一条第（六）项", "category": "一般"}],
        "window": {"start": "2026-12-01", "end": "2026-12-31"},
        "strata": {"field": "credit_class", "groups": [
            group("低风险", ["A"]), group("一般风险", ["B", "C"]), group("高风险", ["D"])]},
        "team": {"size": 2},
    }


def size_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--inspectors", type=int, default=500)
    ap.add_argument("--conflicts", type=int, default=2000)
    ap.add_argument("--ratio", default="5%")
    ap.add_argument("--build", default=str(Path(__file__).resolve().parents[1] / "build"))
    ap.add_argument("--keep", help="folder to keep (and reuse) the generated files in")
    a = ap.parse_args()
    build = Path(a.build)
    fd, gen = build / "fairdraw", build / "fairdraw-gen"
    for tool in (fd, gen):
        if not tool.exists():
            sys.exit(f"{tool} is missing: build the project first (scripts/build)")

    tmp = tempfile.TemporaryDirectory(prefix="fairdraw-verifybench-")
    data = Path(a.keep) if a.keep else Path(tmp.name)
    data.mkdir(parents=True, exist_ok=True)
    files = {k: data / f"{k}-{a.rows}.csv" for k in ("enterprises", "inspectors", "conflicts")}
    if not files["enterprises"].exists():
        run([gen, "enterprises", "--rows", a.rows, "--out", files["enterprises"], "--seed", 7])
    if not files["inspectors"].exists():
        run([gen, "inspectors", "--rows", a.inspectors, "--departments", 6, "--out", files["inspectors"], "--seed", 7])
    if not files["conflicts"].exists():
        run([gen, "conflicts", "--count", a.conflicts, "--enterprise-rows", a.rows, "--inspector-rows",
             a.inspectors, "--out", files["conflicts"], "--seed", 7])

    work = Path(tmp.name) / "work"
    ws = work / "ws"
    run([fd, "init", ws, "--origin", "bench.fairdraw.example/log"])
    start = time.monotonic()
    for kind, path in files.items():
        run([fd, "--workspace", ws, "import", kind, path])
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan(a.ratio), ensure_ascii=False), encoding="utf-8")
    run([fd, "--workspace", ws, "announce", plan_file, "--enterprises", "latest", "--inspectors", "latest",
         "--conflicts", "latest", "--not-before", "now", "--source", f"witness:{WITNESS}:digits=6"])
    setup_s = time.monotonic() - start

    draw = timed([fd, "--workspace", ws, "draw", "latest", "--value", f"{WITNESS}={WITNESS_VALUE}", "--json"])
    selected = len(json.loads(run([fd, "--workspace", ws, "result", "latest", "--json"]))["result"]["selected"])
    rows = []
    for kind in ("public", "full"):
        out = work / kind
        extra = ["--full"] if kind == "full" else []
        publish = timed([fd, "--workspace", ws, "publish", "latest", *extra, "--out", out])
        verify = timed([fd, "verify", out])
        if verify[2] != "bundle verified":
            sys.exit(f"verify {out}: {verify[2]}")
        rows.append((kind, publish, verify, size_mib(out)))

    print(f"instance      {a.rows:,} enterprises, {a.inspectors} inspectors, {a.conflicts:,} conflicts; "
          f"3 strata by credit class at {a.ratio}, teams of 2; {selected:,} selected")
    print(f"setup         generate, import, announce {setup_s:.1f} s (not compared)")
    print(f"draw          {draw[0]:.3f} s wall, peak {draw[1]:.0f} MiB  (whole `fairdraw draw` process)")
    for kind, publish, verify, mib in rows:
        print(f"publish {kind:<6}{publish[0]:.3f} s wall, peak {publish[1]:.0f} MiB; bundle {mib:.0f} MiB (not compared)")
        print(f"verify {kind:<7}{verify[0]:.3f} s wall, peak {verify[1]:.0f} MiB  "
              f"(whole `fairdraw verify` process, no workspace)")
        ok = "met" if verify[0] <= draw[0] else "NOT met"
        print(f"ratio {kind:<8}{verify[0] / draw[0]:.2f} x the draw's time, {verify[1] / draw[1]:.2f} x its memory "
              f"(target: no slower than the draw: {ok})")


if __name__ == "__main__":
    main()
