"""A scripted HTTP receiver for the notification tests and benchmark.

Serves 127.0.0.1 on the given port (0 picks a free one) and prints `listening on PORT` first.
Each request is answered with the next entry of --answers (a comma list), then 200 once the list is used up:
  500, 410, 301, 200 …   that status (a 3xx carries `Location: http://127.0.0.1:1/elsewhere`)
  429:7                  that status with `Retry-After: 7`
  slow:20                sleep 20 seconds, then 200
  close                  drop the connection without answering
Every request is appended to --out as one JSON line when it arrives (before it is answered):
  {"method", "path", "headers" (names lower-case), "body" (UTF-8 text), "answer", "received_at" (Unix seconds)}.
With --quiet nothing is written per request: the benchmark only counts (GET /count answers the count as JSON).
"""

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        """A sender that goes away (a killed server, a timed-out client) is expected here, not a failure to print."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class State:
    def __init__(self, answers, out, quiet):
        self.answers = answers
        self.out = out
        self.quiet = quiet
        self.count = 0
        self.lock = threading.Lock()
        self.file = None if quiet else open(out, "a", encoding="utf-8")

    def next(self, record):
        """Takes the next answer and records the request under one lock, so lines keep arrival order."""
        with self.lock:
            self.count += 1
            answer = self.answers.pop(0) if self.answers else "200"
            if self.file:
                record["answer"] = answer
                self.file.write(json.dumps(record) + "\n")
                self.file.flush()
            return answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TenureTestReceiver/1"
    # Headers and body go out in separate writes: without TCP_NODELAY each answer waits for a delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        if self.path == "/count":
            with self.server.state.lock:
                self.reply(200, json.dumps({"count": self.server.state.count}).encode())
        else:
            self.reply(404, b"")

    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        record = {
            "method": self.command,
            "path": self.path,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
            "received_at": time.time(),
        }
        answer = self.server.state.next(record)
        kind, _, argument = answer.partition(":")
        if kind == "close":
            self.close_connection = True
            self.connection.close()
            return
        if kind == "slow":
            time.sleep(float(argument or 20))
            self.reply(200, b"late")
            return
        status = int(kind)
        headers = {}
        if argument:
            headers["Retry-After"] = argument
        if 300 <= status < 400:
            headers["Location"] = "http://127.0.0.1:1/elsewhere"
        self.reply(status, b"ok" if status < 300 else b"no", headers)

    def reply(self, status, body, headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", nargs="?", type=int, default=0)
    parser.add_argument("--answers", default="")
    parser.add_argument("--out")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    if not args.quiet and not args.out:
        parser.error("--out is required unless --quiet")
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State([a.strip() for a in args.answers.split(",") if a.strip()], args.out, args.quiet)
    print(f"listening on {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
