#!/usr/bin/env python3
"""A province-sized draw as a whole process, against computing its tickets alone.

Generates (with build/fairdraw-gen) N enterprises (default 1,000,000), 500
inspectors and 2,000 declared conflicts, imports them into a workspace, and
announces a plan of three credit-class strata (A; B and C; D) at 5% each with
teams of two. Then, R times in turn (default 3), it

  - copies the announced workspace (not timed) and runs `fairdraw draw` in the
    copy as a whole process: open the workspace, read every row of the three
    snapshots from SQLite and re-compute their roots, check the values, derive
    the seed, compute every pool row's ticket, select, form the teams, write
    the result and its signed log entry (fsync), print the table to /dev/null;
  - runs the baseline `build/fairdraw-ticketbench` as a whole process: read the
    same N codes from a text file and compute their N tickets with the same seed.

It prints each run, the best wall time and peak resident memory of each, and
their ratio. The target is a whole draw within 2x the ticket baseline and
under 1 GiB of memory.

    python3 bench/draw.py [--rows N] [--repeat R] [--build build] [--keep DIR]
"""
import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOW = "2026-11-20T02:00:00Z"
WITNESS = "见证人"
WITNESS_VALUE = "274061"


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def run(args, **kw):
    env = dict(os.environ, FAIRDRAW_NOW=NOW, FAIRDRAW_ACTOR="bench")
    proc = subprocess.run([str(a) for a in args], env=env, capture_output=True, **kw)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return proc.stdout


def timed(args, keep=()):
    """Runs a command; returns (wall seconds, peak RSS MiB, the stdout lines starting with `keep`).

    The peak memory of a child includes what its parent had when it forked
    (Linux keeps the larger of the two across exec), so this process never
    holds large data: output is read line by line and only short lines kept.
    """
    env = dict(os.environ, FAIRDRAW_NOW=NOW, FAIRDRAW_ACTOR="bench")
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        proc = subprocess.Popen([str(a) for a in args], stdout=out, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        err = proc.stderr.read().decode()
        proc.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{args[0]} failed: {err}")
        out.seek(0)
        lines = [line.decode().strip() for line in out if line.decode().strip().startswith(keep)] if keep else []
        return wall, usage.ru_maxrss / 1024, lines


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--inspectors", type=int, default=500)
    ap.add_argument("--conflicts", type=int, default=2000)
    ap.add_argument("--ratio", default="5%")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--build", default=str(Path(__file__).resolve().parents[1] / "build"))
    ap.add_argument("--keep", help="folder to keep (and reuse) the generated files in")
    a = ap.parse_args()
    build = Path(a.build)
    fd, gen, tickets = build / "fairdraw", build / "fairdraw-gen", build / "fairdraw-ticketbench"
    for tool in (fd, gen, tickets):
        if not tool.exists():
            sys.exit(f"{tool} is missing: build the project first (scripts/build)")

    tmp = tempfile.TemporaryDirectory(prefix="fairdraw-drawbench-")
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
    codes = data / f"codes-{a.rows}.txt"
    if not codes.exists():
        with open(files["enterprises"], encoding="utf-8", newline="") as f, open(codes, "w") as out:
            reader = csv.reader(f)
            next(reader)
            for row in reader:
                out.write(row[0] + "\n")

    work = Path(tmp.name) / "work"
    ws = work / "announced"
    run([fd, "init", ws, "--origin", "bench.fairdraw.example/log"])
    start = time.monotonic()
    for kind, path in files.items():
        run([fd, "--workspace", ws, "import", kind, path])
    import_s = time.monotonic() - start
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan(a.ratio), ensure_ascii=False), encoding="utf-8")
    start = time.monotonic()
    run([fd, "--workspace", ws, "announce", plan_file, "--enterprises", "latest", "--inspectors", "latest",
         "--conflicts", "latest", "--not-before", "now", "--source", f"witness:{WITNESS}:digits=6"])
    announce_s = time.monotonic() - start
    document = run([fd, "--workspace", ws, "announcement", "latest", "--json"])
    announcement = hashlib.sha256(document).hexdigest()
    seed = hashlib.sha256(canonical({"announcement": announcement, "scheme": "fairdraw-seed-v1",
                                     "values": [[WITNESS, WITNESS_VALUE]]})).hexdigest()

    draws, baselines = [], []
    for r in range(a.repeat):
        copy = work / f"run{r}"
        shutil.copytree(ws, copy)
        wall, rss, teams = timed([fd, "--workspace", copy, "draw", "latest", "--value", f"{WITNESS}={WITNESS_VALUE}"],
                                 keep=("(all eligible)",))
        draws.append((wall, rss))
        if r == 0:
            entry = json.loads(run([fd, "--workspace", copy, "log", "show", "--json", "--from", 5]).splitlines()[-1])
            if entry["type"] != "draw.result" or entry["payload"]["seed"] != seed:
                sys.exit(f"the draw's log entry {entry} does not hold the seed {seed} computed here (SPEC §7)")
            selected = entry["payload"]["selected"]
            bounds = " ".join(teams[0].split()) if teams else "?"
        shutil.rmtree(copy)
        wall, rss, out = timed([tickets, codes, seed], keep=("tickets", "read_seconds", "ticket_seconds"))
        report = dict(line.split(" ", 1) for line in out)
        baselines.append((wall, rss, float(report["ticket_seconds"]), float(report["read_seconds"])))
        print(f"run {r + 1}: draw {draws[-1][0]:.3f} s, {draws[-1][1]:.0f} MiB; "
              f"tickets alone {baselines[-1][0]:.3f} s, {baselines[-1][1]:.0f} MiB "
              f"(of which computing {baselines[-1][2]:.3f} s)")

    best_draw = min(draws)
    best_base = min(baselines)
    print()
    print(f"instance      {a.rows:,} enterprises, {a.inspectors} inspectors, {a.conflicts:,} conflicts; "
          f"3 strata at {a.ratio}, teams of 2")
    print(f"selected      {selected:,} entities; teams: {bounds}")
    print(f"setup         import {import_s:.1f} s, announce {announce_s:.1f} s (not compared)")
    print(f"draw          {best_draw[0]:.3f} s wall, peak {max(d[1] for d in draws):.0f} MiB  "
          f"(whole `fairdraw draw` process, best of {a.repeat})")
    print(f"baseline      {best_base[0]:.3f} s wall, peak {max(b[1] for b in baselines):.0f} MiB  "
          f"(whole process: read {a.rows:,} codes {best_base[3]:.3f} s, compute their tickets {best_base[2]:.3f} s)")
    ratio = best_draw[0] / best_base[0]
    print(f"ratio         {ratio:.2f} x the ticket baseline (target: within 2 x)")
    peak = max(d[1] for d in draws)
    print(f"memory        {peak:.0f} MiB peak for the draw (target: under 1024 MiB)")


if __name__ == "__main__":
    main()
