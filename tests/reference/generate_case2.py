#!/usr/bin/python3
"""Independent expected values for the engine's second reference case (case 2).

A market-model event study on the bundled data, computed with statsmodels OLS and NumPy
directly from the formulas of design/methods.md (sections 3, 4, 6, 10), without any aftershock
code:

  firms NVDA, AVGO, MSFT, AMD, CEG; market SPY; event 2025-01-27 (a trading day);
  estimation window -260..-11, event window -5..5 (trading-day offsets on the SPY calendar);
  simple returns from adj_close; CAR windows 0:0, -1:1 and -5:5;
  shares outstanding from data/shares_outstanding.csv, market values from close.

Writes tests/reference/case2_expected.csv with columns kind,ticker,key,quantity,value (values
as repr(float), 17 significant digits). Run from the repository root with Debian's
/usr/bin/python3 (python3-numpy, python3-pandas, python3-statsmodels, python3-scipy):

    /usr/bin/python3 tests/reference/generate_case2.py

The C++ test (tests/unit/study/case2_test.cpp) reads the committed CSV; it never runs this
script.
"""
import csv
import math
import pathlib

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIRMS = ["NVDA", "AVGO", "MSFT", "AMD", "CEG"]
MARKET = "SPY"
EVENT = "2025-01-27"
EST = (-260, -11)
EVT = (-5, 5)
WINDOWS = [(0, 0), (-1, 1), (-5, 5)]


def load(ticker):
    frame = pd.read_csv(ROOT / "data" / "prices" / f"{ticker}.csv", parse_dates=["date"])
    return frame.set_index("date")


def main():
    market = load(MARKET)
    calendar = market.index
    adj = pd.DataFrame({t: load(t)["adj_close"] for t in FIRMS + [MARKET]}).reindex(calendar)
    close = pd.DataFrame({t: load(t)["close"] for t in FIRMS}).reindex(calendar)
    # Simple returns P_t / P_{t-1} - 1 on the market calendar; a return after a missing price
    # stays missing (no spanning: fill_method=None).
    returns = adj.pct_change(fill_method=None)
    shares_table = pd.read_csv(ROOT / "data" / "shares_outstanding.csv", usecols=[0, 1])
    shares = dict(zip(shares_table["ticker"], shares_table["shares"].astype(float)))

    day0 = calendar.get_loc(pd.Timestamp(EVENT))
    est = list(range(day0 + EST[0], day0 + EST[1] + 1))
    evt = list(range(day0 + EVT[0], day0 + EVT[1] + 1))
    offsets = list(range(EVT[0], EVT[1] + 1))
    rm = returns[MARKET]

    rows = []

    def put(kind, ticker, key, quantity, value):
        rows.append([kind, ticker, key, quantity, repr(float(value))])

    per_firm = {}
    for firm in FIRMS:
        y = returns[firm].iloc[est]
        x = rm.iloc[est]
        ok = y.notna() & x.notna()
        exog = sm.add_constant(x[ok].to_numpy())
        fit = sm.OLS(y[ok].to_numpy(), exog).fit()  # market model by OLS (MacKinlay 1997)
        alpha, beta = fit.params
        m = int(ok.sum())
        sigma = math.sqrt(fit.scale)  # SSE / (M - 2)
        put("firm", firm, "", "alpha", alpha)
        put("firm", firm, "", "beta", beta)
        put("firm", firm, "", "alpha_se", fit.bse[0])
        put("firm", firm, "", "beta_se", fit.bse[1])
        put("firm", firm, "", "sigma", sigma)
        put("firm", firm, "", "r2", fit.rsquared)
        put("firm", firm, "", "n_estimation", m)
        residuals = pd.Series(np.nan, index=calendar[est])
        residuals[ok.to_numpy()] = fit.resid
        # Event-day prediction: se_obs = sqrt(scale + x' Cov(b) x) (Patell 1976; CLM 1997 4.4.8).
        x_evt = sm.add_constant(rm.iloc[evt].to_numpy(), has_constant="add")
        prediction = fit.get_prediction(x_evt)
        expected = prediction.predicted_mean
        se = prediction.se_obs
        ar = returns[firm].iloc[evt].to_numpy() - expected
        sar = ar / se
        for j, off in enumerate(offsets):
            put("firm_day", firm, off, "return", returns[firm].iloc[evt[j]])
            put("firm_day", firm, off, "expected", expected[j])
            put("firm_day", firm, off, "ar", ar[j])
            put("firm_day", firm, off, "se", se[j])
            put("firm_day", firm, off, "t", sar[j])
        cars = {}
        for (a, b) in WINDOWS:
            sel = [j for j, off in enumerate(offsets) if a <= off <= b]
            length = len(sel)
            car = ar[sel].sum()
            # Var(CAR) = L s^2 + 1'X* Cov(b) X*'1 (Campbell, Lo & MacKinlay 1997, s.4.4; MacKinlay 1997)
            ones = np.ones(length)
            var_car = length * fit.scale + ones @ x_evt[sel] @ fit.cov_params() @ x_evt[sel].T @ ones
            t = car / math.sqrt(var_car)
            p = 2.0 * stats.t.sf(abs(t), m - 2)
            r_firm = returns[firm].iloc[[evt[j] for j in sel]].to_numpy()
            bhar = np.prod(1.0 + r_firm) - np.prod(1.0 + expected[sel])  # Barber & Lyon 1997
            key = f"{a}:{b}"
            put("firm_car", firm, key, "car", car)
            put("firm_car", firm, key, "se", math.sqrt(var_car))
            put("firm_car", firm, key, "t", t)
            put("firm_car", firm, key, "p_value", p)
            put("firm_car", firm, key, "bhar", bhar)
            first = day0 + a
            last = day0 + b
            s = shares[firm]
            mv_before = close[firm].iloc[first - 1] * s
            raw = close[firm].iloc[last] * s - mv_before
            dollar = sum(ar[j] * close[firm].iloc[evt[j] - 1] * s for j in sel)  # DAR_t = AR_t MV_{t-1}
            put("firm_car", firm, key, "market_cap_before", mv_before)
            put("firm_car", firm, key, "market_cap_change", raw)
            put("firm_car", firm, key, "abnormal_dollar_change", dollar)
            put("firm_car", firm, key, "normal_dollar_change", raw - dollar)
            cars[key] = (car, t, mv_before, raw, dollar)
        put("firm", firm, "", "market_cap_before", close[firm].iloc[evt[0] - 1] * shares[firm])
        per_firm[firm] = dict(residuals=residuals, m=m, ar=ar, sar=sar, cars=cars)

    n = len(FIRMS)
    resid = pd.DataFrame({f: per_firm[f]["residuals"] for f in FIRMS})
    est_aar = resid.mean(axis=1, skipna=True).dropna().to_numpy()
    s_aar = est_aar.std(ddof=1)  # Brown & Warner (1985) CDA, divisor M - 1
    corr = resid.corr().to_numpy()  # pairwise Pearson
    rbar = corr[np.triu_indices(n, k=1)].mean()  # Kolari & Pynnonen (2010)
    put("aggregate", "", "", "rbar", rbar)
    put("aggregate", "", "", "n_estimation_days", len(est_aar))
    dfs = np.array([per_firm[f]["m"] - 2 for f in FIRMS], dtype=float)
    patell_var = np.sum(dfs / (dfs - 2.0))  # Patell (1976): var of t with d df is d/(d-2)
    kp = math.sqrt((1.0 - rbar) / (1.0 + (n - 1) * rbar))  # Kolari & Pynnonen 2010 (methods.md T6)

    def tests(kind, key, raw, standardized, length):
        mean = raw.mean()
        t_csect = math.sqrt(n) * mean / raw.std(ddof=1)
        t_cda = mean / (math.sqrt(length) * s_aar)
        patell = standardized.sum() / math.sqrt(patell_var)
        bmp = math.sqrt(n) * standardized.mean() / standardized.std(ddof=1)
        values = {
            "t_csect": (t_csect, 2 * stats.t.sf(abs(t_csect), n - 1)),
            "t_cda": (t_cda, 2 * stats.t.sf(abs(t_cda), len(est_aar) - 1)),
            "patell": (patell, 2 * stats.norm.sf(abs(patell))),
            "bmp": (bmp, 2 * stats.t.sf(abs(bmp), n - 1)),
            "bmp_kp": (bmp * kp, 2 * stats.t.sf(abs(bmp * kp), n - 1)),
        }
        for name, (stat, p) in values.items():
            put(kind, "", key, name, stat)
            put(kind, "", key, name + "_p", p)
        return mean

    for j, off in enumerate(offsets):
        raw = np.array([per_firm[f]["ar"][j] for f in FIRMS])
        std = np.array([per_firm[f]["sar"][j] for f in FIRMS])
        put("agg_day", "", off, "aar", tests("agg_day", off, raw, std, 1))
    for (a, b) in WINDOWS:
        key = f"{a}:{b}"
        raw = np.array([per_firm[f]["cars"][key][0] for f in FIRMS])
        std = np.array([per_firm[f]["cars"][key][1] for f in FIRMS])
        put("agg_car", "", key, "caar", tests("agg_car", key, raw, std, b - a + 1))
        mv = sum(per_firm[f]["cars"][key][2] for f in FIRMS)
        raws = [per_firm[f]["cars"][key][3] for f in FIRMS]
        dollars = [per_firm[f]["cars"][key][4] for f in FIRMS]
        put("agg_car", "", key, "market_cap_change", sum(raws))
        put("agg_car", "", key, "abnormal_dollar_change", sum(dollars))
        put("agg_car", "", key, "normal_dollar_change", sum(raws) - sum(dollars))
        put("agg_car", "", key, "gross_abnormal_loss", sum(d for d in dollars if d < 0))
        put("agg_car", "", key, "gross_abnormal_gain", sum(d for d in dollars if d > 0))
        put("agg_car", "", key, "gross_market_cap_loss", sum(r for r in raws if r < 0))
        put("agg_car", "", key, "gross_market_cap_gain", sum(r for r in raws if r > 0))
        put("agg_car", "", key, "value_weighted_caar", sum(dollars) / mv)
    put("aggregate", "", "", "market_cap_before",
        sum(close[f].iloc[evt[0] - 1] * shares[f] for f in FIRMS))

    out = pathlib.Path(__file__).resolve().parent / "case2_expected.csv"
    with open(out, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["kind", "ticker", "key", "quantity", "value"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} values to {out}")


if __name__ == "__main__":
    main()
