#!/usr/bin/env python3
"""Model fitting: Tenure's logistic regression and Cox model vs scikit-learn and lifelines.

tenure-bench synthesises the data from a seed, writes it as CSV and times its own fits on the
rows in memory; this script reads the same CSV into NumPy/pandas and times the peers' fits on
it. Only fitting is timed on both sides:

  logistic  Tenure: standardise + Newton (LogisticRegression.fit).
            scikit-learn: StandardScaler().fit_transform + LogisticRegression(C).fit, at the
            tolerance the cross-check tests use (1e-10, "equal accuracy") and at its default (1e-4).
  cox       Tenure: CoxProportionalHazards.fit, which also computes the standard errors, the
            baseline hazard and the concordance.
            lifelines: CoxPHFitter().fit (standard errors and baseline hazard), then
            concordance_index_ (lifelines computes it lazily; both columns are printed).

The coefficients must agree (the largest absolute difference is printed) before a ratio is printed.

Usage: Benchmarks/models_vs_python.py [--logistic-rows 200000] [--columns 30] [--c 1.0]
                                      [--cox-rows 50000] [--runs 3] [--bench PATH]
(scripts/bench builds tenure-bench in release mode and runs this.)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd


def timed(runs, fit):
    """The result of the last of `runs` calls of `fit` and the median time in seconds."""
    timings, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fit()
        timings.append(time.perf_counter() - started)
    return result, statistics.median(timings)


def tenure_bench(args, mode, directory, *flags):
    command = [args.bench, mode, "--out", directory, "--runs", str(args.runs), *flags]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def agree(label, difference, tolerance):
    print(f"  largest |Δ| of {label}: {difference:.2e}")
    if not difference <= tolerance:
        print(f"RESULTS DIFFER by more than {tolerance:g} — no ratio printed.")
        sys.exit(1)


def logistic(args, directory):
    from sklearn import __version__ as sklearn_version
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    print(f"Logistic regression: {args.logistic_rows:,} rows × {args.columns} features, C = {args.c}", flush=True)
    tenure = tenure_bench(args, "logistic", directory, "--rows", str(args.logistic_rows),
                          "--columns", str(args.columns), "--c", str(args.c))
    frame = pd.read_csv(os.path.join(directory, "logistic.csv"), float_precision="round_trip")
    features, labels = frame.drop(columns="y").to_numpy(), frame["y"].to_numpy()

    def fit(tolerance):
        standardized = StandardScaler().fit_transform(features)
        return LogisticRegression(C=args.c, tol=tolerance, max_iter=10000).fit(standardized, labels)

    print(f"  Tenure (Swift, {os.cpu_count()} threads): {tenure['seconds']:.3f} s, {tenure['iterations']} Newton steps")
    for tolerance, name in [(1e-10, "tol=1e-10, equal accuracy"), (1e-4, "tol=1e-4, its default")]:
        model, seconds = timed(args.runs, lambda: fit(tolerance))
        print(f"  scikit-learn {sklearn_version} lbfgs ({name}): {seconds:.3f} s, {model.n_iter_[0]} iterations")
        agree("standardised coefficients", np.max(np.abs(model.coef_[0] - tenure["standardized_coefficients"])), 1e-3)
        print(f"  Ratio scikit-learn time / Tenure time ({name}): {seconds / tenure['seconds']:.2f}×")


def cox(args, directory):
    import lifelines
    from lifelines import CoxPHFitter

    print(f"Cox proportional hazards: {args.cox_rows:,} rows × 8 covariates, whole-day durations (Efron ties)", flush=True)
    tenure = tenure_bench(args, "cox", directory, "--rows", str(args.cox_rows))
    frame = pd.read_csv(os.path.join(directory, "cox.csv"), float_precision="round_trip")
    fitter, fit_seconds = timed(args.runs, lambda: CoxPHFitter().fit(frame, duration_col="duration", event_col="event"))

    def fit_and_concordance():
        fitted = CoxPHFitter().fit(frame, duration_col="duration", event_col="event")
        return fitted, fitted.concordance_index_

    (_, concordance), full_seconds = timed(args.runs, fit_and_concordance)
    agree("coefficients", np.max(np.abs(fitter.params_.to_numpy() - tenure["coefficients"])), 1e-5)
    agree("standard errors", np.max(np.abs(fitter.standard_errors_.to_numpy() - tenure["standard_errors"])), 1e-5)
    agree("log partial likelihood", abs(fitter.log_likelihood_ - tenure["log_likelihood"]), 1e-4)
    agree("concordance", abs(concordance - tenure["concordance"]), 1e-9)
    print(f"  Tenure (Swift, {os.cpu_count()} threads): {tenure['seconds']:.3f} s, {tenure['iterations']} Newton steps")
    print(f"  lifelines {lifelines.__version__}: fit {fit_seconds:.3f} s, fit + concordance {full_seconds:.3f} s")
    print(f"  Ratio lifelines time / Tenure time: {fit_seconds / tenure['seconds']:.2f}× (fit),"
          f" {full_seconds / tenure['seconds']:.2f}× (fit + concordance)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logistic-rows", type=int, default=200_000)
    parser.add_argument("--columns", type=int, default=30)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--cox-rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bench", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "tenure-bench"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        logistic(args, directory)
        cox(args, directory)


if __name__ == "__main__":
    main()
