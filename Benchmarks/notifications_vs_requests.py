#!/usr/bin/env python3
"""Webhook deliveries per second and latency through Tenure's outbox, against a plain Python
`requests` loop posting the same signed payloads to the same receiver, in one run.

Tenure's side is the whole path of a notification: the API call that writes the event and its
delivery (`POST /api/v1/webhook-endpoints/{id}/test`, a `ping` to one endpoint), the DeliveryWorker
in `tenure serve` finding it (it polls every 0.5 s when idle), claiming it under a lease in SQLite,
signing it (Standard Webhooks), posting it and recording the attempt. The peer is the least a
sender must do: one `requests.Session` posting the same bodies with the same headers, each signed
by the reference library `standardwebhooks`, one after the other. Both go to one receiver
(Tests/e2e/webhook_receiver.py, answering 200 at once), which notes when each request arrived.

Latency is from the moment the API call (or the peer's post) starts to the receiver's arrival,
per event; the rate is events over the time from the first call to the last arrival. The API
calls are made by --clients threads, as fast as the server answers, so under that burst latency
is mostly queueing. A second, paced run (--paced events, each made once the previous one
arrived) measures the latency of one notification on an idle server: the worker's 0.5 s poll.

Usage: Benchmarks/notifications_vs_requests.py [--events 2000] [--clients 4] [--paced 30] [--binary PATH]
(scripts/bench builds the release binary; without one this falls back to .build/debug/tenure.)
"""
import argparse
import base64
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

import requests
from standardwebhooks.webhooks import Webhook

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def binary(path):
    if path:
        return path
    for configuration in ("release", "debug"):
        candidate = os.path.join(ROOT, ".build", configuration, "tenure")
        if os.path.exists(candidate):
            return candidate
    sys.exit("no tenure binary: run swift build -c release --product tenure")


def start_receiver(directory):
    out = os.path.join(directory, "requests.jsonl")
    process = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests", "e2e", "webhook_receiver.py"), "--out", out],
                               stdout=subprocess.PIPE, text=True)
    port = int(process.stdout.readline().split()[-1])
    return process, port, out


def arrivals(out, path):
    """webhook-id → arrival time of the requests to `path`."""
    found = {}
    with open(out, encoding="utf-8") as file:
        for line in file:
            record = json.loads(line)
            if record["path"] == path:
                found.setdefault(record["headers"].get("webhook-id"), record["received_at"])
    return found


def wait_for(out, path, count, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = arrivals(out, path)
        if len(found) >= count:
            return found
        time.sleep(0.05)
    return arrivals(out, path)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(name, started, arrived):
    latencies = [arrived[key] - started[key] for key in started if key in arrived]
    span = max(arrived[key] for key in started if key in arrived) - min(started.values())
    rate = len(latencies) / span
    print(f"{name}: {len(latencies):,} delivered in {span:.2f} s = {rate:,.0f} deliveries/s; latency "
          f"p50 {percentile(latencies, 0.5) * 1000:,.1f} ms, p99 {percentile(latencies, 0.99) * 1000:,.1f} ms, "
          f"mean {statistics.fmean(latencies) * 1000:,.1f} ms")
    return rate, latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2_000)
    parser.add_argument("--clients", type=int, default=4, help="threads making the API calls")
    parser.add_argument("--paced", type=int, default=30, help="events made one at a time for the idle latency")
    parser.add_argument("--binary")
    args = parser.parse_args()
    tenure = binary(args.binary)

    with tempfile.TemporaryDirectory() as directory:
        receiver, port, out = start_receiver(directory)
        database = f"sqlite:{directory}/bench.sqlite"
        environment = dict(os.environ, TENURE_SECRET_KEY=base64.b64encode(os.urandom(32)).decode(),
                           TENURE_OUTBOUND_ALLOW="127.0.0.1", TENURE_LOG_LEVEL="warning")
        environment.pop("TENURE_NOW", None)

        def run(*arguments):
            return subprocess.run([tenure, *arguments], check=True, capture_output=True, text=True, env=environment).stdout

        run("migrate", "--database", database)
        key = run("keys", "create", "--role", "admin", "--database", database).strip()
        server = subprocess.Popen([tenure, "serve", "--port", "0", "--database", database], env=environment,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            url = server.stdout.readline().strip().rsplit(" ", 1)[-1]
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {key}"
            created = session.post(f"{url}/api/v1/webhook-endpoints",
                                   json={"kind": "webhook", "target": f"http://127.0.0.1:{port}/tenure", "event_types": ["*"]})
            created.raise_for_status()
            endpoint, secret = created.json()["id"], created.json()["secret"]
            # One ping first, so connections and caches are warm on both sides of the measured run.
            session.post(f"{url}/api/v1/webhook-endpoints/{endpoint}/test").raise_for_status()
            wait_for(out, "/tenure", 1, 30)

            started, lock = {}, threading.Lock()

            def client(count):
                own = requests.Session()
                own.headers["Authorization"] = f"Bearer {key}"
                for _ in range(count):
                    began = time.time()
                    response = own.post(f"{url}/api/v1/webhook-endpoints/{endpoint}/test")
                    response.raise_for_status()
                    with lock:
                        started[response.json()["event_id"]] = began

            shares = [args.events // args.clients + (1 if n < args.events % args.clients else 0) for n in range(args.clients)]
            threads = [threading.Thread(target=client, args=(share,)) for share in shares]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            arrived = wait_for(out, "/tenure", args.events + 1, 300)
            tenure_rate, tenure_latencies = summary("Tenure (API call → outbox → DeliveryWorker → receiver)", started, arrived)
            missing = [key for key in started if key not in arrived]
            if missing:
                print(f"  {len(missing)} events not delivered within 300 s")

            # Paced: one event at a time, each once the previous arrived, after a random pause of 0–1 s, so that
            # the calls fall at random points of the idle worker's 0.5 s poll (a fixed pause would pick one phase).
            paced = {}
            for index in range(args.paced):
                time.sleep(random.uniform(0, 1.0))
                began = time.time()
                response = session.post(f"{url}/api/v1/webhook-endpoints/{endpoint}/test")
                response.raise_for_status()
                paced[response.json()["event_id"]] = began
                wait_for(out, "/tenure", args.events + 2 + index, 30)
            if paced:
                _, paced_latencies = summary("Tenure, one event at a time on an idle server", paced, arrivals(out, "/tenure"))
            bodies = []
            with open(out, encoding="utf-8") as file:
                for line in file:
                    record = json.loads(line)
                    if record["path"] == "/tenure":
                        bodies.append(record["body"])
        finally:
            server.kill()
            server.wait()

        # The peer: the same bodies and headers, signed by standardwebhooks, posted in a loop.
        webhook = Webhook(secret)
        peer = requests.Session()
        peer_started = {}
        for index in range(args.events):
            body = bodies[index % len(bodies)]
            message_id = f"msg_peer_{index}"
            now = datetime.now(timezone.utc)
            headers = {"content-type": "application/json", "user-agent": "Tenure-Webhooks/1", "webhook-id": message_id,
                       "webhook-timestamp": str(int(now.timestamp())),
                       "webhook-signature": webhook.sign(message_id, now, body)}
            peer_started[message_id] = time.time()
            peer.post(f"http://127.0.0.1:{port}/requests", data=body.encode(), headers=headers).raise_for_status()
        peer_arrived = wait_for(out, "/requests", args.events, 60)
        peer_rate, peer_latencies = summary("Python requests loop (sign + post)", peer_started, peer_arrived)
        receiver.kill()
        receiver.wait()

    print(f"Tenure: {tenure_rate:,.0f} deliveries/s   requests loop: {peer_rate:,.0f} posts/s")
    print(f"Ratio Tenure / requests: {tenure_rate / peer_rate:.2f}")
    print(f"Latency p50: Tenure {percentile(tenure_latencies, 0.5) * 1000:,.1f} ms, requests {percentile(peer_latencies, 0.5) * 1000:,.1f} ms; "
          f"p99: Tenure {percentile(tenure_latencies, 0.99) * 1000:,.1f} ms, requests {percentile(peer_latencies, 0.99) * 1000:,.1f} ms")
    if args.paced:
        print(f"Idle latency (one at a time): Tenure p50 {percentile(paced_latencies, 0.5) * 1000:,.1f} ms, "
              f"p99 {percentile(paced_latencies, 0.99) * 1000:,.1f} ms")


if __name__ == "__main__":
    main()
