"""Kills during a stream of appends lose nothing that was confirmed, and leave a log that verifies.

A writer process runs `fairdraw log annotate` again and again and records each
annotation whose command reported success (after it exited 0, synced to disk).
Each round starts the writer, waits until it has confirmed one append (so
every round makes progress, however slow the machine), then kills the writer
and its fairdraw child with SIGKILL at a random moment within the time of
about one more append (a fixed seed makes the schedule reproducible), so
kills land anywhere inside an append: before, during or after its commit, or
while the checkpoint file is written. After every kill,
`fairdraw log verify` must pass and every confirmed annotation must be in the
log. The next round appends to the same workspace, so recovery from whatever
the kill interrupted (a commit, the checkpoint file write) is exercised too.
"""
import json
import os
import random
import signal
import subprocess
import sys
import time
import unittest

from fdtest import BIN, FIXED_NOW, WorkspaceTest

ROUNDS = 30
PROGRESS_LIMIT = 600  # seconds without a single confirmed append: the writer is stuck, not slow

WRITER = r"""
import os, subprocess, sys
binary, ws, confirmed, failures, round_ = sys.argv[1:]
i = 0
while True:
    text = f"kill-test round {round_} append {i}"
    proc = subprocess.run([binary, "--workspace", ws, "log", "annotate", text], capture_output=True, text=True)
    target = confirmed if proc.returncode == 0 else failures
    with open(target, "a") as f:
        f.write((text if proc.returncode == 0 else proc.stderr.replace("\n", " ")) + "\n")
        f.flush()
        os.fsync(f.fileno())
    i += 1
"""


class KillDuringAppends(WorkspaceTest):
    def logged_texts(self):
        lines = self.fd("log", "show", "--json", check=0).stdout.splitlines()
        return [json.loads(line)["payload"].get("text") for line in lines[1:]]

    def test_a_kill_at_any_moment_keeps_every_confirmed_entry_and_a_log_that_verifies(self):
        rng = random.Random(6962)
        confirmed = self.tmp / "confirmed"
        failures = self.tmp / "failures"
        confirmed.touch()
        env = dict(os.environ, FAIRDRAW_NOW=FIXED_NOW, FAIRDRAW_ACTOR="tester")
        for round_ in range(ROUNDS):
            before = len(confirmed.read_text().splitlines())
            started = time.monotonic()
            writer = subprocess.Popen([sys.executable, "-c", WRITER, BIN, str(self.ws), str(confirmed), str(failures),
                                       str(round_)], env=env, start_new_session=True)
            while len(confirmed.read_text().splitlines()) == before:
                if time.monotonic() - started > PROGRESS_LIMIT or writer.poll() is not None:
                    os.killpg(writer.pid, signal.SIGKILL)
                    self.fail(f"round {round_}: the writer confirmed nothing")
                time.sleep(0.002)
            one_append = time.monotonic() - started
            time.sleep(rng.uniform(0, one_append))
            os.killpg(writer.pid, signal.SIGKILL)
            writer.wait()

            verify = self.fd("log", "verify")
            self.assertEqual(verify.returncode, 0, f"round {round_}: log verify failed after a kill:\n{verify.stderr}")
            logged = self.logged_texts()
            self.assertEqual(len(logged), len(set(logged)), "an annotation was logged twice")
            wanted = confirmed.read_text().splitlines()
            missing = [text for text in wanted if text not in logged]
            self.assertEqual(missing, [], f"round {round_}: confirmed annotations lost by a kill")
        self.assertFalse(failures.exists(), "an append failed without being killed:\n" +
                         (failures.read_text() if failures.exists() else ""))
        self.assertGreaterEqual(len(confirmed.read_text().splitlines()), ROUNDS)
        # Entries committed but killed before they were confirmed are allowed: at most one per kill.
        unconfirmed_but_logged = set(self.logged_texts()) - set(confirmed.read_text().splitlines())
        self.assertLessEqual(len(unconfirmed_but_logged), ROUNDS)
        leftovers = [p.name for p in self.ws.iterdir() if p.name.startswith(".checkpoint.tmp-")]
        self.fd("log", "annotate", "after the last kill", check=0)
        self.assertEqual([p.name for p in self.ws.iterdir() if p.name.startswith(".checkpoint.tmp-")], [],
                         f"temporary checkpoint files left: {leftovers}")
        self.fd("log", "verify", check=0)


if __name__ == "__main__":
    unittest.main()
