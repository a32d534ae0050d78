"""fairdraw session over HTTP: the token, refusals, oversize requests, one draw, restart after a crash.

Drives the server with urllib as the operator page's script does (docs/SPEC.md
§13; the actions are POST /api/value, /api/draw, /api/reveal with the token in
X-Fairdraw-Token). Expected values come from the workspace itself
(`fairdraw result latest --json`) and from SPEC §6.3's hashing rule, computed
here with hashlib.
"""
import hashlib
import json
import unittest

from fdtest import run
from protocol import (DRAW_AT, LOTTERY, NOTARY, OPERATOR, SAMPLE, WITNESS, ProtocolTest, link, log_entries,
                      query, state_apart_from_log, values)
from session_server import SessionServer

DRAW_ENV = {"FAIRDRAW_NOW": DRAW_AT}


class SessionHttpTest(ProtocolTest):
    def setUp(self):
        super().setUp()
        self.announce()

    def server(self):
        s = SessionServer(self.ws, env=DRAW_ENV)
        self.addCleanup(s.stop)
        return s

    def confirm_all(self, s):
        for name, value in values().items():
            status, body, _ = s.post("/api/value", {"source": name, "value": value})
            self.assertEqual(status, 200, body)

    def test_viewers_without_the_token_change_nothing(self):
        s = self.server()
        before = log_entries(self.ws)
        self.assertEqual(s.get("/")[0], 200)
        self.assertEqual(s.get("/api/state")[0], 200)
        self.assertEqual(s.get("/operator")[0], 403)
        self.assertEqual(s.get("/operator?token=" + "0" * len(s.token))[0], 403)
        self.assertEqual(s.get("/operator?token=" + s.token[:-1])[0], 403)
        self.assertEqual(s.get("/operator?token=" + s.token)[0], 200)
        wrong = [t for t in (None, "", "0" * len(s.token), s.token[:-1], s.token + "0", s.token.upper())
                 if t != s.token]
        for token in wrong:
            for path, body in (("/api/value", {"source": NOTARY, "value": "384615"}), ("/api/draw", {}),
                               ("/api/reveal", {"all": True}), ("/api/typing", {"source": NOTARY, "text": "3"})):
                status, reply, _ = s.post(path, body, token=token)
                self.assertEqual(status, 403, (path, token, reply))
        state = s.state()
        self.assertEqual(state["phase"], "collecting")
        self.assertTrue(all(v["typed"] is None and v["typing"] is None for v in state["sources"]))
        self.assertEqual(log_entries(self.ws), before)

    def test_a_wrong_value_is_refused_and_logged(self):
        s = self.server()
        entries = log_entries(self.ws)
        kept = state_apart_from_log(self.ws)
        status, body, _ = s.post("/api/value", {"source": NOTARY, "value": "38461"})
        self.assertEqual(status, 422, body)
        reply = json.loads(body)
        self.assertIn("refused", reply["error"])
        self.assertIn(NOTARY, reply["error"] + " ".join(reply["problems"]))
        after = log_entries(self.ws)
        self.assertEqual(after[:len(entries)], entries)
        self.assertEqual(len(after), len(entries) + 1)
        entry = after[-1]
        self.assertEqual(entry["type"], "session.value_refused")
        self.assertEqual(entry["payload"]["source"], NOTARY)
        self.assertEqual(entry["payload"]["value"], "38461")
        self.assertIn(f"log entry {entry['index']}", reply["error"])

        # A wrong secret is recorded only as the SHA-256 of what was typed (SPEC §6.3).
        wrong = link(1)
        status, body, _ = s.post("/api/value", {"source": OPERATOR, "value": wrong})
        self.assertEqual(status, 422, body)
        entry = log_entries(self.ws)[-1]
        self.assertEqual(entry["type"], "session.value_refused")
        self.assertEqual(entry["payload"]["value"], "sha256:" + hashlib.sha256(wrong.encode()).hexdigest())
        self.assertNotIn(wrong, json.dumps(log_entries(self.ws)))

        # Not a source, or not a JSON object: refused without a log entry.
        count = len(log_entries(self.ws))
        self.assertEqual(s.post("/api/value", {"source": "nobody", "value": "1"})[0], 422)
        self.assertEqual(s.request("POST", "/api/value", raw=b"[1,2", token=s.token)[0], 400)
        self.assertEqual(s.post("/api/value", {"source": NOTARY})[0], 400)
        self.assertEqual(len(log_entries(self.ws)), count)
        self.assertEqual(kept, state_apart_from_log(self.ws), "more than the log changed")
        self.assertTrue(all(v["typed"] is None for v in s.state()["sources"]))
        self.fd("log", "verify", check=0)

    def test_the_draw_needs_every_value(self):
        s = self.server()
        for name, value in list(values().items())[:-1]:
            self.assertEqual(s.post("/api/value", {"source": name, "value": value})[0], 200)
        count = len(log_entries(self.ws))
        status, body, _ = s.post("/api/draw")
        self.assertEqual(status, 422, body)
        self.assertIn(OPERATOR, json.loads(body)["error"])
        self.assertEqual(len(log_entries(self.ws)), count)
        self.assertEqual(s.state()["phase"], "collecting")

    def test_oversize_requests_are_refused(self):
        s = self.server()
        before = log_entries(self.ws)
        big = json.dumps({"source": NOTARY, "value": "3" * (70 * 1024)}).encode()
        status, _, _ = s.request("POST", "/api/value", raw=big, token=s.token)
        self.assertEqual(status, 413)
        status, _, _ = s.request("POST", "/api/value", raw=big)
        self.assertIn(status, (403, 413))
        self.assertEqual(log_entries(self.ws), before)
        # The server goes on serving.
        self.assertEqual(s.post("/api/value", {"source": NOTARY, "value": "384615"})[0], 200)

    def test_one_draw_and_a_restart_after_a_crash_shows_it(self):
        s = self.server()
        status, body, _ = s.post("/api/typing", {"source": LOTTERY, "text": "3 5"})
        self.assertEqual(status, 200, body)
        shown = {v["name"]: v for v in s.state()["sources"]}
        self.assertEqual(shown[LOTTERY]["typing"], "3 5")
        self.confirm_all(s)
        shown = {v["name"]: v for v in s.state()["sources"]}
        self.assertTrue(all(v["canonical"] for v in shown.values()))
        self.assertEqual(shown[WITNESS]["typed"], "007912")
        self.assertIsNone(shown[LOTTERY]["typing"])

        status, body, _ = s.post("/api/draw")
        self.assertEqual(status, 200, body)
        recorded = json.loads(self.fd("result", "latest", "--json", check=0).stdout)
        state = s.state()
        self.assertEqual(state["phase"], "drawn")
        self.assertEqual(state["draw"]["seed"], recorded["result"]["seed"])
        self.assertEqual(state["draw"]["revealed"], 0)
        self.assertEqual([[v["name"], v["canonical"]] for v in state["sources"]], recorded["result"]["values"])
        self.assertNotIn("result_id", state["draw"])
        self.assertEqual(s.get("/api/qr.svg")[0], 404)  # not before the whole result is shown

        self.assertEqual(s.post("/api/reveal")[0], 200)
        state = s.state()
        self.assertEqual([e["code"] for e in state["draw"]["entities"]], [recorded["result"]["selected"][0]["code"]])

        # A second draw (another tab, a double click) changes nothing; nor does a value now.
        entries = log_entries(self.ws)
        self.assertEqual(s.post("/api/draw")[0], 200)
        self.assertEqual(s.post("/api/value", {"source": NOTARY, "value": "111111"})[0], 422)
        self.assertEqual(log_entries(self.ws), entries)
        draws = [e for e in entries if e["type"] == "draw.result"]
        self.assertEqual(len(draws), 1)

        # A crash in the middle of the reveal: the new server shows the recorded result, whole.
        s.kill()
        s2 = self.server()
        state = s2.state()
        self.assertEqual(state["phase"], "drawn")
        self.assertEqual(state["draw"]["revealed"], state["draw"]["total"])
        self.assertEqual(state["draw"]["result_id"], recorded["result_id"])
        self.assertEqual([e["code"] for e in state["draw"]["entities"]],
                         [e["code"] for e in recorded["result"]["selected"]])
        self.assertEqual({v["name"]: v["canonical"] for v in state["sources"]},
                         dict(recorded["result"]["values"]))
        self.assertEqual(s2.post("/api/draw")[0], 200)
        self.assertEqual(s2.post("/api/value", {"source": NOTARY, "value": "384615"})[0], 422)
        self.assertEqual(log_entries(self.ws), entries, "a restarted session wrote to the log")
        status, svg, headers = s2.get("/api/qr.svg")
        self.assertEqual(status, 200)
        self.assertTrue(svg.startswith(b"<svg"))
        self.assertIn("image/svg+xml", headers["Content-Type"])
        text = state["draw"]["verification"].splitlines()
        self.assertEqual(text[0], "fairdraw-verify-v1")
        self.assertEqual(text[3], "result " + recorded["result_id"])
        self.assertEqual(text[5], f"entry {recorded['log_index']}")
        self.assertEqual(text[6].split(" ")[1], str(recorded["log_index"] + 1))
        self.fd("log", "verify", check=0)

    def test_a_draw_before_the_announced_time_is_refused_and_logged(self):
        s = SessionServer(self.ws)  # the fixed clock of the tests is before not_before
        self.addCleanup(s.stop)
        self.confirm_all(s)
        count = len(log_entries(self.ws))
        status, body, _ = s.post("/api/draw")
        self.assertEqual(status, 422, body)
        self.assertIn("refused", json.loads(body)["error"])
        after = log_entries(self.ws)
        self.assertEqual(len(after), count + 1)
        self.assertEqual(after[-1]["type"], "draw.refused")
        self.assertEqual(s.state()["phase"], "collecting")


class SessionSameAsDrawTest(ProtocolTest):
    """The session's draw is `fairdraw draw`'s, byte for byte (SPEC §13)."""

    SEAL = {"FAIRDRAW_SEAL_KEY": "17" * 32}

    def draw_rows(self, ws):
        return query(ws, "SELECT * FROM draw")

    def test_the_workspace_records_the_same_draw(self):
        self.announce(env=self.SEAL)
        other = self.tmp / "other"
        run("init", other, "--origin", "fairdraw.test/log", check=0)
        for kind in ("enterprises", "inspectors", "conflicts"):
            run("--workspace", other, "import", kind, SAMPLE / f"{kind}.csv", check=0)
        ws, self.ws = self.ws, other
        self.announce(env=self.SEAL)
        self.draw()
        self.ws = ws

        s = SessionServer(self.ws, env=DRAW_ENV)
        self.addCleanup(s.stop)
        for name, value in values().items():
            self.assertEqual(s.post("/api/value", {"source": name, "value": value})[0], 200)
        self.assertEqual(s.post("/api/draw")[0], 200)
        s.stop()

        self.assertEqual(self.draw_rows(self.ws), self.draw_rows(other))
        # The protocol's entries (announcement and draw) are the same; the workspaces' keys differ.
        session_log = [e for e in log_entries(self.ws) if e["type"].startswith("draw.")]
        command_log = [e for e in log_entries(other) if e["type"].startswith("draw.")]
        self.assertEqual([e["type"] for e in session_log], ["draw.announce", "draw.result"])
        self.assertEqual(session_log, command_log)
        self.assertEqual(run("--workspace", self.ws, "result", "latest", "--json", check=0).stdout,
                         run("--workspace", other, "result", "latest", "--json", check=0).stdout)


if __name__ == "__main__":
    unittest.main()
