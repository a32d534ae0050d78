"""One line per check, and the exit status they add up to (0 all passed, 1 a check failed)."""
import sys


class Report:
    def __init__(self, out=sys.stdout):
        self.out = out
        self.failed = 0
        self.passed = 0

    def ok(self, what):
        self.passed += 1
        print(f"ok    {what}", file=self.out)

    def fail(self, what, detail):
        self.failed += 1
        print(f"FAIL  {what}: {detail}", file=self.out)

    def check(self, what, condition, detail=""):
        if condition:
            self.ok(what)
        else:
            self.fail(what, detail or "mismatch")
        return condition

    def equal(self, what, found, expected):
        return self.check(what, found == expected, f"expected {_short(expected)}, found {_short(found)}")

    def summary(self):
        print(f"{self.passed} checks passed, {self.failed} failed", file=self.out)
        return 1 if self.failed else 0


def _short(v):
    s = repr(v)
    return s if len(s) <= 200 else s[:200] + "…"
