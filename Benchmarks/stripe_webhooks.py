#!/usr/bin/env python3
"""Stripe webhook events per second into `tenure serve` (SQLite), against a
bare receiver of the same events, in one run.

Tenure's side is POST /webhooks/stripe, one event per request as Stripe
sends them, each signed by the `stripe` package's own signature helper:
signature check, JSON decoding, the event stored (deduplicated by id) and its
object derived into facts (accounts, subscriptions, MRR, invoices). The
events are a month of a growing Stripe account: for each customer, created,
subscribed, invoiced and paid, then upgraded.

The peer does the least a receiver must: it checks each signature with
`stripe.WebhookSignature.verify_header`, parses the JSON and inserts the raw
event into a table like Tenure's `stripe_events` (same columns and indexes,
SQLite in WAL mode), one transaction per event — no HTTP and no facts.

Usage: Benchmarks/stripe_webhooks.py [--customers 1000]
(scripts/bench builds the release binary and runs this.)
"""
import argparse
import json
import os
import sqlite3
import subprocess
import tempfile
import time

import requests
import stripe

import raw_sqlite

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TENURE = os.path.join(ROOT, ".build", "release", "tenure")
SECRET = "whsec_benchmark"
BASE = 1_767_225_600  # 2026-01-01
DAY = 86_400


def price():
    return {"id": "price_seat", "object": "price", "active": True, "currency": "usd", "unit_amount": 2_500, "product": "prod_app",
            "recurring": {"interval": "month", "interval_count": 1, "usage_type": "licensed"}}


def subscription(n, quantity, start):
    return {"id": f"sub_{n}", "object": "subscription", "customer": f"cus_{n}", "status": "active", "currency": "usd",
            "start_date": start, "created": start, "current_period_start": start, "current_period_end": start + 30 * DAY,
            "cancel_at": None, "canceled_at": None, "ended_at": None,
            "cancellation_details": {"reason": None, "feedback": None, "comment": None}, "pause_collection": None, "discount": None,
            "items": {"object": "list", "data": [{"id": f"si_{n}", "object": "subscription_item", "quantity": quantity, "price": price()}]}}


def invoice(n, amount, created):
    return {"id": f"in_{n}", "object": "invoice", "customer": f"cus_{n}", "subscription": f"sub_{n}", "status": "paid",
            "currency": "usd", "subtotal": amount, "total": amount, "total_excluding_tax": amount, "amount_due": amount,
            "amount_paid": amount, "period_start": created, "period_end": created + 30 * DAY, "created": created,
            "status_transitions": {"paid_at": created}}


def events(customers):
    """Event bodies as Stripe sends them, in order."""
    made = []

    def add(kind, created, obj):
        made.append(json.dumps({"id": f"evt_{len(made):07d}", "object": "event", "type": kind, "created": created,
                                "livemode": False, "data": {"object": obj}}))

    add("product.created", BASE, {"id": "prod_app", "object": "product", "name": "App", "active": True})
    add("price.created", BASE, price())
    for n in range(customers):
        start = BASE + n * 2_000
        seats = 2 + n % 9
        add("customer.created", start, {"id": f"cus_{n}", "object": "customer", "name": f"Customer {n}",
                                        "email": f"billing@customer{n}.example", "currency": "usd", "metadata": {"plan": "growth"}})
        add("customer.subscription.created", start + 1, subscription(n, seats, start))
        add("invoice.paid", start + 60, invoice(n, 2_500 * seats, start))
        add("customer.subscription.updated", start + 20 * DAY, subscription(n, seats + 1, start))
    return made


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1_000)
    args = parser.parse_args()
    bodies = events(args.customers)

    with tempfile.TemporaryDirectory() as directory:
        path = f"{directory}/bench.sqlite"
        subprocess.run([TENURE, "migrate", "--database", f"sqlite:{path}"], check=True, capture_output=True)
        # Signatures older than 300 s are refused, so the server keeps the system clock, as in production.
        server = subprocess.Popen([TENURE, "serve", "--port", "0", "--database", f"sqlite:{path}", "--stripe-webhook-secret", SECRET],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "TENURE_NOW": ""})
        try:
            url = server.stdout.readline().strip().rsplit(" ", 1)[-1] + "/webhooks/stripe"
            session = requests.Session()
            signed = [(body.encode("utf-8"), {"Content-Type": "application/json",
                                              "Stripe-Signature": stripe.WebhookSignature.generate_signature_header(body, SECRET)})
                      for body in bodies]
            began = time.perf_counter()
            for body, headers in signed:
                session.post(url, data=body, headers=headers).raise_for_status()
            tenure_seconds = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait()
        stored = sqlite3.connect(path)
        counts = stored.execute("SELECT (SELECT COUNT(*) FROM stripe_events), (SELECT COUNT(*) FROM subscriptions), "
                                "(SELECT COUNT(*) FROM invoices)").fetchone()
        stored.close()

        raw = raw_sqlite.empty_copy(path, "stripe_events", f"{directory}/raw.sqlite")
        began = time.perf_counter()
        for body, headers in signed:
            stripe.WebhookSignature.verify_header(body.decode("utf-8"), headers["Stripe-Signature"], SECRET, tolerance=300)
            event = json.loads(body)
            obj = event["data"]["object"]
            raw.execute("BEGIN")
            raw.execute("INSERT INTO stripe_events (id, type, created, object_type, object_id, related_id, payload, received_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                        (event["id"], event["type"], event["created"], obj["object"], obj["id"], None, body.decode("utf-8"),
                         int(time.time() * 1000)))
            raw.execute("COMMIT")
        raw_seconds = time.perf_counter() - began

    tenure_rate, raw_rate = len(bodies) / tenure_seconds, len(bodies) / raw_seconds
    print(f"Tenure took {counts[0]:,} signed Stripe events ({counts[1]:,} subscriptions, {counts[2]:,} invoices) "
          f"through /webhooks/stripe, one per request.")
    print(f"Tenure /webhooks/stripe: {tenure_rate:,.0f} events/s   verify + raw sqlite3 insert: {raw_rate:,.0f} events/s")
    print(f"Ratio Tenure / raw: {tenure_rate / raw_rate:.2f}")


if __name__ == "__main__":
    main()
