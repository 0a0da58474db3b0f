#!/usr/bin/python3
"""Python baselines for the aftershock performance harness (issue 6).

Two implementations of the same market-model event study on a long CSV (date,ticker,close):

  --method loop        the straightforward way: pandas to load and pivot, one statsmodels OLS per
                       firm-event in a Python loop, tests with numpy/scipy;
  --method vectorised  the stronger baseline: the same numbers with no per-firm Python loop (one
                       set of masked moment sums, i.e. one least-squares solve, per event date).

Conventions (aftershock's defaults, design/methods.md; all firms of one event date share day 0):
  simple returns P_t/P_{t-1} - 1 (pandas pct_change), a return after a missing price is missing;
  trading calendar = the dates of the market series; event date -> first trading day on or after;
  estimation window -260..-11, event window -1..+1 (trading-day offsets; --estimation,
  --window), market model by OLS on
  the firm's non-missing estimation days (at least --min-estimation of them); s^2 = SSE/(M-2);
  Rbar_m and S_xx over the firm's own estimation days;
  Var(AR_t)  = s^2 [1 + 1/M + (R_mt - Rbar_m)^2 / S_xx]                 (methods.md section 4)
  Var(CAR_W) = s^2 [L2 + L2^2/M + (sum_W (R_mt - Rbar_m))^2 / S_xx]       (methods.md section 4)
  a firm with a missing firm or market return inside the event window is dropped
  (status "wdatamissing"). Firm CAR t uses t(M - 2) for its p-value.
  Known difference: aftershock drops a firm-event only when its day-0 return is missing and
  pools each day over the firm-events with data that day; the two agree only on universes
  without missing prices inside event windows (the harness generates none: no --missing).
  Tests (methods.md section 6), daily and per CAR window, two-sided p-values:
  t_csect (T1), t_cda (T3; S_AAR over the estimation rows with at least one firm, t(M-1)),
  patell (T4, CAR form (b) with SCAR_i = CAR_i/sqrt(Var(CAR_i)), N(0,1)), bmp (T5, t(N-1)),
  bmp_kp (T6, rbar = mean pairwise Pearson correlation of the estimation residuals, pairs with
  >= 3 common days, t(N-1)).

Pooling (--pool): with --events the default is "event-time", as `aftershock study --events`
(docs/batch.md): one cross-section of every ok firm-event per event-window offset; estimation day
k of every firm-event is one day of the CDA's AAR series and one row of the residual matrix
whose mean pairwise correlation is rbar; one event block with "id"/"event_date" null, firms by
event id, an aggregate day's "date" null when the firm-events fall on different dates. "date"
(the default with --event) reports one block per effective event date.
rbar: the pairwise-complete correlation (pandas `DataFrame.corr(min_periods=3)` in the loop
method, masked moment products in the vectorised one); when no residual is missing and no column
is constant both use the exact O(N L) identity sum_{i<j} r_ij = (||sum_i z_i||^2 - N) / 2 on
unit-norm centred columns (a 10,000 x 10,000 correlation matrix would not be "a few minutes").
Windows: --estimation A:B (default -260:-11), --window C:D (default -1:1); CAR windows 0..0,
-1..+1 and the event window (aftershock's defaults).

Output: JSON with the aftershock JSON contract's field names (issue 2), a documented subset:
  {"tool": {"name", "version"}, "config": {...},
   "events": [{"id", "event_date", "estimation_window", "event_window", "market",
               "firms": [{"event_id", "ticker", "status", "alpha", "beta", "sigma", "r2",
                          "n_estimation",
                          "days": [{"offset", "date", "abnormal_return", "se", "t"}],
                          "cars": [{"window", "car", "se", "t", "p_value"}]}],
               "aggregate": {"n_firms",
                             "days": [{"offset", "date", "n", "aar", "tests": {name: {"statistic",
                                                                              "p_value"}}}],
                             "cars": [{"window", "caar", "tests": {...}}]}}]}
One entry of "events" per distinct effective event date (id = that date); missing numbers are
null. Timings of the phases go to stderr as one JSON line when --timings is given.
"""
import argparse
import json
import math
import pathlib
import sys
import time
import warnings

import numpy as np
import pandas as pd
from scipy import special
from scipy import stats as sps

EST = (-260, -11)  # --estimation A:B
EVT = (-1, 1)  # --window C:D
CAR_WINDOWS = [(0, 0), (-1, 1)]  # aftershock's default --car-window list plus the event window
EVENTS_NAME = None  # a pooled event's id: the events file's stem, as aftershock names it
TEST_NAMES = ["t_csect", "t_cda", "patell", "bmp", "bmp_kp"]


def clean(x):
    """NaN/inf -> None for JSON; numpy scalars -> Python floats."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


# Two-sided p-values through the scipy.special ufuncs that scipy.stats.t.sf / norm.sf call
# (stdtr, ndtr): the same numbers without the per-call overhead of the distribution objects.
def t_value(stat, df):
    p = 2.0 * special.stdtr(df, -abs(stat)) if math.isfinite(stat) and df > 0 else float("nan")
    return {"statistic": clean(stat), "p_value": clean(p)}


def z_value(stat):
    p = 2.0 * special.ndtr(-abs(stat)) if math.isfinite(stat) else float("nan")
    return {"statistic": clean(stat), "p_value": clean(p)}


def cross_sectional(x):
    """sqrt(N) mean / sd (ddof 1): T1 on ARs/CARs, T5 on SARs/SCARs. Returns (stat, df)."""
    n = len(x)
    if n < 2:
        return float("nan"), float("nan")
    sd = np.std(x, ddof=1)
    stat = math.sqrt(n) * np.mean(x) / sd if sd > 0 else float("nan")
    return stat, n - 1


def aggregate_tests(x, sx, dfs, aar_sum, length, s_aar, m_cda, rbar):
    """The five default tests for one day (length 1) or one CAR window (length L2).
    x: ARs or CARs; sx: SARs or SCARs; dfs: residual df per firm (M_i - 2)."""
    n = len(x)
    out = {}
    stat, df = cross_sectional(x)
    out["t_csect"] = t_value(stat, df)
    out["t_cda"] = t_value(aar_sum / (math.sqrt(length) * s_aar) if s_aar > 0 else float("nan"),
                           m_cda - 1)
    dfs = np.asarray(dfs, dtype=float)
    if n > 0 and np.all(dfs > 2):
        out["patell"] = z_value(np.sum(sx) / math.sqrt(np.sum(dfs / (dfs - 2.0))))
    else:
        out["patell"] = z_value(float("nan"))
    bstat, bdf = cross_sectional(sx)
    out["bmp"] = t_value(bstat, bdf)
    denom = 1.0 + (n - 1) * rbar
    if math.isfinite(rbar) and denom > 0 and rbar < 1 and n >= 2:
        out["bmp_kp"] = t_value(bstat * math.sqrt((1.0 - rbar) / denom), bdf)
    else:
        out["bmp_kp"] = t_value(float("nan"), bdf)
    return out


def load(path, market):
    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype={"ticker": str, "close": float}, parse_dates=["date"])
    prices = df.pivot(index="date", columns="ticker", values="close").sort_index()
    prices = prices[prices[market].notna()]  # the market's dates are the trading calendar
    returns = prices.pct_change(fill_method=None)
    t1 = time.perf_counter()
    return returns, t1 - t0


def event_groups(returns, market, events_path, event_date):
    """[(day0 index, [(event_id, ticker), ...] sorted by ticker)] sorted by date."""
    dates = returns.index
    if events_path:
        ev = pd.read_csv(events_path, dtype=str)
        pairs = ev[["event_id", "ticker", "event_date"]].itertuples(index=False)
    else:
        tickers = [t for t in returns.columns if t != market]
        pairs = [(t, t, event_date) for t in tickers]
    groups = {}
    for event_id, ticker, date in pairs:
        idx = int(dates.searchsorted(pd.Timestamp(date), side="left"))  # policy "next"
        groups.setdefault(idx, []).append((event_id, ticker))
    return [(idx, sorted(g, key=lambda p: p[1])) for idx, g in sorted(groups.items())]


def firm_stub(event_id, ticker, status):
    return {"event_id": event_id, "ticker": ticker, "status": status, "alpha": None, "beta": None,
            "sigma": None, "r2": None, "n_estimation": None, "days": [], "cars": []}


def rbar_complete(resid):
    """Exact shortcut when no residual is missing and no column is constant: with unit-norm
    centred columns z_i, sum_{i<j} r_ij = (||sum_i z_i||^2 - N) / 2, O(N L) instead of O(N^2 L).
    None when it does not apply."""
    n = resid.shape[1]
    if resid.shape[0] < 3 or not np.all(np.isfinite(resid)):
        return None
    z = resid - resid.mean(axis=0)
    norm = np.sqrt((z * z).sum(axis=0))
    if np.any(norm <= 0):
        return None
    z = z / norm
    s = z.sum(axis=1)
    return float((s @ s - n) / (n * (n - 1)))


def pairwise_rbar_pandas(resid):
    """Mean of the strictly lower triangle of the pairwise-complete correlation matrix."""
    if resid.shape[1] < 2:
        return float("nan")
    fast = rbar_complete(resid)
    if fast is not None:
        return fast
    c = pd.DataFrame(resid).corr(min_periods=3).to_numpy()
    low = c[np.tril_indices_from(c, k=-1)]
    low = low[np.isfinite(low)]
    return float(np.mean(low)) if low.size else float("nan")


def pairwise_rbar_matrix(resid):
    """Same as pairwise_rbar_pandas with matrix products (no Python loop over pairs)."""
    n = resid.shape[1]
    if n < 2:
        return float("nan")
    fast = rbar_complete(resid)
    if fast is not None:
        return fast
    w = np.isfinite(resid).astype(float)
    z = np.where(w > 0, resid, 0.0)
    cnt = w.T @ w
    sx = z.T @ w           # sx[i, j] = sum of x_i over days where i and j are present
    sxx = (z * z).T @ w
    sxy = z.T @ z
    with np.errstate(invalid="ignore", divide="ignore"):
        mi = sx / cnt
        mj = sx.T / cnt
        cov = sxy - cnt * mi * mj
        vi = sxx - cnt * mi * mi
        vj = sxx.T - cnt * mj * mj
        r = cov / np.sqrt(vi * vj)
    ok = (cnt >= 3) & (vi > 0) & (vj > 0)
    low = np.tril(np.ones((n, n), dtype=bool), k=-1) & ok
    vals = r[low]
    return float(np.mean(vals)) if vals.size else float("nan")


def aggregate(n, evt_ar, evt_sar, cars, scars, dfs, resid, day_dates, rbar_fn):
    """Aggregate block from n ok firm-events. resid: estimation residuals, L1 x n, row k =
    estimation day k of every firm-event (event time; calendar time when they share day 0).
    day_dates: per event-window offset the common date (text) or None when they differ."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # rows where no firm has a residual
        aar_est = np.nanmean(resid, axis=1) if n else np.array([])
    aar_est = aar_est[np.isfinite(aar_est)] if n else aar_est
    m_cda = aar_est.size
    s_aar = float(np.std(aar_est, ddof=1)) if m_cda >= 2 else float("nan")
    rbar = rbar_fn(resid) if n >= 2 else float("nan")
    days = []
    for k, off in enumerate(range(EVT[0], EVT[1] + 1)):
        x = evt_ar[:, k] if n else np.array([])
        sx = evt_sar[:, k] if n else np.array([])
        aar = float(np.mean(x)) if n else float("nan")
        days.append({"offset": off, "date": day_dates[k], "n": n,
                     "aar": clean(aar),
                     "tests": aggregate_tests(x, sx, dfs, aar, 1, s_aar, m_cda, rbar)})
    out_cars = []
    for w, (a, b) in enumerate(CAR_WINDOWS):
        x = cars[:, w] if n else np.array([])
        sx = scars[:, w] if n else np.array([])
        caar = float(np.mean(x)) if n else float("nan")
        out_cars.append({"window": [a, b], "caar": clean(caar),
                         "tests": aggregate_tests(x, sx, dfs, caar, b - a + 1, s_aar, m_cda,
                                                  rbar)})
    return {"n_firms": n, "days": days, "cars": out_cars}


def study_loop(returns, market, groups, min_est):
    import statsmodels.api as sm

    dates = returns.index
    rm_all = returns[market].to_numpy()
    result = []
    for idx, members in groups:
        firms, evt_ar, evt_sar, cars, scars, dfs, resid_cols = [], [], [], [], [], [], []
        lo, hi = idx + EST[0], idx + EST[1]
        for event_id, ticker in members:
            if ticker not in returns.columns:
                firms.append(firm_stub(event_id, ticker, "unitmissing"))
                continue
            if lo < 0 or idx + EVT[1] >= len(dates):
                firms.append(firm_stub(event_id, ticker, "wrongspan"))
                continue
            ri = returns[ticker]
            y_all = ri.iloc[lo:hi + 1].to_numpy()
            x_all = rm_all[lo:hi + 1]
            mask = np.isfinite(y_all) & np.isfinite(x_all)
            m = int(mask.sum())
            if m < min_est:
                firms.append(firm_stub(event_id, ticker, "edatamissing"))
                continue
            ye = ri.iloc[idx + EVT[0]:idx + EVT[1] + 1].to_numpy()
            xe = rm_all[idx + EVT[0]:idx + EVT[1] + 1]
            if not (np.all(np.isfinite(ye)) and np.all(np.isfinite(xe))):
                firms.append(firm_stub(event_id, ticker, "wdatamissing"))
                continue
            fit = sm.OLS(y_all[mask], sm.add_constant(x_all[mask], has_constant="add")).fit()
            alpha, beta = float(fit.params[0]), float(fit.params[1])
            s2 = fit.ssr / (m - 2)
            x = x_all[mask]
            rbar_m = x.mean()
            sxx = float(np.sum((x - rbar_m) ** 2))
            ar = ye - (alpha + beta * xe)
            var_ar = s2 * (1.0 + 1.0 / m + (xe - rbar_m) ** 2 / sxx)
            sar = ar / np.sqrt(var_ar)
            days = [{"offset": off, "date": str(dates[idx + off].date()),
                     "abnormal_return": clean(ar[k]), "se": clean(math.sqrt(var_ar[k])),
                     "t": clean(sar[k])} for k, off in enumerate(range(EVT[0], EVT[1] + 1))]
            fcars, fscar, fcar = [], [], []
            for a, b in CAR_WINDOWS:
                sel = slice(a - EVT[0], b - EVT[0] + 1)
                length = b - a + 1
                car = float(np.sum(ar[sel]))
                var_car = s2 * (length + length * length / m
                                + float(np.sum(xe[sel] - rbar_m)) ** 2 / sxx)
                se = math.sqrt(var_car)
                t = car / se
                fcars.append({"window": [a, b], "car": clean(car), "se": clean(se),
                              "t": clean(t), "p_value": clean(2.0 * sps.t.sf(abs(t), m - 2))})
                fcar.append(car)
                fscar.append(t)
            firms.append({"event_id": event_id, "ticker": ticker, "status": "ok",
                          "alpha": alpha, "beta": beta, "sigma": math.sqrt(s2),
                          "r2": float(fit.rsquared), "n_estimation": m, "days": days,
                          "cars": fcars})
            evt_ar.append(ar)
            evt_sar.append(sar)
            cars.append(fcar)
            scars.append(fscar)
            dfs.append(m - 2)
            resid_col = np.full(hi - lo + 1, np.nan)
            resid_col[mask] = fit.resid
            resid_cols.append(resid_col)
        n = len(evt_ar)
        l2, nw = EVT[1] - EVT[0] + 1, len(CAR_WINDOWS)
        result.append({"idx": idx, "firms": firms, "n": n,
                       "ar": np.array(evt_ar, dtype=float).reshape(n, l2),
                       "sar": np.array(evt_sar, dtype=float).reshape(n, l2),
                       "cars": np.array(cars, dtype=float).reshape(n, nw),
                       "scars": np.array(scars, dtype=float).reshape(n, nw), "dfs": dfs,
                       "resid": (np.column_stack(resid_cols) if n
                                 else np.empty((hi - lo + 1, 0)))})
    return result


def event_block(idx, dates, market, firms, agg):
    day = str(dates[idx].date())
    return {"id": day, "event_date": day, "estimation_window": list(EST),
            "event_window": list(EVT), "market": market, "firms": firms, "aggregate": agg}


def by_date(groups, dates, market, rbar_fn):
    """One event block per effective event date (single-date studies, `--pool date`)."""
    out = []
    for g in groups:
        idx = g["idx"]
        day_dates = [str(dates[idx + off].date()) for off in range(EVT[0], EVT[1] + 1)]
        agg = aggregate(g["n"], g["ar"], g["sar"], g["cars"], g["scars"], g["dfs"], g["resid"],
                        day_dates, rbar_fn)
        out.append(event_block(idx, dates, market, g["firms"], agg))
    return out


def pooled(groups, dates, market, rbar_fn):
    """One event block pooling every firm-event in event time, as `aftershock study --events`
    (docs/batch.md "Event time"): the cross-section of all ok firm-events per event-window
    offset; estimation day k of every firm-event is one day of the CDA's AAR series and of
    the residual columns whose mean pairwise correlation is KP's rbar. An aggregate day's date
    is null when the firm-events fall on different dates. Firms are listed by event id."""
    keep = [g for g in groups if g["n"]]
    firms = [f for g in groups for f in g["firms"]]
    numeric = all(str(f["event_id"]).isdigit() for f in firms)
    firms.sort(key=lambda f: int(f["event_id"]) if numeric else f["event_id"])
    cat = (lambda k, axis=0: np.concatenate([g[k] for g in keep], axis=axis)) if keep else None
    n = sum(g["n"] for g in keep)
    l1, l2, nw = EST[1] - EST[0] + 1, EVT[1] - EVT[0] + 1, len(CAR_WINDOWS)
    day_dates = []
    for off in range(EVT[0], EVT[1] + 1):
        seen = {str(dates[g["idx"] + off].date()) for g in keep}
        day_dates.append(seen.pop() if len(seen) == 1 else None)
    agg = aggregate(n, cat("ar") if keep else np.empty((0, l2)),
                    cat("sar") if keep else np.empty((0, l2)),
                    cat("cars") if keep else np.empty((0, nw)),
                    cat("scars") if keep else np.empty((0, nw)),
                    [d for g in keep for d in g["dfs"]],
                    cat("resid", 1) if keep else np.empty((l1, 0)), day_dates, rbar_fn)
    return [{"id": EVENTS_NAME, "event_date": None, "estimation_window": list(EST),
             "event_window": list(EVT), "market": market, "firms": firms, "aggregate": agg}]


def study_vectorised(returns, market, groups, min_est):
    dates = returns.index
    col = {t: j for j, t in enumerate(returns.columns)}
    r = returns.to_numpy()
    rm_all = r[:, col[market]]
    result = []
    offsets = np.arange(EVT[0], EVT[1] + 1)
    for idx, members in groups:
        lo, hi = idx + EST[0], idx + EST[1]
        status = {}
        present = [(e, t) for e, t in members if t in col]
        for e, t in members:
            if t not in col:
                status[e] = "unitmissing"
        if lo < 0 or idx + EVT[1] >= len(dates):
            for e, _ in present:
                status[e] = "wrongspan"
            present = []
        cols = np.array([col[t] for _, t in present], dtype=int)
        y = r[lo:hi + 1][:, cols]                       # L1 x N
        x = rm_all[lo:hi + 1][:, None]
        w = np.isfinite(y) & np.isfinite(x)
        m = w.sum(axis=0)
        ye = r[idx + EVT[0]:idx + EVT[1] + 1][:, cols]  # L2 x N
        xe = rm_all[idx + EVT[0]:idx + EVT[1] + 1]
        evt_ok = np.all(np.isfinite(ye), axis=0) & bool(np.all(np.isfinite(xe)))
        for k, (e, _) in enumerate(present):
            if m[k] < min_est:
                status[e] = "edatamissing"
            elif not evt_ok[k]:
                status[e] = "wdatamissing"
        # Masked moments: centred sums over each firm's own estimation days (two-pass).
        wf = w.astype(float)
        mm = np.maximum(m, 1).astype(float)
        yz = np.where(w, y, 0.0)
        xz = np.where(w, x, 0.0)
        xbar = xz.sum(axis=0) / mm
        ybar = yz.sum(axis=0) / mm
        xc = (xz - xbar) * wf
        yc = (yz - ybar) * wf
        sxx = (xc * xc).sum(axis=0)
        sxy = (xc * yc).sum(axis=0)
        syy = (yc * yc).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            beta = sxy / sxx
            alpha = ybar - beta * xbar
            resid = np.where(w, y - (alpha + beta * x), np.nan)
            ssr = np.nansum(resid * resid, axis=0)
            s2 = ssr / (m - 2)
            r2 = 1.0 - ssr / syy
            ar = ye - (alpha + beta * xe[:, None])                     # L2 x N
            var_ar = s2 * (1.0 + 1.0 / m + (xe[:, None] - xbar) ** 2 / sxx)
            sar = ar / np.sqrt(var_ar)
            car_list, scar_list, var_list = [], [], []
            for a, b in CAR_WINDOWS:
                sel = slice(a - EVT[0], b - EVT[0] + 1)
                length = b - a + 1
                car = ar[sel].sum(axis=0)
                var_car = s2 * (length + length * length / m
                                + (xe[sel][:, None] - xbar).sum(axis=0) ** 2 / sxx)
                car_list.append(car)
                var_list.append(var_car)
                scar_list.append(car / np.sqrt(var_car))
            p_list = [2.0 * special.stdtr(m - 2, -np.abs(sc)) for sc in scar_list]
        cars = np.column_stack(car_list) if len(present) else np.empty((0, len(CAR_WINDOWS)))
        scars = np.column_stack(scar_list) if len(present) else np.empty((0, len(CAR_WINDOWS)))
        firms = []
        k_of = {e: k for k, (e, _) in enumerate(present)}
        for e, t in members:
            if e in status:
                firms.append(firm_stub(e, t, status[e]))
                continue
            k = k_of[e]
            mk = int(m[k])
            days = [{"offset": int(off), "date": str(dates[idx + off].date()),
                     "abnormal_return": clean(ar[j, k]), "se": clean(math.sqrt(var_ar[j, k])),
                     "t": clean(sar[j, k])} for j, off in enumerate(offsets)]
            fcars = []
            for wi, (a, b) in enumerate(CAR_WINDOWS):
                tt = float(scars[k, wi])
                fcars.append({"window": [a, b], "car": clean(cars[k, wi]),
                              "se": clean(math.sqrt(var_list[wi][k])), "t": clean(tt),
                              "p_value": clean(p_list[wi][k])})
            firms.append({"event_id": e, "ticker": t, "status": "ok", "alpha": float(alpha[k]),
                          "beta": float(beta[k]), "sigma": math.sqrt(s2[k]), "r2": float(r2[k]),
                          "n_estimation": mk, "days": days, "cars": fcars})
        okk = np.array([k_of[e] for e, _ in members if e not in status], dtype=int)
        result.append({"idx": idx, "firms": firms, "n": len(okk), "ar": ar[:, okk].T,
                       "sar": sar[:, okk].T, "cars": cars[okk], "scars": scars[okk],
                       "dfs": (m[okk] - 2).tolist(), "resid": resid[:, okk]})
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="long CSV: date,ticker,close")
    ap.add_argument("--market", default="MKT")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--events", help="events CSV: event_id,ticker,event_date")
    g.add_argument("--event", help="one event date for every firm (YYYY-MM-DD)")
    ap.add_argument("--method", choices=["loop", "vectorised"], default="loop")
    ap.add_argument("--estimation", default="-260:-11", help="A:B, as aftershock's --estimation")
    ap.add_argument("--window", default="-1:1", help="C:D, as aftershock's --window")
    ap.add_argument("--pool", choices=["event-time", "date"],
                    help="event-time: one pooled cross-section (aftershock study --events, the "
                         "default with --events); date: one block per event date (--event)")
    ap.add_argument("--min-estimation", type=int, default=100)
    ap.add_argument("--output", default="-")
    ap.add_argument("--timings", action="store_true")
    args = ap.parse_args()
    global EST, EVT, CAR_WINDOWS, EVENTS_NAME
    EVENTS_NAME = pathlib.Path(args.events).stem if args.events else None
    EST = tuple(int(v) for v in args.estimation.split(":"))
    EVT = tuple(int(v) for v in args.window.split(":"))
    CAR_WINDOWS = [(0, 0), (-1, 1)] + ([EVT] if EVT not in ((0, 0), (-1, 1)) else [])
    pool = args.pool or ("event-time" if args.events else "date")

    returns, t_load = load(args.data, args.market)
    t0 = time.perf_counter()
    groups = event_groups(returns, args.market, args.events, args.event)
    run = study_loop if args.method == "loop" else study_vectorised
    rbar_fn = pairwise_rbar_pandas if args.method == "loop" else pairwise_rbar_matrix
    per_group = run(returns, args.market, groups, args.min_estimation)
    assemble = pooled if pool == "event-time" else by_date
    events = assemble(per_group, returns.index, args.market, rbar_fn)
    t1 = time.perf_counter()
    doc = {"tool": {"name": f"baseline-{args.method}", "version": "1"},
           "config": {"model": "market", "returns": "simple", "gaps": "missing",
                      "estimation_window": list(EST), "event_window": list(EVT),
                      "car_windows": [list(w) for w in CAR_WINDOWS],
                      "min_estimation": args.min_estimation, "residual_divisor": "M-2",
                      "pool": pool,
                      "car_variance": "full", "tests": TEST_NAMES},
           "events": events}
    text = json.dumps(doc, allow_nan=False)
    if args.output == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(args.output, "w") as f:
            f.write(text + "\n")
    t2 = time.perf_counter()
    if args.timings:
        n = sum(1 for e in events for f in e["firms"] if f["status"] == "ok")
        print(json.dumps({"method": args.method, "load_s": t_load, "compute_s": t1 - t0,
                          "write_s": t2 - t1, "firm_events_ok": n}), file=sys.stderr)


if __name__ == "__main__":
    main()
