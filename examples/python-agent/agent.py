#!/usr/bin/env python3
"""A storm agent in Python, standard library only (SPEC §8, docs/your-own-agents.md).

It speaks storm's `json` protocol: GET /health answers 200 once it listens, POST /message answers
{"ok": true, "content": ...}. It watches its peers (STORM_PEERS) with its own failure detector and,
when storm gives it STORM_EVENTS_URL, reports what it saw (detect, rejoin) and what it executed
(exec). On SIGTERM it stops accepting work, writes its state to its workspace and exits: storm waits
for that (the grace period) before it SIGKILLs what is left.
"""
import json
import os
import signal
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ["STORM_PORT"])
AGENT_ID = os.environ.get("STORM_AGENT_ID", "me")
WORKSPACE = os.environ.get("STORM_WORKSPACE", ".")
PEERS = json.loads(os.environ.get("STORM_PEERS", "[]"))
EVENTS_URL = os.environ.get("STORM_EVENTS_URL")
HEARTBEAT_S = 0.2
TIMEOUT_S = 0.8

handled = 0
lock = threading.Lock()


def report(events):
    """POST events to storm; never let reporting break the agent."""
    if not EVENTS_URL:
        return
    try:
        req = urllib.request.Request(EVENTS_URL, data=json.dumps(events).encode(), method="POST",
                                     headers={"content-type": "application/json"})
        urllib.request.urlopen(req, timeout=2).read()
    except Exception as err:  # a 400 says what was wrong with the event: show it in agent.log
        print(f"events not accepted: {err}", flush=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like storm's own client

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.reply(200, {"ok": True, "id": AGENT_ID})
        else:
            self.reply(404, {"ok": False, "error": "not found"})

    def do_POST(self):
        global handled
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        if self.path != "/message":
            return self.reply(404, {"ok": False, "error": "not found"})
        msg = json.loads(body or b"{}")
        with lock:
            handled += 1
        threading.Thread(target=report, args=([{"type": "exec", "task_id": msg.get("task_id", "?"),
                                                 "step": msg.get("step", 0), "t_wall_ms": time.time() * 1000}],),
                         daemon=True).start()
        self.reply(200, {"ok": True, "content": f"{AGENT_ID} (python) read: {msg.get('content', '')}"})

    def log_message(self, *args):
        pass  # one line per request would drown agent.log


def watch(peer):
    """Heartbeat one peer: refused or silent past TIMEOUT_S = dead; an answer after that = rejoin."""
    seen, alive, last_ok = False, True, time.monotonic()
    while True:
        try:
            urllib.request.urlopen(peer["url"] + "/health", timeout=TIMEOUT_S).read()
            seen, last_ok = True, time.monotonic()
            if not alive:
                alive = True
                report({"type": "rejoin", "peer": peer["id"], "t_mono_ms": time.monotonic() * 1000})
        except Exception as err:
            refused = isinstance(getattr(err, "reason", err), ConnectionRefusedError)
            if seen and alive and (refused or time.monotonic() - last_ok > TIMEOUT_S):
                alive = False
                # time.monotonic() is CLOCK_MONOTONIC on Linux, the clock storm uses: no mapping needed
                report({"type": "detect", "peer": peer["id"], "t_mono_ms": time.monotonic() * 1000,
                        "evidence": "refused" if refused else "silence"})
        time.sleep(HEARTBEAT_S)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    server.daemon_threads = True
    stop = threading.Event()
    # the handler only sets a flag: the main thread does the work, outside the signal context
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    for peer in PEERS:
        threading.Thread(target=watch, args=(peer,), daemon=True).start()
    print(f"{AGENT_ID} listening on 127.0.0.1:{PORT}", flush=True)
    stop.wait()
    print(f"SIGTERM {AGENT_ID}", flush=True)
    server.shutdown()
    with open(os.path.join(WORKSPACE, "state.json"), "w") as f:
        json.dump({"id": AGENT_ID, "handled": handled}, f)
    print(f"flushed {AGENT_ID}: {handled} messages", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
