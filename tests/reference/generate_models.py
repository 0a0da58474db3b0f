#!/usr/bin/python3
"""Independent reference values for the normal-return models (tests/unit/models/
factor_models_test.cpp). Run with Debian's /usr/bin/python3 (numpy, pandas-free, statsmodels):

    /usr/bin/python3 tests/reference/generate_models.py > tests/reference/models_expected.csv

Not run by the test suite. Data: data/prices/AAPL.csv and GSPC.csv (simple returns from
adj_close on the GSPC calendar), data/ff_factors_daily.csv, data/ff_momentum_daily.csv and,
when present, ../shared/data/ff5_factors_daily.csv (percent -> fractions).
Estimation window: calendar indices 1..250 (the first 250 returns); event day index 260 and
CAR window 258..262. Fits by statsmodels OLS (CAPM: no constant; Dimson K = 1: regressors
R_m,t-1, R_mt, R_m,t+1 on the same calendar); Scholes-Williams (1977) by its closed form in numpy.
Prediction-error variance s^2 (1 + x'(X'X)^-1 x) and Var(CAR) = s^2 (L + (sum x)'(X'X)^-1 (sum x)).
"""
import csv
import os
import sys

import numpy as np
import statsmodels.api as sm

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("AFTERSHOCK_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
EST = range(1, 251)
EVENT = 260
CAR = range(258, 263)


def read(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def prices(ticker):
    rows = read(os.path.join(ROOT, "data", "prices", ticker + ".csv"))
    return {r["date"]: float(r["adj_close"]) for r in rows}


gspc = read(os.path.join(ROOT, "data", "prices", "GSPC.csv"))
dates = [r["date"] for r in gspc]
pm = np.array([float(r["adj_close"]) for r in gspc])
pa_map = prices("AAPL")
pa = np.array([pa_map.get(d, np.nan) for d in dates])
rm = np.full(len(dates), np.nan)
ra = np.full(len(dates), np.nan)
rm[1:] = pm[1:] / pm[:-1] - 1.0
ra[1:] = pa[1:] / pa[:-1] - 1.0


def factors(path):
    rows = read(path)
    out = {}
    for name in rows[0].keys():
        if name == "date":
            continue
        m = {r["date"]: float(r[name]) / 100.0 for r in rows}
        out[name] = np.array([m.get(d, np.nan) for d in dates])
    return out


F = factors(os.path.join(ROOT, "data", "ff_factors_daily.csv"))
F.update(factors(os.path.join(ROOT, "data", "ff_momentum_daily.csv")))
ff5_path = os.path.join(SHARED, "data", "ff5_factors_daily.csv")
F5 = factors(ff5_path) if os.path.exists(ff5_path) else None

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["model", "quantity", "value"])


def emit(model, names, b, se, s2, n, x_of, offset_of):
    for k, name in enumerate(names):
        out.writerow([model, "coef:" + name, repr(float(b[k]))])
        out.writerow([model, "se:" + name, repr(float(se[k]))])
    out.writerow([model, "sigma", repr(float(np.sqrt(s2)))])
    out.writerow([model, "n", n])


def ols_model(model, names, x_of, offset_of, const):
    rows = [t for t in EST if np.isfinite(ra[t]) and np.all(np.isfinite(x_of(t)))]
    X = np.array([x_of(t) for t in rows])
    y = np.array([ra[t] - offset_of(t) for t in rows])
    if const:
        X = sm.add_constant(X, has_constant="add")
    fit = sm.OLS(y, X).fit()
    emit(model, names, fit.params, fit.bse, fit.scale, len(rows), x_of, offset_of)
    P = np.linalg.inv(X.T @ X)
    xrow = lambda t: np.concatenate([[1.0], x_of(t)]) if const else x_of(t)
    x0 = xrow(EVENT)
    ar = ra[EVENT] - offset_of(EVENT) - x0 @ fit.params
    out.writerow([model, "ar_event", repr(float(ar))])
    out.writerow([model, "var_ar_event", repr(float(fit.scale * (1.0 + x0 @ P @ x0)))])
    s = sum(xrow(t) for t in CAR)
    out.writerow([model, "var_car", repr(float(fit.scale * (len(CAR) + s @ P @ s)))])


rf = F["RF"]
ols_model("capm", ["beta"], lambda t: np.array([rm[t] - rf[t]]), lambda t: rf[t], False)
ols_model("ff3", ["alpha", "b_mkt", "s_smb", "h_hml"],
          lambda t: np.array([F["Mkt-RF"][t], F["SMB"][t], F["HML"][t]]), lambda t: rf[t], True)
ols_model("carhart", ["alpha", "b_mkt", "s_smb", "h_hml", "m_mom"],
          lambda t: np.array([F["Mkt-RF"][t], F["SMB"][t], F["HML"][t], F["Mom"][t]]),
          lambda t: rf[t], True)
ols_model("dimson", ["alpha", "beta_lag1", "beta_0", "beta_lead1"],
          lambda t: np.array([rm[t - 1], rm[t], rm[t + 1]]), lambda t: 0.0, True)
if F5 is not None:
    ols_model("ff5", ["alpha", "b_mkt", "s_smb", "h_hml", "r_rmw", "c_cma"],
              lambda t: np.array([F5["Mkt-RF"][t], F5["SMB"][t], F5["HML"][t], F5["RMW"][t],
                                  F5["CMA"][t]]), lambda t: F5["RF"][t], True)

# Scholes & Williams (1977): beta = (b- + b0 + b+)/(1 + 2 rho_m), alpha = mean R - beta mean R_m
# over the days with R_t, R_m,t-1, R_mt, R_m,t+1; s^2 = SSE/(M-2); P = (X'X)^-1 of (1, R_mt).
days = [t for t in EST if np.isfinite(ra[t]) and np.all(np.isfinite([rm[t - 1], rm[t], rm[t + 1]]))]
y = ra[days]
slopes = [np.polyfit(rm[[t + k for t in days]], y, 1)[0] for k in (-1, 0, 1)]
rho = np.corrcoef(rm[days], rm[[t - 1 for t in days]])[0, 1]
beta = sum(slopes) / (1.0 + 2.0 * rho)
alpha = y.mean() - beta * rm[days].mean()
X = np.column_stack([np.ones(len(days)), rm[days]])
e = y - X @ np.array([alpha, beta])
s2 = e @ e / (len(days) - 2)
P = np.linalg.inv(X.T @ X)
emit("scholes_williams", ["alpha", "beta"], [alpha, beta], np.sqrt(s2 * np.diag(P)), s2, len(days),
     None, None)
x0 = np.array([1.0, rm[EVENT]])
out.writerow(["scholes_williams", "ar_event", repr(float(ra[EVENT] - x0 @ np.array([alpha, beta])))])
out.writerow(["scholes_williams", "var_ar_event", repr(float(s2 * (1.0 + x0 @ P @ x0)))])
s = sum(np.array([1.0, rm[t]]) for t in CAR)
out.writerow(["scholes_williams", "var_car", repr(float(s2 * (len(CAR) + s @ P @ s)))])
