"""Shared helpers for the end-to-end tests: run the real fairdraw binary.

Each test module is run by CTest as `python3 tests/cli/test_X.py` with
FAIRDRAW_BIN, FAIRDRAW_SOURCE_DIR and FAIRDRAW_BUILD_DIR in the environment.
"""
import hashlib
import os
import sqlite3
import subprocess
import tempfile
import unittest
from pathlib import Path

BIN = os.environ.get("FAIRDRAW_BIN", "fairdraw")
SOURCE_DIR = Path(os.environ.get("FAIRDRAW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BUILD_DIR = Path(os.environ.get("FAIRDRAW_BUILD_DIR", SOURCE_DIR / "build"))
DATA = SOURCE_DIR / "tests" / "data"
LISTS = SOURCE_DIR / "lists"

# A fixed clock so that logs are reproducible; tests that need time to pass set their own.
FIXED_NOW = "2026-11-20T02:00:00Z"


def run(*args, cwd=None, env=None, input=None, check=None, timeout=600):
    """Runs fairdraw with args; returns the CompletedProcess (text mode).

    check: None to not check, or the expected exit code.
    """
    full_env = dict(os.environ)
    full_env.setdefault("FAIRDRAW_NOW", FIXED_NOW)
    full_env.setdefault("FAIRDRAW_ACTOR", "tester")
    if env:
        full_env.update(env)
    proc = subprocess.run([BIN, *[str(a) for a in args]], cwd=cwd, env=full_env, input=input,
                          capture_output=True, text=True, timeout=timeout)
    if check is not None and proc.returncode != check:
        raise AssertionError(
            f"fairdraw {' '.join(map(str, args))}: exit {proc.returncode}, expected {check}\n"
            f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    return proc


def workspace_state(ws):
    """The logical content of a workspace: every table's rows plus every non-transient file.

    Two equal states mean a command left the workspace exactly as it was.
    """
    ws = Path(ws)
    state = {}
    db = ws / "fairdraw.db"
    if db.exists():
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            state["db"] = "\n".join(con.iterdump())
        finally:
            con.close()
    for f in sorted(ws.rglob("*")):
        if f.is_file() and not f.name.endswith(("-wal", "-shm")) and f.name != "fairdraw.db":
            state[str(f.relative_to(ws))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return state


class WorkspaceTest(unittest.TestCase):
    """A test with a fresh, initialised workspace in self.ws."""

    init_workspace = True

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="fairdraw-test-")
        self.tmp = Path(self._tmp.name)
        self.ws = self.tmp / "ws"
        if self.init_workspace:
            run("init", self.ws, "--origin", "fairdraw.test/log", check=0)

    def tearDown(self):
        self._tmp.cleanup()

    def fd(self, *args, check=None, **kw):
        return run("--workspace", self.ws, *args, check=check, **kw)

    def assertFails(self, args, code, *fragments, unchanged=True):
        """Runs fairdraw; checks the exit code, that stderr holds each fragment,
        and (by default) that the workspace is exactly as it was."""
        before = workspace_state(self.ws)
        proc = self.fd(*args)
        self.assertEqual(proc.returncode, code, f"stderr:\n{proc.stderr}")
        for fragment in fragments:
            self.assertIn(fragment, proc.stderr)
        if unchanged:
            self.assertEqual(before, workspace_state(self.ws), "the workspace changed")
        return proc
