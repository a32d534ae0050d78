"""A minimal W3C WebDriver client (urllib only) for the browser tests.

Starts chromedriver on a free port and a headless Chromium session through
it; offers the few commands the tests use: navigate, find, text, type,
click, run a script, windows, screenshots and printing.
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import time
import unittest
import urllib.error
import urllib.request


WAIT_LIMIT = 60  # seconds before a wait gives up (the page polls every second; this catches a hang)
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--window-size=1400,1800", "--lang=zh-CN"]


def require_browser(test: unittest.TestCase):
    """Chromium and chromedriver must be installed (scripts/install-deps --browser).

    Their absence fails the test unless FAIRDRAW_SKIP_BROWSER=1 asks to skip it.
    """
    missing = [p for p in ("chromium", "chromedriver", "zbarimg") if not shutil.which(p)]
    if not missing:
        return
    if os.environ.get("FAIRDRAW_SKIP_BROWSER") == "1":
        test.skipTest(f"FAIRDRAW_SKIP_BROWSER=1 and {', '.join(missing)} missing")
    test.fail(f"{', '.join(missing)} not installed: run scripts/install-deps --browser "
              "(or set FAIRDRAW_SKIP_BROWSER=1 to skip the browser tests explicitly)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriverError(AssertionError):
    pass


class Browser:
    def __init__(self, log_path):
        self.port = free_port()
        self._log = open(log_path, "wb")
        self.driver = subprocess.Popen([shutil.which("chromedriver"), f"--port={self.port}"],
                                       stdout=self._log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait(lambda: self._ready(), "chromedriver to start")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": shutil.which("chromium"), "args": CHROME_ARGS}}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _ready(self):
        try:
            with urllib.request.urlopen(self.base + "/status", timeout=5) as r:
                return json.load(r)["value"].get("ready", False)
        except (OSError, ValueError):
            return False

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.load(r)["value"]
        except urllib.error.HTTPError as e:
            raise WebDriverError(f"{method} {path}: HTTP {e.code}: {e.read()[:2000]!r}") from None

    def cmd(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    @staticmethod
    def _wait(condition, what):
        deadline = time.monotonic() + WAIT_LIMIT
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"gave up waiting for {what}")

    def wait(self, condition, what):
        return self._wait(condition, what)

    def go(self, url):
        self.cmd("POST", "/url", {"url": url})

    def find(self, css):
        found = self.cmd("POST", "/elements", {"using": "css selector", "value": css})
        return [next(iter(e.values())) for e in found]

    def one(self, css):
        found = self.wait(lambda: self.find(css), css)
        return found[0]

    def text(self, css):
        found = self.find(css)
        return self.cmd("GET", f"/element/{found[0]}/text") if found else ""

    def wait_text(self, css, fragment):
        return self.wait(lambda: fragment in self.text(css) and self.text(css), f"{fragment!r} in {css}")

    def type(self, css, text):
        element = self.one(css)
        self.cmd("POST", f"/element/{element}/clear", {})
        self.cmd("POST", f"/element/{element}/value", {"text": text})

    def click(self, css):
        self.cmd("POST", f"/element/{self.one(css)}/click", {})

    def script(self, source, *args):
        return self.cmd("POST", "/execute/sync", {"script": source, "args": list(args)})

    def new_window(self):
        return self.cmd("POST", "/window/new", {"type": "window"})["handle"]

    def window(self):
        return self.cmd("GET", "/window")

    def switch(self, handle):
        self.cmd("POST", "/window", {"handle": handle})

    def screenshot(self, path, css=None):
        data = (self.cmd("GET", f"/element/{self.one(css)}/screenshot") if css
                else self.cmd("GET", "/screenshot"))
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return path

    def print_pdf(self, path):
        data = self.cmd("POST", "/print", {"page": {"width": 21.0, "height": 29.7}, "background": True})
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return path

    def quit(self):
        try:
            self._call("DELETE", f"/session/{self.session}")
        finally:
            self.driver.terminate()
            self.driver.wait()
            self._log.close()
