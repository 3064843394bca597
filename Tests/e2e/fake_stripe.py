#!/usr/bin/env python3
"""A local stand-in for Stripe's list API, serving objects in Stripe's real
shapes (each one built from Stripe's own example in
Tests/Fixtures/stripe/fixtures3.json, with ids, amounts and dates replaced),
with cursor pagination, occasional 429s with Retry-After, and optional
failures, so `tenure sync stripe` can be tested end to end.

Usage: fake_stripe.py [FIXTURES] --customers N --log FILE [--fail-after N]
(FIXTURES defaults to the repository's Tests/Fixtures/stripe/fixtures3.json.)
Prints "listening PORT" once ready, then serves until killed. Writes
expected.json (expected MRR and counts) beside the log.
"""
import argparse
import copy
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

DAY = 86_400
BASE = 1_735_689_600  # 2025-01-01


def build(fixtures, customers):
    resources = fixtures["resources"]
    products = []
    for product_id, name in [("prod_basic", "Basic"), ("prod_pro", "Pro")]:
        product = copy.deepcopy(resources["product"])
        product.update(id=product_id, name=name, active=True, default_price=None)
        products.append(product)
    prices = []
    for price_id, product_id, amount, interval in [("price_basic_m", "prod_basic", 2000, "month"),
                                                   ("price_pro_m", "prod_pro", 5000, "month"),
                                                   ("price_pro_y", "prod_pro", 50000, "year")]:
        price = copy.deepcopy(resources["price"])
        price.update(id=price_id, product=product_id, unit_amount=amount, unit_amount_decimal=str(amount), currency="usd")
        price["recurring"].update(interval=interval, interval_count=1, usage_type="licensed")
        prices.append(price)
    by_id = {price["id"]: price for price in prices}
    customer_list, subscriptions, invoices = [], [], []
    expected_mrr = 0
    statuses = ["active", "active", "active", "trialing", "canceled", "past_due"]
    for index in range(customers):
        customer = copy.deepcopy(resources["customer"])
        customer.update(id=f"cus_{index:05d}", name=f"Customer {index}", email=f"billing@c{index}.example.com",
                        currency="usd", created=BASE + index * 600, discount=None, metadata={"index": str(index)})
        customer_list.append(customer)
        status = statuses[index % len(statuses)]
        price = by_id[["price_basic_m", "price_pro_m", "price_pro_y"][index % 3]]
        quantity = 1 + index % 9
        start = BASE + index * 3_600
        subscription = copy.deepcopy(resources["subscription"])
        subscription.update(
            id=f"sub_{index:05d}", customer=customer["id"], status=status, currency="usd", created=start, start_date=start,
            billing_cycle_anchor=start, cancel_at=None, cancel_at_period_end=False, pause_collection=None, discounts=[],
            canceled_at=start + 100 * DAY if status == "canceled" else None,
            ended_at=start + 100 * DAY if status == "canceled" else None,
            trial_start=start if status == "trialing" else None, trial_end=start + 400 * DAY if status == "trialing" else None)
        subscription["cancellation_details"] = {"comment": None, "feedback": "too_expensive" if status == "canceled" else None,
                                                "reason": "cancellation_requested" if status == "canceled" else None}
        item = copy.deepcopy(subscription["items"]["data"][0])
        item.update(id=f"si_{index:05d}", quantity=quantity, price=copy.deepcopy(price), subscription=subscription["id"],
                    current_period_start=start, current_period_end=start + 30 * DAY)
        item.pop("plan", None)
        subscription["items"] = {"object": "list", "data": [item], "has_more": False, "url": "/v1/subscription_items"}
        percent = 10 if index % 4 == 0 else None
        subscription["discount"] = None
        if percent:
            subscription["discount"] = {"object": "discount", "start": start, "end": None,
                                        "coupon": {"id": "TEN", "object": "coupon", "percent_off": percent, "amount_off": None,
                                                   "duration": "forever", "duration_in_months": None}}
        subscriptions.append(subscription)
        if status in ("active", "past_due"):
            periods = 12 if price["recurring"]["interval"] == "year" else 1
            gross = (price["unit_amount"] * quantity * 2 + periods) // (2 * periods)
            discount = (gross * percent * 100 * 2 + 10000) // 20000 if percent else 0
            expected_mrr += gross - discount
            invoice = copy.deepcopy(resources["invoice"])
            amount = price["unit_amount"] * quantity
            invoice.update(id=f"in_{index:05d}", customer=customer["id"], subscription=subscription["id"], status="paid",
                           currency="usd", subtotal=amount, total=amount, total_excluding_tax=amount, amount_due=amount,
                           amount_paid=amount, amount_remaining=0, created=start, period_start=start, period_end=start + 30 * DAY)
            invoice["status_transitions"] = {"paid_at": start + 60, "finalized_at": start, "marked_uncollectible_at": None, "voided_at": None}
            invoices.append(invoice)
    lists = {"products": products, "prices": prices, "customers": customer_list, "subscriptions": subscriptions, "invoices": invoices}
    expected = {"mrr": expected_mrr, "counts": {name: len(items) for name, items in lists.items()}}
    return lists, expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("fixtures", nargs="?",
                        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "stripe", "fixtures3.json"))
    parser.add_argument("--customers", type=int, default=250)
    parser.add_argument("--log", required=True)
    parser.add_argument("--fail-after", type=int, default=0, help="answer 500 to every data request after this many")
    args = parser.parse_args()
    lists, expected = build(json.load(open(args.fixtures)), args.customers)
    with open(os.path.join(os.path.dirname(args.log), "expected.json"), "w") as out:
        json.dump(expected, out)
    state = {"requests": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *arguments):
            pass

        def answer(self, status, body, headers=None):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = parse_qs(url.query)
            name = url.path.removeprefix("/v1/")
            if self.headers.get("Authorization", "") != "Bearer rk_test_tenure":
                return self.answer(401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}})
            if name not in lists:
                return self.answer(404, {"error": {"message": f"Unrecognized request URL ({url.path})"}})
            with lock:
                state["requests"] += 1
                count = state["requests"]
                with open(args.log, "a") as log:
                    log.write(json.dumps({"list": name, "starting_after": query.get("starting_after", [None])[0],
                                          "status": query.get("status", [None])[0]}) + "\n")
            if count % 5 == 0:
                return self.answer(429, {"error": {"message": "Too many requests"}}, {"Retry-After": "1"})
            if args.fail_after and count > args.fail_after:
                return self.answer(500, {"error": {"message": "Internal error"}}, {"Retry-After": "0"})
            items = lists[name]
            limit = int(query.get("limit", ["10"])[0])
            after = query.get("starting_after", [None])[0]
            start = 0 if after is None else next(i for i, item in enumerate(items) if item["id"] == after) + 1
            page = items[start:start + limit]
            self.answer(200, {"object": "list", "url": url.path, "has_more": start + limit < len(items), "data": page})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
