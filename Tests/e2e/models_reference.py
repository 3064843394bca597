#!/usr/bin/env python3
"""Reference results for Tenure's statistical models, from lifelines, scikit-learn and SciPy.

Tests/tenureTests/ModelCrossCheckTests.swift runs `tenure fit …` on the same data and compares.
Each mode prints one JSON object on standard output:

  models_reference.py cox                 Cox PH on lifelines' Rossi recidivism data (plain and penalised)
  models_reference.py km                  Kaplan–Meier on Rossi, overall and by race
  models_reference.py logistic DIR        StandardScaler + LogisticRegression on sklearn's breast cancer
                                          data, written to DIR/breast_cancer.csv for the CLI
  models_reference.py churn CSV           StandardScaler + LogisticRegression on a messy Telco-like churn CSV
                                          (written by the test), encoded here in plain Python the way
                                          `tenure fit logistic` documents it: rows with missing cells
                                          dropped ("drop") or numeric gaps filled with the mean beside a
                                          _missing indicator ("mean"); text one-hot, levels sorted, first dropped;
                                          and lifelines' CoxPHFitter with tenure as the duration ("cox")
  models_reference.py calibration         ranking, Platt, isotonic and calibration-curve results on
                                          seeded synthetic scores with ties (the scores are included)
  models_reference.py sbg                 the sBG model (Fader & Hardie) fitted with SciPy, DERL by hyp2f1
"""
import json
import math
import os
import sys

import numpy as np


def rossi_path():
    import lifelines

    return os.path.join(os.path.dirname(lifelines.__file__), "datasets", "rossi.csv")


def cox():
    import pandas as pd
    from lifelines import CoxPHFitter

    rossi = pd.read_csv(rossi_path())
    result = {"csv": rossi_path()}
    for name, penalizer in [("plain", 0.0), ("penalized", 0.1)]:
        fitter = CoxPHFitter(penalizer=penalizer).fit(rossi, duration_col="week", event_col="arrest")
        baseline = fitter.baseline_cumulative_hazard_.iloc[:, 0]
        result[name] = {
            "penalizer": penalizer,
            "coefficients": fitter.params_.to_dict(),
            "standard_errors": fitter.standard_errors_.to_dict(),
            "p_values": fitter.summary["p"].to_dict(),
            "log_likelihood": fitter.log_likelihood_,
            "concordance": fitter.concordance_index_,
            "baseline_cumulative_hazard": [[float(t), float(h)] for t, h in baseline.items()],
        }
    return result


def km_curve(durations, events):
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter().fit(durations, events)
    table = fitter.event_table.join(fitter.survival_function_).join(fitter.confidence_interval_)
    rows = [[float(time), int(row["at_risk"]), int(row["observed"]), int(row["censored"])] + [float(v) for v in row.iloc[-3:]]
            for time, row in table.iterrows()]
    median = fitter.median_survival_time_
    return {"table": rows, "median": None if math.isinf(median) else float(median)}


def km():
    import pandas as pd

    rossi = pd.read_csv(rossi_path())
    return {
        "csv": rossi_path(),
        "overall": km_curve(rossi["week"], rossi["arrest"]),
        "by_race": {str(race): km_curve(group["week"], group["arrest"]) for race, group in rossi.groupby("race")},
    }


def logistic(directory):
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
    from sklearn.preprocessing import StandardScaler

    data = load_breast_cancer()
    names = [str(name) for name in data.feature_names]
    path = os.path.join(directory, "breast_cancer.csv")
    frame = np.column_stack([data.data, data.target])
    np.savetxt(path, frame, delimiter=",", header=",".join(names + ["benign"]), comments="", fmt="%.17g")
    scaler = StandardScaler().fit(data.data)
    standardized = scaler.transform(data.data)
    fits = {}
    for c in [1.0, 0.05]:
        model = LogisticRegression(C=c, tol=1e-10, max_iter=10000).fit(standardized, data.target)
        probabilities = model.predict_proba(standardized)[:, 1]
        weights = model.coef_[0]
        fits[str(c)] = {
            "standardized_coefficients": dict(zip(names, weights.tolist())),
            "standardized_intercept": float(model.intercept_[0]),
            "coefficients": dict(zip(names, (weights / scaler.scale_).tolist())),
            "intercept": float(model.intercept_[0] - np.sum(weights * scaler.mean_ / scaler.scale_)),
            "log_likelihood": -float(log_loss(data.target, probabilities, normalize=False)),
            "auc": float(roc_auc_score(data.target, probabilities)),
            "average_precision": float(average_precision_score(data.target, probabilities)),
            "brier_score": float(brier_score_loss(data.target, probabilities)),
            "iterations": int(model.n_iter_[0]),
        }
    return {"csv": path, "target": "benign", "fits": fits}


MISSING = {"", "na", "n/a", "null", "nan"}


def churn_cell(text):
    """A cell as None (missing), a float, or text: whitespace, one pair of quotes, thousands commas ignored."""
    text = text.strip()
    if len(text) >= 2 and text[0] in "\"'" and text[-1] == text[0]:
        text = text[1:-1].strip()
    if text.lower() in MISSING:
        return None
    plain = text.replace(",", "") if all(len(g) == 3 for g in text.split(".")[0].lstrip("+-").split(",")[1:]) else text
    try:
        return float(plain)
    except ValueError:
        return text


def churn_table(path, roles, dropped, mode):
    """The CSV's rows without missing cells (or with numeric gaps filled, mode "mean"), its inputs encoded."""
    import csv

    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, cells = rows[0], [[churn_cell(cell) for cell in row] for row in rows[1:]]
    inputs = [name for name in header if name not in roles and name not in dropped]
    column = {name: [row[header.index(name)] for row in cells] for name in header}
    is_text = {name: any(isinstance(v, str) for v in column[name]) for name in inputs}
    required = roles + [name for name in inputs if mode == "drop" or is_text[name]]
    kept = [i for i in range(len(cells)) if all(column[name][i] is not None for name in required)]
    names, features, encodings, means = [], [], [], {}
    for name in inputs:
        values = [column[name][i] for i in kept]
        if is_text[name]:
            levels = sorted(set(values))
            encodings.append({"column": name, "dropped": levels[0], "kept": levels[1:]})
            for level in levels[1:]:
                names.append(f"{name}={level}")
                features.append([1.0 if v == level else 0.0 for v in values])
        elif any(v is None for v in values):
            present = [v for v in values if v is not None]
            mean = sum(present) / len(present)
            means[name] = mean
            names += [name, f"{name}_missing"]
            features += [[mean if v is None else v for v in values], [1.0 if v is None else 0.0 for v in values]]
        else:
            names.append(name)
            features.append(values)
    report = {"rows": len(kept), "dropped_rows": len(cells) - len(kept), "encodings": encodings, "imputed_means": means}
    return names, np.array(features).T, {name: [column[name][i] for i in kept] for name in roles}, report


def churn(path):
    import pandas as pd
    from lifelines import CoxPHFitter
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    result = {}
    for mode in ["drop", "mean"]:
        names, x, roles, report = churn_table(path, ["Churn"], {"customerID"}, mode)
        y = np.array([1 if v == "Yes" else 0 for v in roles["Churn"]])
        scaler = StandardScaler().fit(x)
        model = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(scaler.transform(x), y)
        weights = model.coef_[0]
        result[mode] = dict(report, **{
            "standardized_coefficients": dict(zip(names, weights.tolist())),
            "standardized_intercept": float(model.intercept_[0]),
            "coefficients": dict(zip(names, (weights / scaler.scale_).tolist())),
            "intercept": float(model.intercept_[0] - np.sum(weights * scaler.mean_ / scaler.scale_)),
        })
    names, x, roles, report = churn_table(path, ["tenure", "Churn"], {"customerID"}, "drop")
    frame = pd.DataFrame(x, columns=names)
    frame["tenure"] = roles["tenure"]
    frame["Churn"] = [1 if v == "Yes" else 0 for v in roles["Churn"]]
    fitter = CoxPHFitter().fit(frame, duration_col="tenure", event_col="Churn")
    result["cox"] = dict(report, coefficients=fitter.params_.to_dict(), log_likelihood=fitter.log_likelihood_)
    return result


def calibration():
    from sklearn.calibration import _sigmoid_calibration, calibration_curve
    from sklearn.isotonic import IsotonicRegression
    from sklearn.metrics import average_precision_score, roc_auc_score

    generator = np.random.default_rng(20070101)
    scores = np.round(generator.normal(size=2000), 1)  # rounding makes many tied scores
    labels = (generator.uniform(size=2000) < 1 / (1 + np.exp(-(1.5 * scores - 0.3)))).astype(int)
    probabilities = 1 / (1 + np.exp(-scores))
    grid = np.linspace(-5, 5, 101)
    isotonic = IsotonicRegression(out_of_bounds="clip").fit(scores, labels)
    a, b = _sigmoid_calibration(scores, labels)
    curves = {}
    for strategy in ["uniform", "quantile"]:
        observed, predicted = calibration_curve(labels, probabilities, n_bins=10, strategy=strategy)
        curves[strategy] = {"observed": observed.tolist(), "predicted": predicted.tolist()}
    return {
        "scores": scores.tolist(),
        "labels": labels.tolist(),
        "auc": float(roc_auc_score(labels, scores)),
        "average_precision": float(average_precision_score(labels, scores)),
        "isotonic_grid": grid.tolist(),
        "isotonic_predictions": isotonic.predict(grid).tolist(),
        "platt": {"slope": float(a), "intercept": float(b)},
        "calibration_curves": curves,
    }


def sbg():
    from scipy.optimize import minimize
    from scipy.special import betaln, hyp2f1

    def log_likelihood(alpha, beta, survivors):
        total = 0.0
        for t in range(1, len(survivors)):
            churn_probability = betaln(alpha + 1, beta + t - 1) - betaln(alpha, beta)
            total += (survivors[t - 1] - survivors[t]) * churn_probability
        periods = len(survivors) - 1
        return total + survivors[-1] * (betaln(alpha, beta + periods) - betaln(alpha, beta))

    cohorts = {"regular": [1000, 631, 468, 382, 326, 289, 262, 241], "high_end": [1000, 869, 743, 653, 593, 551, 517, 491]}
    result = {}
    for name, survivors in cohorts.items():
        fit = minimize(lambda p: -log_likelihood(math.exp(p[0]), math.exp(p[1]), survivors), [0.0, 0.0],
                       method="Nelder-Mead", options={"xatol": 1e-11, "fatol": 1e-12, "maxiter": 20000})
        alpha, beta = math.exp(fit.x[0]), math.exp(fit.x[1])
        n = len(survivors)  # survivors after the last observed period have made n - 1 renewals
        derl = math.exp(betaln(alpha, beta + n) - betaln(alpha, beta + n - 1)) * hyp2f1(1, beta + n, alpha + beta + n, 1 / 1.1)
        result[name] = {
            "survivors": survivors,
            "alpha": alpha,
            "beta": beta,
            "log_likelihood": -fit.fun,
            "projected_survival": [math.exp(betaln(alpha, beta + t) - betaln(alpha, beta)) for t in range(1, 13)],
            "derl": derl,
        }
    return result


def main():
    modes = {"cox": cox, "km": km, "calibration": calibration, "sbg": sbg}
    if len(sys.argv) == 3 and sys.argv[1] in ("logistic", "churn"):
        print(json.dumps({"logistic": logistic, "churn": churn}[sys.argv[1]](sys.argv[2])))
    elif len(sys.argv) == 2 and sys.argv[1] in modes:
        print(json.dumps(modes[sys.argv[1]]()))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
