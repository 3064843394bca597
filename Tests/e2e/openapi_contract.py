"""Checks Tenure's OpenAPI document against a running server.

Usage: openapi_contract.py BASE_URL ADMIN_KEY [validate] [client] [schemathesis]

validate:      the document at BASE_URL/api/v1/openapi.json passes openapi-spec-validator.
client:        openapi-python-client generates a client from it, which lists accounts.
schemathesis:  schemathesis runs every check on every operation (bounded examples);
               no 5xx, every response conforms to its documented status and schema.

Prints a JSON report on standard output; exits non-zero with the failures on standard error.
"""
import importlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def fetch_document(base, directory):
    with urllib.request.urlopen(f"{base}/api/v1/openapi.json") as response:
        document = json.load(response)
    path = os.path.join(directory, "openapi.json")
    with open(path, "w") as file:
        json.dump(document, file)
    return document, path


def validate(document):
    from openapi_spec_validator import validate as check
    check(document)
    return {"valid": True, "operations": sum(1 for item in document["paths"].values() for key in item if key != "parameters")}


def client(base, key, path, directory):
    output = os.path.join(directory, "tenure_client")
    subprocess.run(["openapi-python-client", "generate", "--path", path, "--output-path", output, "--meta", "none"],
                   check=True, capture_output=True, text=True)
    sys.path.insert(0, directory)
    generated = importlib.import_module("tenure_client")
    list_accounts = importlib.import_module("tenure_client.api.default.get_api_v1_accounts")
    sort = importlib.import_module("tenure_client.models.get_api_v1_accounts_sort").GetApiV1AccountsSort
    with generated.AuthenticatedClient(base_url=base, token=key) as api:
        page = list_accounts.sync(client=api, limit=5, sort=sort("-mrr"))
    return {"total": page.total, "names": [account.name for account in page.data],
            "mrr": [account.mrr.amount for account in page.data]}


def schemathesis(base, key, path, examples):
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", os.path.join(HERE, "schemathesis.toml"), "run", path,
               "--url", base, "-H", f"Authorization: Bearer {key}", "--checks", "all",
               "--phases", "examples,coverage,fuzzing", "--max-examples", str(examples), "--seed", "42",
               # One worker: with two threads, CPython 3.11's ast.parse (which Hypothesis calls to describe
               # its filters) races and fails with "AST constructor recursion depth mismatch".
               "--workers", "1", "--no-color", "--suppress-health-check", "all",
               # Training and calibration answer in seconds, but a loaded machine has taken over 10 (the default
               # of both the read timeout and, with every check on, the response-time check).
               "--request-timeout", "60", "--max-response-time", "60"]
    # In the temporary directory, so schemathesis' caches are not left in the repository.
    run = subprocess.run(command, capture_output=True, text=True, cwd=os.path.dirname(path))
    if run.returncode != 0:
        sys.stderr.write(run.stdout[-20000:] + run.stderr[-5000:])
        sys.exit(1)
    summary = [line.strip() for line in run.stdout.splitlines() if "generated" in line or " passed" in line]
    return {"passed": True, "summary": summary}


def main():
    base, key, actions = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    report = {}
    with tempfile.TemporaryDirectory() as directory:
        document, path = fetch_document(base, directory)
        if "validate" in actions:
            report["validate"] = validate(document)
        if "client" in actions:
            report["client"] = client(base, key, path, directory)
        if "schemathesis" in actions:
            report["schemathesis"] = schemathesis(base, key, path, int(os.environ.get("TENURE_SCHEMATHESIS_EXAMPLES", "6")))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
