#!/usr/bin/env python3
"""Import speed and memory: `fairdraw import` against the sqlite3 shell's `.import`.

Generates a CSV of N enterprise rows (default 1,000,000; valid, distinct
credit codes; about 230 bytes a row), then, R times in turn, imports it with
the sqlite3 shell into a plain table of a fresh database (the baseline) and
with `fairdraw import enterprises` into a fresh workspace. Prints each run,
the median wall times, their ratio, rows per second and the peak resident
memory of each process.

    python3 bench/import.py [--rows N] [--repeat R] [--fairdraw build/fairdraw] [--keep DIR]
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
HEADER = "统一社会信用代码,企业名称,市场主体类型,登记机关,管辖单位,所属地区,责任区/网格,所属行业,登记状态,成立日期,上次检查日期,信用风险分类\n"


def code_for(i: int) -> str:
    """A valid unified social credit code, distinct for each i < 31**8 (GB 32100, GB 11714)."""
    body = ""
    for _ in range(8):
        i, digit = divmod(i, 31)
        body = ALPHABET[digit] + body
    s = sum(int(c, 36) * w for c, w in zip(body, ORG_WEIGHTS))
    c = 11 - s % 11
    first = "91320100" + body + ("X" if c == 10 else "0" if c == 11 else str(c))
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first, WEIGHTS))
    return first + ALPHABET[(31 - total % 31) % 31]


def generate(path: Path, rows: int) -> None:
    rng = random.Random(20261120)
    words = "华东 江南 金陵 长江 紫金 明城 钟山 秦淮 玄武 鼓楼 建邺 雨花 栖霞 浦口 六合 溧水 高淳 江宁".split()
    kinds = "科技 商贸 建设 物流 餐饮 制造 咨询 传媒 医药 食品".split()
    order = list(range(rows))
    rng.shuffle(order)  # rows are not in ID order in real exports
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        for n, i in enumerate(order):
            w = rng.choice(words)
            f.write(f"{code_for(i * 7919 + 13)},南京{w}{rng.choice(kinds)}有限公司第{n}分公司,有限责任公司（自然人投资或控股）,"
                    f"南京市{rng.choice(words)}区市场监督管理局,{w}市场监管所,{rng.choice(words)}街道,网格{rng.randrange(500)},"
                    f"{rng.choice(kinds)}业,{rng.choice(['存续', '在业', '注销'])},{2000 + rng.randrange(25)}-"
                    f"{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d},,{rng.choice('ABCD')}\n")


def timed(args, **kw):
    """Runs a command; returns (wall seconds, peak RSS in MiB)."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{args[0]} failed: {err}")
    return wall, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--fairdraw", default=str(Path(__file__).resolve().parents[1] / "build" / "fairdraw"))
    ap.add_argument("--keep", help="folder to keep (and reuse) the generated CSV in")
    a = ap.parse_args()
    if shutil.which("sqlite3") is None:
        sys.exit("the sqlite3 shell is needed for the baseline (apt-get install sqlite3)")
    work = Path(tempfile.mkdtemp(prefix="fairdraw-bench-"))
    data_dir = Path(a.keep) if a.keep else work
    data_dir.mkdir(parents=True, exist_ok=True)
    csv = data_dir / f"enterprises-{a.rows}.csv"
    if not csv.exists():
        print(f"generating {a.rows:,} rows …", flush=True)
        generate(csv, a.rows)
    print(f"input: {csv} ({csv.stat().st_size / 2**20:.0f} MiB, {a.rows:,} rows)")
    env = dict(os.environ, FAIRDRAW_ACTOR="bench")
    base, ours, base_mem, our_mem = [], [], [], []
    try:
        for r in range(a.repeat):
            db = work / "baseline.db"
            db.unlink(missing_ok=True)
            t, m = timed(["sqlite3", str(db), ".mode csv", f".import {csv} enterprises"])
            base.append(t)
            base_mem.append(m)
            ws = work / "ws"
            shutil.rmtree(ws, ignore_errors=True)
            subprocess.run([a.fairdraw, "init", str(ws)], check=True, stdout=subprocess.DEVNULL, env=env)
            t2, m2 = timed([a.fairdraw, "--workspace", str(ws), "import", "enterprises", str(csv)], env=env)
            ours.append(t2)
            our_mem.append(m2)
            print(f"run {r + 1}: sqlite3 .import {t:.2f} s ({m:.0f} MiB)   fairdraw import {t2:.2f} s ({m2:.0f} MiB)",
                  flush=True)
    finally:
        shutil.rmtree(work / "ws", ignore_errors=True)
        (work / "baseline.db").unlink(missing_ok=True)
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    b, o = statistics.median(base), statistics.median(ours)
    print(f"median: sqlite3 .import {b:.2f} s, fairdraw import {o:.2f} s, ratio fairdraw/sqlite3 {o / b:.2f}")
    print(f"fairdraw: {a.rows / o:,.0f} rows/s, peak memory {max(our_mem):.0f} MiB; sqlite3 peak memory {max(base_mem):.0f} MiB")


if __name__ == "__main__":
    main()
