"""Helpers for the live-session tests: start `fairdraw session`, talk to it over HTTP.

The server prints its URLs (projector, operator with the token, record) on
standard output once it listens; SessionServer reads them and offers small
urllib wrappers. Nothing here goes beyond the standard library.
"""
import json
import os
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from urllib.parse import urlsplit, parse_qs

from fdtest import BIN, FIXED_NOW

STARTUP_LIMIT = 60  # seconds to wait for the URLs before giving up (a hung server, not a timing check)


class SessionServer:
    def __init__(self, ws, ref="latest", env=None, extra=()):
        full_env = dict(os.environ)
        full_env.setdefault("FAIRDRAW_NOW", FIXED_NOW)
        full_env.setdefault("FAIRDRAW_ACTOR", "tester")
        if env:
            full_env.update(env)
        self.stderr_path = os.path.join(str(ws), "..", f"session-stderr-{os.getpid()}-{id(self)}.txt")
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen([BIN, "--workspace", str(ws), "session", ref, "--port", "0", *extra],
                                     env=full_env, stdout=subprocess.PIPE, stderr=self._stderr)
        self.urls = {}
        # A server that never prints its URLs is ended, so that readline() returns.
        guard = threading.Timer(STARTUP_LIMIT, self.proc.kill)
        guard.start()
        try:
            while len(self.urls) < 3:
                line = self.proc.stdout.readline().decode("utf-8")
                if not line:
                    self.stop()
                    raise AssertionError(f"fairdraw session printed no URLs; stderr:\n{self.stderr()}")
                name, _, url = line.partition(":")
                if name in ("projector", "operator", "record"):
                    self.urls[name] = url.strip()
        finally:
            guard.cancel()
        parts = urlsplit(self.urls["operator"])
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.token = parse_qs(parts.query)["token"][0]

    def stderr(self):
        if not self._stderr.closed:
            self._stderr.flush()
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def request(self, method, path, body=None, token=None, raw=None, headers=None):
        """(status, body bytes, headers) of one request; body is sent as JSON, raw as is."""
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
        h = {"Content-Type": "application/json"}
        if token is not None:
            h["X-Fairdraw-Token"] = token
        h.update(headers or {})
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.read(), r.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read(), e.headers

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, body=None, token="operator"):
        """POST with the operator's token unless another (or None) is given."""
        return self.request("POST", path, body=body if body is not None else {},
                            token=self.token if token == "operator" else token)

    def state(self):
        status, body, _ = self.get("/api/state")
        assert status == 200, (status, body)
        return json.loads(body)

    def kill(self):
        """SIGKILL, as a crash or a pulled plug would end it."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        if not self._stderr.closed:
            self._stderr.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait()
        if not self._stderr.closed:
            self._stderr.close()
        self.proc.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
