#!/usr/bin/env python3
"""Delivers Stripe events to a running Tenure server, signed by the official
`stripe` package's webhook signature helper, plus tampered, expired and
unsigned copies. Prints one JSON object: the HTTP status of every delivery.

Usage: stripe_webhooks.py URL SECRET EVENT_FILE...
"""
import json
import sys
import time

import requests
import stripe


def post(url, payload, header):
    headers = {"Content-Type": "application/json"}
    if header is not None:
        headers["Stripe-Signature"] = header
    return requests.post(url, data=payload.encode("utf-8"), headers=headers, timeout=30).status_code


def main():
    url, secret, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    results = {"signed": [], "tampered": None, "expired": None, "unsigned": None, "wrong_secret": None, "replayed": None}
    payloads = [open(path, encoding="utf-8").read() for path in files]
    for payload in payloads:
        header = stripe.WebhookSignature.generate_signature_header(payload, secret)
        # The library's own verifier must accept what it signed: the header is genuine.
        stripe.WebhookSignature.verify_header(payload, header, secret, tolerance=300)
        results["signed"].append(post(url, payload, header))
    first = payloads[0]
    header = stripe.WebhookSignature.generate_signature_header(first, secret)
    results["tampered"] = post(url, first.replace('"created"', '"created" ', 1), header)
    old = stripe.WebhookSignature.generate_signature_header(first, secret, timestamp=int(time.time()) - 3600)
    results["expired"] = post(url, first, old)
    results["unsigned"] = post(url, first, None)
    results["wrong_secret"] = post(url, first, stripe.WebhookSignature.generate_signature_header(first, "whsec_wrong"))
    results["replayed"] = post(url, first, header)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
