#!/usr/bin/python3
"""Independent reference values for the multi-day (window) forms of the nonparametric tests
(tests/unit/stats/window_forms_test.cpp). Run with Debian's /usr/bin/python3 (numpy, scipy):

    /usr/bin/python3 tests/reference/generate_nonparametric_windows.py

writes tests/fixtures/stats/window_panel.csv (the input panel) and
tests/reference/nonparametric_windows_expected.csv (statistic,value). Not run by the test suite.

Panel: 60 estimation rows + 3 event rows (the CAR window) x 6 firms, ARs = scale_i x t(4)
draws (numpy default_rng, seed 20261129), a shift of +0.8 scale_i on the event rows of firms
0-3; firm 2 misses estimation rows 10-14, firm 5 misses event row 61; two ties (firm 0 rows 20
and 21; firm 3 event row 60 equals its row 7). Formulas, written from the papers (textbook
convention, design/methods.md T9-T12), not from the C++ code:
- Corrado (1989) ranks K_it per firm over its non-missing ARs (average ranks for ties),
  Kbar_i = (M_i + 1)/2; A_t = mean_i (K_it - Kbar_i); S_K = sqrt(mean_t A_t^2) over all rows;
  daily T_t = A_t / S_K; window (Cowan 1992 multi-day): sqrt(L) mean_{t in W} A_t / S_K.
- Corrado & Zivney (1992) standardized rank U_it = K_it / (M_i + 1);
  A_t = sum_i (U_it - 1/2) / sqrt(N_t); S_U = sqrt(mean_t A_t^2); daily A_t / S_U;
  window = sum_{t in W} A_t / (sqrt(L) S_U) (Cowan 1992 multi-day construction).
- Corrado & Zivney (1992) sign G_it = sign(AR_it - median_i); same aggregation as U - 1/2.
- Cowan (1992) generalized sign: p = mean over firms of each firm's share of positive
  estimation ARs; w = #{CAR_i > 0}, CAR_i = sum of the firm's window ARs present;
  Z = (w - N p) / sqrt(N p (1 - p)).
"""
import csv
import os

import numpy as np
from scipy.stats import rankdata

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
L1, L2, N = 60, 3, 6
EVENT = list(range(L1, L1 + L2))

rng = np.random.default_rng(20261129)
scale = np.array([0.01, 0.015, 0.02, 0.012, 0.03, 0.018])
ar = rng.standard_t(4, size=(L1 + L2, N)) * scale
ar[L1:, :4] += 0.8 * scale[:4]
ar[21, 0] = ar[20, 0]
ar[60, 3] = ar[7, 3]
ar[10:15, 2] = np.nan
ar[61, 5] = np.nan

present = ~np.isnan(ar)
m = present.sum(axis=0)
ranks = np.full(ar.shape, np.nan)
for i in range(N):
    ranks[present[:, i], i] = rankdata(ar[present[:, i], i])  # average ranks for ties
n_t = present.sum(axis=1)

out = []
# Corrado rank
a = np.nanmean(ranks - (m + 1) / 2.0, axis=1)
s_k = np.sqrt(np.mean(a ** 2))
for k, t in enumerate(EVENT):
    out.append(("rank_daily_%d" % k, a[t] / s_k))
out.append(("rank_window", np.sqrt(L2) * np.mean(a[EVENT]) / s_k))
# Corrado-Zivney standardized rank
u = ranks / (m + 1.0) - 0.5
a = np.nansum(u, axis=1) / np.sqrt(n_t)
s_u = np.sqrt(np.mean(a ** 2))
for k, t in enumerate(EVENT):
    out.append(("cz_rank_daily_%d" % k, a[t] / s_u))
out.append(("cz_rank_window", np.sum(a[EVENT]) / (np.sqrt(L2) * s_u)))
# Corrado-Zivney sign
g = np.sign(ar - np.nanmedian(ar, axis=0))
a = np.nansum(g, axis=1) / np.sqrt(n_t)
s_g = np.sqrt(np.mean(a ** 2))
for k, t in enumerate(EVENT):
    out.append(("cz_sign_daily_%d" % k, a[t] / s_g))
out.append(("cz_sign_window", np.sum(a[EVENT]) / (np.sqrt(L2) * s_g)))
# Cowan generalized sign on CARs
est = ar[:L1]
p = np.mean(np.nansum(est > 0, axis=0) / (~np.isnan(est)).sum(axis=0))
car = np.nansum(ar[EVENT], axis=0)
w = np.sum(car > 0)
out.append(("gen_sign_p_hat", p))
out.append(("gen_sign_window", (w - N * p) / np.sqrt(N * p * (1 - p))))

os.makedirs(os.path.join(ROOT, "tests", "fixtures", "stats"), exist_ok=True)
with open(os.path.join(ROOT, "tests", "fixtures", "stats", "window_panel.csv"), "w",
          newline="") as f:
    wr = csv.writer(f, lineterminator="\n")
    wr.writerow(["row"] + ["F%d" % i for i in range(N)])
    for t in range(L1 + L2):
        wr.writerow([t] + ["" if np.isnan(v) else repr(float(v)) for v in ar[t]])
with open(os.path.join(ROOT, "tests", "reference", "nonparametric_windows_expected.csv"), "w",
          newline="") as f:
    wr = csv.writer(f, lineterminator="\n")
    wr.writerow(["statistic", "value"])
    for name, value in out:
        wr.writerow([name, repr(float(value))])
