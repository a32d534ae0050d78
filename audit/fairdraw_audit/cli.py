"""Command line of fairdraw-audit: exit 0 all checks passed, 1 a check failed,
2 bad input or usage, 3 environment (openssl missing)."""
import argparse
import os
import sys

from . import bundle, logexport, note, report, vectors

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_VECTORS = os.path.join(HERE, "..", "..", "docs", "vectors")


def main(argv=None):
    sys.setrecursionlimit(10000)
    ap = argparse.ArgumentParser(prog="fairdraw-audit",
                                 description="Independent verifier of fairdraw draws (docs/SPEC.md).")
    sub = ap.add_subparsers(dest="command", required=True)
    v = sub.add_parser("vectors", help="recompute every test vector in docs/vectors/")
    v.add_argument("dir", nargs="?", default=os.path.normpath(DEFAULT_VECTORS))
    b = sub.add_parser("verify", help="verify a published bundle (docs/SPEC.md §12.5)")
    b.add_argument("bundle")
    b.add_argument("--key", help="the log's verifier key, as text or a file holding it")
    b.add_argument("--since", help="a signed checkpoint of this log saved earlier")
    x = sub.add_parser("log-export", help="verify a log export (fairdraw log export, docs/SPEC.md §4.8)")
    x.add_argument("dir")
    x.add_argument("--key", help="the log's verifier key, as text or a file holding it")
    x.add_argument("--since", help="a signed checkpoint of this log saved earlier")
    args = ap.parse_args(argv)
    rep = report.Report()
    try:
        if args.command == "vectors":
            if not os.path.isdir(args.dir):
                print(f"fairdraw-audit: {args.dir}: not a folder", file=sys.stderr)
                return 2
            vectors.run(rep, args.dir)
        elif args.command == "verify":
            bundle.Verifier(rep, args.bundle, args.key, args.since).run()
        elif args.command == "log-export":
            logexport.run(rep, args.dir, args.key, args.since)
    except bundle.BadInput as e:
        print(f"fairdraw-audit: {e}", file=sys.stderr)
        return 2
    except note.EnvironmentProblem as e:
        print(f"fairdraw-audit: {e}", file=sys.stderr)
        return 3
    return rep.summary()
