"""Command line of fairdraw-audit: exit 0 all checks passed, 1 a check failed,
2 bad input or usage, 3 environment (openssl missing)."""
import argparse
import os
import sys

from . import note, report, vectors

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_VECTORS = os.path.join(HERE, "..", "..", "docs", "vectors")


def main(argv=None):
    sys.setrecursionlimit(10000)
    ap = argparse.ArgumentParser(prog="fairdraw-audit",
                                 description="Independent verifier of fairdraw draws (docs/SPEC.md).")
    sub = ap.add_subparsers(dest="command", required=True)
    v = sub.add_parser("vectors", help="recompute every test vector in docs/vectors/")
    v.add_argument("dir", nargs="?", default=os.path.normpath(DEFAULT_VECTORS))
    args = ap.parse_args(argv)
    rep = report.Report()
    try:
        if args.command == "vectors":
            if not os.path.isdir(args.dir):
                print(f"fairdraw-audit: {args.dir}: not a folder", file=sys.stderr)
                return 2
            vectors.run(rep, args.dir)
    except note.EnvironmentProblem as e:
        print(f"fairdraw-audit: {e}", file=sys.stderr)
        return 3
    return rep.summary()
