"""fairdraw session --no-browser: the live session as prompts, values from standard input.

Expected figures are the workspace's own (`fairdraw result latest --json`);
the refused value's log entry follows docs/SPEC.md §6.3 and §13.1.
"""
import json
import unittest

from protocol import DRAW_AT, NOTARY, ProtocolTest, log_entries, values

DRAW_ENV = {"FAIRDRAW_NOW": DRAW_AT}


class SessionTerminalTest(ProtocolTest):
    def setUp(self):
        super().setUp()
        self.announce()

    def test_prompts_refuse_a_wrong_value_then_draw_and_reveal(self):
        vals = values()
        lines = []
        for name, value in vals.items():
            if name == NOTARY:
                lines.append("12")  # refused: six digits are announced
            lines.append(value)
        lines.append("")  # Enter: draw
        stdin = "\n".join(lines) + "\n"  # then the input ends: the rest is shown at once
        proc = self.fd("session", "latest", "--no-browser", input=stdin, env=DRAW_ENV)
        self.assertEqual(proc.returncode, 0, proc.stderr + proc.stdout)
        recorded = json.loads(self.fd("result", "latest", "--json", check=0).stdout)
        out = proc.stdout
        self.assertIn("拒绝 refused", out)
        self.assertIn("种子 seed: " + recorded["result"]["seed"], out)
        self.assertIn("结果哈希 result SHA-256: " + recorded["result_id"], out)
        for e in recorded["result"]["selected"]:
            self.assertIn(e["code"], out)
        self.assertIn("fairdraw-verify-v1\n", out)
        types = [e["type"] for e in log_entries(self.ws)]
        self.assertEqual(types.count("session.value_refused"), 1)
        self.assertEqual(types.count("draw.result"), 1)

        # Again: the recorded result, no prompt for values, nothing written.
        before = log_entries(self.ws)
        again = self.fd("session", "latest", "--no-browser", input="", env=DRAW_ENV)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("drawn before", again.stdout)
        self.assertIn(recorded["result_id"], again.stdout)
        self.assertEqual(log_entries(self.ws), before)

    def test_input_ending_early_draws_nothing(self):
        before = log_entries(self.ws)
        proc = self.fd("session", "latest", "--no-browser", input="3 5 8\n", env=DRAW_ENV)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("nothing was drawn", proc.stderr)
        self.assertEqual(log_entries(self.ws), before)


if __name__ == "__main__":
    unittest.main()
