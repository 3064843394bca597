#!/usr/bin/env python3
"""API routes and dashboard pages under load, each against /healthz on the same server, in one run.

Starts `tenure serve --no-jobs` (a web node: the recurring jobs would compete for
the same two cores) on a demo database (generated here, or the one you pass),
signs a viewer in to the dashboard, and drives each route with wrk (16
connections, 2 threads, loopback only, a fixed time per route). For every
route it prints the first request's time (cold caches), the rate, the p50 and
p99 latency, and the rate as a fraction of /healthz's on the same server.
Per-account routes rotate through 1,000 account ids, so no single row stays hot.

Then it measures the first revenue request after new facts: one subscription
change arrives through the import command, and the next request to
/api/v1/metrics/revenue has to bring the metrics snapshot up to date.

Usage:
  Benchmarks/pages_under_load.py [--accounts 100000] [--seconds 10]
  Benchmarks/pages_under_load.py --database sqlite:/path/demo.sqlite     # reuse a generated database
  Benchmarks/pages_under_load.py --database postgres://user@host/db      # PostgreSQL (already generated)
Needs wrk (apt install wrk) and a release build (scripts/bench builds it).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PASSWORD = "load-bench-password-1"


def tenure_binary(args):
    return args.binary or os.path.join(ROOT, ".build", "release", "tenure")


def run(args, *arguments, stdin=None):
    return subprocess.run([tenure_binary(args), *arguments], check=True, capture_output=True, text=True, input=stdin).stdout


def seconds(text):
    """wrk's latency text (e.g. 812.00us, 3.41ms, 1.20s) in seconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(url, headers, seconds_per_route, lua=None):
    command = ["wrk", "-t2", "-c16", f"-d{seconds_per_route}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if lua:
        command += ["-s", lua]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = {int(p): seconds(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M)}
    if len(percentiles) < 2:
        sys.exit(f"wrk printed no latency distribution for {url}:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return rate, percentiles[50], percentiles[99], int(errors.group(1)) if errors else 0, socket_errors.group(1) if socket_errors else ""


def rotating_script(directory, name, paths):
    """A wrk script that requests `paths` in turn."""
    path = os.path.join(directory, f"{name}.lua")
    with open(path, "w") as file:
        file.write("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n")
        file.write("local n = 0\nrequest = function()\n  n = n % #paths + 1\n  return wrk.format(nil, paths[n])\nend\n")
    return path


def sign_in(url, email):
    session = requests.Session()
    page = session.get(f"{url}/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = session.post(f"{url}/login", data={"csrf": csrf, "email": email, "password": PASSWORD, "next": "/"},
                            allow_redirects=False)
    assert response.status_code == 303, f"sign-in failed: {response.status_code}"
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies if cookie.value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000, help="accounts to generate when no --database is given")
    parser.add_argument("--database", help="an already generated database (sqlite:PATH or postgres://…)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration per route")
    parser.add_argument("--binary", help="the tenure binary (default .build/release/tenure)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt install wrk)")

    with tempfile.TemporaryDirectory() as directory:
        database = args.database
        if not database:
            database = f"sqlite:{directory}/demo.sqlite"
            print(f"Generating {args.accounts:,} demo accounts…", flush=True)
            began = time.perf_counter()
            run(args, "generate", "--accounts", str(args.accounts), "--as-of", "2026-11-30", "--database", database)
            print(f"  generated in {time.perf_counter() - began:.0f} s", flush=True)
        key = run(args, "keys", "create", "--role", "viewer", "--name", f"load-{os.getpid()}", "--database", database).strip()
        email = f"load-{os.getpid()}@example.com"
        run(args, "users", "create", "--email", email, "--name", "Load Bench", "--role", "viewer", "--password-stdin",
            "--database", database, stdin=PASSWORD + "\n")
        server = subprocess.Popen([tenure_binary(args), "serve", "--port", "0", "--no-jobs", "--database", database],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            url = server.stdout.readline().strip().rsplit(" ", 1)[-1]
            subprocess.Popen(["cat"], stdin=server.stdout, stdout=subprocess.DEVNULL)  # keep the log pipe drained
            api = {"Authorization": f"Bearer {key}"}
            listed = [account for offset in (0, 500) for account in requests.get(
                f"{url}/api/v1/accounts", params={"limit": 500, "offset": offset}, headers=api).json()["data"]]
            ids = [account["id"] for account in listed]
            segment = next(account["segment"] for account in listed if account.get("segment"))
            cookie = {"Cookie": sign_in(url, email)}
            routes = [
                ("/healthz", "/healthz", {}, None),
                ("/api/v1/accounts/{id}", None, api, [f"/api/v1/accounts/{urllib.parse.quote(i)}" for i in ids]),
                (f"/api/v1/accounts?segment={segment}&sort=-mrr", f"/api/v1/accounts?segment={segment}&sort=-mrr", api, None),
                ("/api/v1/metrics/revenue", "/api/v1/metrics/revenue", api, None),
                ("/api/v1/risk", "/api/v1/risk", api, None),
                ("dashboard /", "/", cookie, None),
                ("dashboard /at-risk", "/at-risk", cookie, None),
                ("dashboard /accounts", "/accounts", cookie, None),
                ("dashboard /accounts/{id}", None, cookie, [f"/accounts/{urllib.parse.quote(i)}" for i in ids]),
            ]
            results = []
            for name, path, headers, rotation in routes:
                first_path = path or rotation[0]
                began = time.perf_counter()
                response = requests.get(url + first_path, headers=headers, allow_redirects=False)
                first = time.perf_counter() - began
                assert response.status_code == 200, f"{name}: {response.status_code} {response.text[:200]}"
                lua = rotating_script(directory, f"route{len(results)}", rotation) if rotation else None
                rate, p50, p99, bad, socket_errors = wrk(url + first_path, headers, args.seconds, lua)
                results.append((name, first, rate, p50, p99, bad, socket_errors))
                print(f"  {name}: {rate:,.0f} req/s, p99 {p99 * 1000:.1f} ms", flush=True)

            # The first revenue request after one new subscription change.
            account = ids[len(ids) // 2]
            change = os.path.join(directory, "change.csv")
            with open(change, "w") as file:
                file.write("id,account_id,status,price_id,quantity,effective_at\n")
                file.write(f"sub_load_bench,{account},active,price_growth_monthly,3,2026-11-29T12:00:00Z\n")
            imported = subprocess.run([tenure_binary(args), "import", "csv", "--kind", "subscriptions", change, "--database", database],
                                      capture_output=True, text=True)
            after_facts = None
            if imported.returncode == 0:
                began = time.perf_counter()
                requests.get(f"{url}/api/v1/metrics/revenue", headers=api).raise_for_status()
                after_facts = time.perf_counter() - began
            else:
                print(f"  (import of one change failed, skipping the after-new-facts timing: {imported.stderr.strip()[:200]})")
        finally:
            server.terminate()
            server.wait()

    healthz = results[0][2]
    kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    print(f"\nwrk -t2 -c16 -d{args.seconds}s against one `tenure serve` on {kind} ({len(ids):,} account ids rotated "
          f"on per-account routes); {os.cpu_count()} cores shared by server and wrk")
    print(f"{'route':<48} {'first':>9} {'req/s':>9} {'p50':>9} {'p99':>9} {'÷ healthz':>10}")
    for name, first, rate, p50, p99, bad, socket_errors in results:
        note = (f"  {bad} non-2xx" if bad else "") + (f"  socket errors: {socket_errors}" if socket_errors else "")
        print(f"{name:<48} {first * 1000:>7.1f}ms {rate:>9,.0f} {p50 * 1000:>7.2f}ms {p99 * 1000:>7.2f}ms {rate / healthz:>10.3f}{note}")
    if after_facts is not None:
        print(f"First /api/v1/metrics/revenue after one new subscription change: {after_facts * 1000:.0f} ms")
    slow = [name for name, _, rate, _, p99, _, _ in results[1:] if rate < 1000 or p99 >= 0.1]
    print("Aim (each route ≥ 1,000 req/s with p99 < 100 ms): " + ("met" if not slow else "not met by " + ", ".join(slow)))


if __name__ == "__main__":
    main()
