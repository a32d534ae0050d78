"""The live session in a real headless browser: operator page, projector page, QR code, record.

Drives Chromium through chromedriver (W3C WebDriver, webdriver.py) over a
whole session on the sample lists: the operator types each value (one wrong
first), draws and reveals; the projector page is checked at each step. The
QR code is cut from a screenshot of the projector page and decoded with
zbarimg; it must give the verification text of docs/SPEC.md §13.2, whose
figures are checked against `fairdraw result latest --json`. Screenshots
(PNG) and the printed record (PDF) are kept in build/test-artifacts/session/.

Fails, rather than skips, when Chromium, chromedriver or zbarimg is missing,
unless FAIRDRAW_SKIP_BROWSER=1 is set.
"""
import json
import subprocess
import unittest

from fdtest import BUILD_DIR
from protocol import DRAW_AT, LOTTERY, NOTARY, OPERATOR, PLAN, ProtocolTest, log_entries, values
from session_server import SessionServer
from webdriver import Browser, require_browser

ARTIFACTS = BUILD_DIR / "test-artifacts" / "session"


class SessionBrowserTest(ProtocolTest):
    def setUp(self):
        require_browser(self)
        super().setUp()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.announcement_id, self.announcement, _ = self.announce()
        self.server = SessionServer(self.ws, env={"FAIRDRAW_NOW": DRAW_AT})
        self.addCleanup(self.server.stop)
        self.browser = Browser(ARTIFACTS / "chromedriver.log")
        self.addCleanup(self.browser.quit)

    def shot(self, name, css=None):
        return self.browser.screenshot(ARTIFACTS / f"{name}.png", css)

    def test_a_whole_session(self):
        b, s = self.browser, self.server
        plan = json.loads(PLAN.read_text(encoding="utf-8"))

        # The projector page before any value: task, items, frozen roots, announcement.
        projector = b.window()
        b.go(s.urls["projector"])
        b.wait_text("#task-title", plan["title"])
        self.assertEqual(b.text("#announcement-id"), self.announcement_id)
        self.assertEqual(b.text("#root-enterprises"), self.announcement["snapshots"]["enterprises"]["root"])
        self.assertTrue(b.text("#announcement-checkpoint").startswith("fairdraw.test/log\n"))
        items = b.text("#items")
        for item in plan["items"]:
            self.assertIn(item["name"], items)
        self.shot("01-projector-announced")

        # The operator page, in a second window.
        operator = b.new_window()
        b.switch(operator)
        b.go(s.urls["operator"])
        b.one("#values input")
        inputs = {name: f'input[data-source="{name}"]' for name in values()}

        # A wrong value is refused on the operator page, with the reason, and logged.
        b.type(inputs[NOTARY], "38461")
        b.click(f'button[data-source="{NOTARY}"]')
        message = b.wait_text("#message", "拒绝 refused")
        self.assertIn(NOTARY, message)
        self.assertEqual(log_entries(self.ws)[-1]["type"], "session.value_refused")
        self.shot("02-operator-refused")

        # What is typed shows on the projector before it is confirmed.
        b.type(inputs[LOTTERY], "3 5")
        b.switch(projector)
        b.wait_text(f'tr.source[data-name="{LOTTERY}"] td.typed', "3 5")
        b.switch(operator)

        for name, value in values().items():
            b.type(inputs[name], value)
            b.click(f'button[data-source="{name}"]')
            b.wait_text("#message", "已确认 Confirmed: " + name)
        b.switch(projector)
        b.wait_text(f'tr.source[data-name="{OPERATOR}"] td.canonical', "✓")
        self.shot("03-projector-values")

        # The draw, then the reveal one by one.
        b.switch(operator)
        b.wait(lambda: b.script("return !document.getElementById('draw').disabled"), "the draw button")
        b.click("#draw")
        b.wait_text("#message", "已抽取 Drawn")
        recorded = json.loads(self.fd("result", "latest", "--json", check=0).stdout)
        result = recorded["result"]
        b.switch(projector)
        self.assertEqual(b.wait_text("#seed", result["seed"]), result["seed"])
        self.assertEqual(b.find(".entity"), [])
        for name, canonical in result["values"]:
            self.assertEqual(b.text(f'tr.source[data-name="{name}"] td.canonical'), "✓ " + canonical)
        b.switch(operator)
        b.click("#reveal")
        b.switch(projector)
        b.wait(lambda: len(b.find(".entity")) == 1, "the first entity")
        first = b.text(".entity")
        self.assertIn(result["selected"][0]["code"], first)
        self.assertIn(result["selected"][0]["team"][0]["inspector"], first)
        self.assertIn("检查组", first)
        self.shot("04-projector-first-entity")

        b.switch(operator)
        b.click("#reveal-all")
        b.switch(projector)
        b.wait_text("#result-id", recorded["result_id"])
        shown = [b.cmd("GET", f"/element/{e}/text") for e in b.find(".entity")]
        self.assertEqual(len(shown), len(result["selected"]))
        for text, entity in zip(shown, result["selected"]):
            self.assertIn(entity["code"], text)
        self.assertIn(recorded["result_id"][:8], b.text("#final"))
        self.shot("05-projector-result")

        # The QR code as the room sees it: cut from the projector page, decoded by zbarimg.
        b.wait(lambda: b.script("const q = document.getElementById('qr'); return q && q.complete && q.naturalWidth > 0"),
               "the QR image")
        qr = self.shot("06-projector-qr", "#qr")
        decoded = subprocess.run(["zbarimg", "--raw", "-q", str(qr)], capture_output=True, text=True)
        self.assertEqual(decoded.returncode, 0, decoded.stderr)
        text = decoded.stdout.rstrip("\n").split("\n")
        self.assertEqual(text[0], "fairdraw-verify-v1")
        self.assertEqual(text[1], "origin fairdraw.test/log")
        self.assertEqual(text[2], "announcement " + self.announcement_id)
        self.assertEqual(text[3], "result " + recorded["result_id"])
        self.assertEqual(text[4], "seed " + result["seed"])
        self.assertEqual(text[5], f"entry {recorded['log_index']}")
        self.assertEqual(text[6].split(" ")[1], str(recorded["log_index"] + 1))
        self.assertEqual(decoded.stdout.rstrip("\n") + "\n", s.state()["draw"]["verification"])

        # A refreshed operator page cannot draw again; the log holds one draw.
        entries = log_entries(self.ws)
        b.switch(operator)
        b.go(s.urls["operator"])
        b.wait(lambda: b.find("#values input") and b.script("return document.getElementById('draw').disabled"),
               "the operator page after the draw")
        self.assertEqual(s.post("/api/draw")[0], 200)
        self.assertEqual(log_entries(self.ws), entries)
        self.assertEqual([e["type"] for e in entries].count("draw.result"), 1)

        # The session record: everything above and a signature line per source and the supervisor.
        b.go(s.urls["record"])
        b.wait_text("#result-id", recorded["result_id"])
        self.assertEqual(len(b.find(".signature")), len(values()) + 1)
        page_sizes = b.script("return [...document.styleSheets].flatMap(s => [...s.cssRules])"
                              ".filter(r => r instanceof CSSPageRule).map(r => r.style.getPropertyValue('size'))")
        self.assertEqual([v.lower() for v in page_sizes], ["a4"])
        self.shot("07-record")
        pdf = b.print_pdf(ARTIFACTS / "07-record.pdf")
        self.assertEqual(pdf.read_bytes()[:5], b"%PDF-")


if __name__ == "__main__":
    unittest.main()
