#!/usr/bin/python3
"""Renders docs/performance.md from the JSON lines scripts/bench collects and the Google Benchmark
JSON of aftershock_bench. Called by scripts/bench; not meant to be run by hand."""
import argparse
import datetime
import glob
import json
import os
import pathlib
import platform
import subprocess


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def huge_pages():
    """The THP mode and what aftershock's automatic huge-page choice (util::HugePages) makes of
    this machine: off where a virtio balloon reports free pages (feature bit 5)."""
    thp = sh("cat /sys/kernel/mm/transparent_hugepage/enabled") or "?"
    reporting = False
    for dev in glob.glob("/sys/bus/virtio/devices/*"):
        try:
            with open(os.path.join(dev, "device")) as f:
                balloon = f.read().strip() == "0x0005"
            with open(os.path.join(dev, "features")) as f:
                features = f.read().strip()
        except OSError:
            continue
        reporting = reporting or (balloon and len(features) > 5 and features[5] == "1")
    choice = ("off: a virtio balloon reports free pages to the host" if reporting
              else "on: no free page reporting")
    env = os.environ.get("AFTERSHOCK_HEAP_HUGE_PAGES")
    if env in ("0", "1"):
        choice = f"{'on' if env == '1' else 'off'}: AFTERSHOCK_HEAP_HUGE_PAGES={env}"
    return f"THP `{thp}`; aftershock's choice {choice}"


def machine():
    lscpu = {}
    for line in sh("LC_ALL=C lscpu").splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            lscpu[k.strip()] = v.strip()
    mem = sh("free -h | awk '/^Mem:/ {print $2}'")
    rows = [
        ("CPU", lscpu.get("Model name", "?")),
        ("CPUs (threads per core)",
         f"{lscpu.get('CPU(s)', '?')} ({lscpu.get('Thread(s) per core', '?')})"),
        ("Caches", ", ".join(f"{k} {lscpu[k]}" for k in ("L1d cache", "L2 cache", "L3 cache")
                             if k in lscpu) or "not reported by lscpu (virtual machine)"),
        ("Memory", mem),
        ("Kernel", platform.release()),
        ("Huge pages", huge_pages()),
        ("Compiler", sh("c++ --version | head -1")),
        ("Python baseline", sh("/usr/bin/python3 -c 'import sys, pandas, numpy, scipy, "
                               "statsmodels; print(sys.version.split()[0], \"pandas\", "
                               "pandas.__version__, \"numpy\", numpy.__version__, \"scipy\", "
                               "scipy.__version__, \"statsmodels\", statsmodels.__version__)'")),
        ("hyperfine", sh("hyperfine --version")),
    ]
    return rows


def fmt_s(x):
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_mb(b):
    return "–" if b is None else f"{b / 1e6:,.0f}"


def throughput(r):
    t = r.get("median_s")
    if not t:
        return "–"
    parts = []
    if r["kind"] in ("cat", "study", "generate") and r.get("bytes"):
        parts.append(f"{r['bytes'] / 1e6 / t:,.0f} MB/s")
    if r["kind"] in ("cat", "generate") and r.get("rows"):
        parts.append(f"{r['rows'] / 1e6 / t:,.1f} M rows/s")
    if r.get("firm_events"):
        parts.append(f"{r['firm_events'] / t:,.0f} firm-events/s")
    return ", ".join(parts) or "–"


def whole_runs(rows):
    out = ["| case | run | wall median (s) [min–max, runs] | CPU user+sys (s) | peak RSS (MB) | "
           "throughput | command |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        if r["kind"] in ("agreement", "threads", "cache_file"):
            continue
        size = f"{r.get('firms', '')}x{r.get('days', '')}" if r.get("firms") else ""
        case = f"{r['case']} {size}".strip()
        cmd = r.get("command", "").replace("|", "\\|")
        if r["status"] != "ok":
            out.append(f"| {case} | {r['label']} | {r['status']} | | | | `{cmd}` |")
            continue
        spread = (f" [{fmt_s(r['min_s'])}–{fmt_s(r['max_s'])}, {r['runs']}]"
                  if "min_s" in r else f" [{r['runs']} run]")
        if r.get("cold"):
            spread += ", page cache dropped before each run"
        out.append(f"| {case} | {r['label']} | {fmt_s(r['median_s'])}{spread} | "
                   f"{fmt_s(r.get('cpu_s'))} | {fmt_mb(r.get('peak_rss'))} | {throughput(r)} | "
                   f"`{cmd}` |")
    return out


def sizes_note(rows):
    out = []
    for r in rows:
        if r["kind"] == "generate":
            made = ("reused from an earlier run" if r.get("reused")
                    else f"generated in {r['median_s']:.1f} s")
            out.append(f"- `{r['case']}`: {r['firms']} firms + market `MKT` x {r['days']} business "
                       f"days, long CSV {r['bytes'] / 1e6:,.1f} MB, {r['rows']:,} rows, "
                       f"{r['firm_events']:,} firm-events in `events.csv` ({made}): "
                       f"`{r['command']}`")
    return out


def phases(rows):
    out = []
    for r in rows:
        p = r.get("phases")
        if r["kind"] == "baseline" and r["status"] == "ok" and isinstance(p, dict):
            out.append(f"- {r['case']}, {r['label']}: read+pivot CSV {p['load_s']:.2f} s, "
                       f"study {p['compute_s']:.2f} s, JSON {p['write_s']:.2f} s "
                       f"({p['firm_events_ok']:,} firm-events ok; the rest of the wall time is "
                       f"interpreter start-up and imports)")
    return out


def find(rows, case, kind, label_start, exact=False):
    for r in rows:
        if r["case"] == case and r["kind"] == kind and (
                r["label"] == label_start if exact else r["label"].startswith(label_start)):
            return r
    return None


def ok(r):
    return r is not None and r.get("status") == "ok"


def verdict_le(value, limit, unit=" s"):
    """Pass when value <= limit, else 'missed by Nx'."""
    if value is None:
        return "not measured"
    if value <= limit:
        return "**pass**"
    return f"**missed** by {value / limit:.1f}x ({value:,.3g}{unit} vs {limit:g}{unit})"


def verdict_ge(value, limit, unit=""):
    if value is None:
        return "not measured"
    if value >= limit:
        return "**pass**"
    return f"**missed** by {limit / value:.1f}x ({value:,.3g}{unit} vs {limit:g}{unit})"


def arrays_bytes(r):
    """Prices and returns, dates x (firms + market), float64: the panel arrays of issue 6."""
    return 2 * (r["firms"] + 1) * r["days"] * 8


def cmd(r):
    return "`" + r.get("command", "").replace("|", "\\|") + "`" if r else "–"


def med(r):
    if r is None:
        return "not run"
    if r["status"] != "ok":
        return r["status"]
    return f"{fmt_s(r['median_s'])} s (median of {r['runs']}; CPU {fmt_s(r.get('cpu_s'))} s)"


def targets(rows):
    out = ["| target (issue 6) | measured | from the same run | verdict | command |",
           "|---|---|---|---|---|"]

    def row(target, measured, compare, verdict, r):
        out.append(f"| {target} | {measured} | {compare} | {verdict} | {cmd(r)} |")

    def rate(r):
        return r["bytes"] / 1e6 / r["median_s"] if ok(r) else None

    for case in ("compare", "crsp"):
        t1 = find(rows, case, "study", "ingest, --threads 1")
        t2 = find(rows, case, "study", "ingest, --threads 2 (one firm)", exact=True)
        cat = find(rows, case, "cat", "cat long CSV", exact=True)
        if t1 is None:
            continue
        size = f"{case} {t1['firms']}x{t1['days']}, {t1['bytes'] / 1e6:,.0f} MB"
        cat_txt = f"cat {rate(cat):,.0f} MB/s ({fmt_s(cat['median_s'])} s)" if ok(cat) else "–"
        r1 = rate(t1)
        cpu_rate = (f"; {t1['bytes'] / 1e6 / t1['cpu_s']:,.0f} MB per CPU-second"
                    if ok(t1) and t1.get("cpu_s") else "")
        row(f"ingest >= 300 MB/s per core ({size}, warm, `--threads 1`; `study --event D "
            "--tickers F000001`: start-up, CSV, panel and one firm)",
            f"{r1:,.0f} MB/s ({med(t1)}){cpu_rate}" if r1 else med(t1), cat_txt, verdict_ge(r1, 300,
                                                                              " MB/s"), t1)
        r2 = rate(t2)
        scale = (f"; {t1['median_s'] / t2['median_s']:.2f}x the 1-thread speed"
                 if ok(t1) and ok(t2) else "")
        row(f"ingest on 2 cores ({size}, `--threads 2`): >= 600 MB/s (2 x 300)",
            (f"{r2:,.0f} MB/s ({med(t2)}){scale}" if r2 else med(t2)), cat_txt,
            verdict_ge(r2, 600, " MB/s"), t2)
        cold = find(rows, case, "study", "ingest, --threads 2 (one firm), cold")
        cold_cat = find(rows, case, "cat", "cat long CSV, cold")
        if cold is not None:
            rc = rate(cold)
            row(f"ingest from a cold CSV ({size}, page cache dropped before each run)",
                f"{rc:,.0f} MB/s ({med(cold)})" if rc else med(cold),
                (f"cold cat {rate(cold_cat):,.0f} MB/s ({fmt_s(cold_cat['median_s'])} s)"
                 if ok(cold_cat) else "–"), verdict_ge(rc, 600, " MB/s"), cold)
        cached = find(rows, case, "study", "second run, --cache-panel")
        cfile = find(rows, case, "cache_file", "panel cache file")
        row(f"`--cache-panel` second run starts in well under 1 s ({size})", med(cached),
            (f"cache file {cfile['cache_bytes'] / 1e6:,.0f} MB; first run from the CSV "
             f"{fmt_s(t2['median_s'])} s" if ok(t2) and cfile else "–"),
            verdict_le(cached["median_s"] if ok(cached) else None, 1.0), cached)
        arrays = arrays_bytes(t1)
        for label, r in (("from the CSV", t2), ("from the cache", cached)):
            rss = r.get("peak_rss") if ok(r) else None
            limit = 1.5 * arrays + 64e6
            row(f"panel peak RSS <= 1.5x the arrays + 64 MB, {label} ({size})",
                f"{rss / 1e6:,.0f} MB = {rss / arrays:.2f}x the arrays" if rss else med(r),
                f"arrays (prices + returns, {t1['days']} x {t1['firms'] + 1} float64) "
                f"{arrays / 1e6:,.0f} MB; limit {limit / 1e6:,.0f} MB",
                verdict_le(rss / 1e6 if rss else None, limit / 1e6, " MB"), r)

    full = find(rows, "compute", "study", "aftershock study --events (100,000 firm-events), --threads 2")
    one = find(rows, "compute", "study", "one firm-event (start-up")
    t1 = find(rows, "compute", "study", "aftershock study --events (100,000 firm-events), --threads 1")
    agg_only = find(rows, "compute", "study", "the same, aggregate CARs only")
    if full is not None:
        comp = full["median_s"] - one["median_s"] if ok(full) and ok(one) else None
        row("100,000 firm-events (250-day estimation, 11-day window, market model, default "
            "battery incl. rank tests) computed in <= 5 s on 2 cores (whole run from the warm "
            "CSV minus the same command with one firm-event; JSON of every firm-event written)",
            f"{fmt_s(comp)} s = {med(full)} - {fmt_s(one['median_s'])} s" if comp is not None
            else med(full),
            (f"`--threads 1`: {med(t1)}; aggregate table only: {med(agg_only)}"),
            verdict_le(comp, 5.0), full)
    for r in rows:
        if r["kind"] == "threads":
            row(f"identical output with 1 and 2 threads ({r['case']})", r["verdict"], "`cmp`",
                "**pass**" if r.get("agrees") else "**FAILED**", None)

    cold = find(rows, "crsp", "study", "aftershock study --events (104,000 firm-events), cold")
    warm = find(rows, "crsp", "study", "aftershock study --events (104,000 firm-events), warm")
    cached = find(rows, "crsp", "study", "aftershock study --events (104,000 firm-events), --cache")
    cold_cat = find(rows, "crsp", "cat", "cat long CSV, cold")
    if cold or warm or cached:
        row("CRSP scale (8000 x 6300, 104,000 firm-events, full default study) from a cold CSV "
            "<= 15 s", med(cold), (f"warm CSV: {med(warm)}; cold cat: "
                                   f"{fmt_s(cold_cat['median_s']) if ok(cold_cat) else '–'} s"),
            verdict_le(cold["median_s"] if ok(cold) else None, 15.0), cold)
        row("CRSP scale from the panel cache <= 6 s", med(cached), "–",
            verdict_le(cached["median_s"] if ok(cached) else None, 6.0), cached)
        rss = [r["peak_rss"] for r in (cold, warm, cached) if ok(r) and r.get("peak_rss")]
        row("CRSP scale peak RSS <= 4 GB", f"{max(rss) / 1e9:.2f} GB (largest of the three "
            "runs)" if rss else "not measured", "–",
            verdict_le(max(rss) / 1e9 if rss else None, 4.0, " GB"), cold or warm)
    else:
        row("CRSP scale (8000 x 6300, 104,000 firm-events): <= 15 s cold, <= 6 s cached, "
            "<= 4 GB", "not run (`scripts/bench --full`)", "–", "not measured", None)

    # The target rows use the run with the baselines' outputs (--tests standard); the full
    # battery's run is shown beside it.
    full = find(rows, "compare", "study", "aftershock study --events (10,000")
    a = find(rows, "compare", "study",
             "aftershock study --events --tests standard (10,000 firm-events)", exact=True) or full
    over = find(rows, "compare", "study",
                "aftershock study --events --tests standard, over its previous output")
    pause = find(rows, "compare", "study",
                 "aftershock study --events --tests standard, after a 3 s pause")
    loop = find(rows, "compare", "baseline", "Python loop")
    vec = find(rows, "compare", "baseline", "Python vectorised")
    cat = find(rows, "compare", "cat", "cat long CSV")
    if a is not None:
        am = a["median_s"] if ok(a) else None
        row("side by side, 2000 firms x 5 events (10,000 firm-events, -260..-11, -1..+1, simple "
            "returns, market model, the five standard tests as the baselines compute), warm CSV: "
            "<= 0.25 s", med(a),
            "; ".join(x for x in (
                f"all 19 tests: {med(full)}" if full is not None and full is not a else "",
                f"over its previous output (not removed first): {med(over)}"
                if over is not None else "",
                f"after a 3 s pause (an analyst's one-off run; session 9 in the notes): "
                f"{med(pause)}" if pause is not None else "") if x) or "–",
            verdict_le(am, 0.25), a)
        for label, r, factor in (("the Python loop baseline (pandas + statsmodels)", loop, 100),
                                 ("the vectorised NumPy baseline", vec, 30)):
            sp = r["median_s"] / am if ok(r) and am else None
            cpu = r["cpu_s"] / a["cpu_s"] if ok(r) and ok(a) and a.get("cpu_s") else None
            row(f">= {factor}x faster than {label}",
                (f"{sp:,.1f}x by wall time, {cpu:,.1f}x by CPU time" if sp and cpu
                 else "not measured"), med(r), verdict_ge(sp, factor, "x"), r)
        within = am / cat["median_s"] if am and ok(cat) else None
        row("within 3x of `cat` reading the CSV", f"{within:,.1f}x cat" if within else "–",
            f"cat {med(cat)}", verdict_le(within, 3.0, "x"), cat)
    for r in rows:
        if r["kind"] == "agreement":
            row(f"identical numbers to 1e-9 ({r['case']}: {r['label']})", r["verdict"],
                "tolerance 1e-9 scaled by max(1, \\|a\\|, \\|b\\|)",
                "**pass**" if r.get("agrees") else "**FAILED**", None)
    return out


def micro_table(path):
    if not path:
        return ["Not run (`--no-micro`, or `build/bench/bench/aftershock_bench` missing)."], None
    data = json.load(open(path))
    ctx = data.get("context", {})
    med = {}
    for b in data["benchmarks"]:
        if b.get("aggregate_name") == "median":
            med[b["run_name"]] = b
    def duration(value, unit):
        ns = value * {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[unit]
        if ns < 1e3:
            return f"{ns:.3g} ns"
        if ns < 1e6:
            return f"{ns / 1e3:.3g} µs"
        return f"{ns / 1e6:,.3g} ms"

    out = ["| benchmark | wall median | CPU median | throughput |", "|---|---|---|---|"]
    for name, b in med.items():
        unit = b.get("time_unit", "ns")
        tp = []
        if "bytes_per_second" in b:
            tp.append(f"{b['bytes_per_second'] / 1e6:,.0f} MB/s")
        if "items_per_second" in b:
            tp.append(f"{b['items_per_second'] / 1e6:,.3g} M items/s")
        out.append(f"| `{name}` | {duration(b['real_time'], unit)} | "
                   f"{duration(b['cpu_time'], unit)} | "
                   f"{', '.join(tp)} |")
    note = (f"Google Benchmark (Debian's libbenchmark, whose `library_build_type` is "
            f"{ctx.get('library_build_type', '?')}; "
            f"the measured code is our Release build), {ctx.get('num_cpus', '?')} CPUs, median of "
            f"3 repetitions, `--benchmark_min_time=0.2`.")
    return out, (med, note)


def projections(med):
    """Per-event-date costs from the micro-benchmarks, scaled to 100 dates x 1000 firms."""
    if not med:
        return []

    def ms(name):
        b = med.get(name)
        if not b:
            return None
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b.get("time_unit", "ns")]
        return b["cpu_time"] * scale

    out = ["Per event date with 1000 firms (250 + 11 days), one thread, CPU time; x 100 dates = "
           "100,000 firm-events:", "",
           "| step | per date (ms) | x 100 dates (s) |", "|---|---|---|"]
    for label, name in [("market-model OLS, closed form (bench kernel, not engine code)",
                         "BM_market_model_ols_closed_form"),
                        ("KP rbar (mean pairwise correlation, 1000 firms)",
                         "BM_mean_pairwise_correlation/1000"),
                        ("Corrado rank, daily", "BM_corrado_rank_daily"),
                        ("Corrado rank, window", "BM_corrado_rank_window"),
                        ("Corrado-Zivney rank, daily", "BM_cz_rank_daily"),
                        ("Corrado-Zivney sign, daily", "BM_cz_sign_daily"),
                        ("GRANK", "BM_grank"),
                        ("generalized sign (p-hat over the panel + test)", "BM_generalized_sign"),
                        ("parametric tests (t_csect + patell + bmp), one day",
                         None)]:
        if name is None:
            parts = [ms(n) for n in ("BM_cross_sectional_t", "BM_patell_z", "BM_bmp_t")]
            v = sum(parts) if all(p is not None for p in parts) else None
        else:
            v = ms(name)
        if v is None:
            continue
        out.append(f"| {label} | {v:,.3f} | {v * 100 / 1000:,.2f} |")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--micro", default="")
    ap.add_argument("--load-start", default="")
    ap.add_argument("--args", default="")
    ap.add_argument("--full", default="0")
    ap.add_argument("--failures", default="")
    ap.add_argument("--cold-reason", default="")
    ap.add_argument("--elapsed", default="")
    a = ap.parse_args()
    failures = open(a.failures).read().strip() if a.failures else ""
    rows = [json.loads(line) for line in open(a.results) if line.strip()]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_end = open("/proc/loadavg").read().split()[:3]
    commit = sh("git rev-parse --short HEAD") + (" (with uncommitted changes)"
                                                 if sh("git status --porcelain") else "")
    L = ["# aftershock performance", "",
         "Generated by `scripts/bench" + (" " + a.args if a.args else "") + f"` on {now}, commit "
         f"{commit}, in {a.elapsed} s. Do not edit by hand: rerun the script. Issue 6 lists the "
         "targets.", "",
         "Reproduce: `scripts/bench` (comparison, ingest, cache and 100,000-firm-event compute "
         "cases) or `scripts/bench --full` (adds the CRSP-scale 8000 x 6300 universe). Inputs are "
         "generated by `build/bench/bench/aftershock_generate` with seed 20250127 into "
         "`build/bench/universes/` and reused while the generator is unchanged; the commands "
         "name the directories of the run that produced them.", ""]
    if failures:
        L += ["**This run FAILED** (scripts/bench exited 1):", ""]
        L += [f"- {line}" for line in failures.splitlines()] + [""]
    L += ["## Machine", "", "| | |", "|---|---|"]
    L += [f"| {k} | {v} |" for k, v in machine()]
    cold_note = ("Cold-CSV rows drop the page cache before each run (`sync; echo 3 > "
                 "/proc/sys/vm/drop_caches` as hyperfine's `--prepare`); all other rows read the "
                 "CSV from the page cache (`cat` once before timing)."
                 if not a.cold_reason else
                 f"No cold-CSV rows: {a.cold_reason}. All rows read the CSV from the page cache.")
    L += [f"| Load average (1, 5, 15 min) | {a.load_start} at start, {' '.join(load_end)} at the "
          "end |", "",
          "The 2 cores are shared with other jobs when the load average is above 2: wall times "
          "are then inflated, CPU times less so. " + cold_note, "",
          "## Targets", ""]
    L += targets(rows)
    L += ["", "## Universes", ""]
    L += sizes_note(rows)
    L += ["", "Market model with a common market factor (mean 0.03 %, sd 1 % a day), alpha ~ "
          "N(0, 0.0002^2), beta ~ U(0.5, 1.5), residual sd ~ U(1 %, 3 %), no missing prices, "
          "no holidays; events: per firm K distinct random dates with 261 business days before "
          "and 20 after (`events.csv`); `events_1.csv` is its first row.", "",
          "## Whole runs", "",
          "Wall: median of hyperfine runs (after 1 warm-up run where the table's command does "
          "not say otherwise; Python and CRSP-scale rows: no warm-up). CPU: hyperfine's mean "
          "user + system. Peak RSS: the largest `/usr/bin/time` maximum resident set size over "
          "the timed runs (each run is wrapped in `/usr/bin/time -f %M`). The side-by-side "
          "runs (aftershock and Python) each write a new output file: hyperfine's `--prepare` "
          "removes the previous run's file first, because on this disk (ext4 mounted with "
          "`discard`) freeing the blocks of a replaced 36 MB file costs its writer 10-20 ms, "
          "whichever program writes it; the row \"over its previous output\" times that case.",
          ""]
    L += whole_runs(rows)
    ph = phases(rows)
    if ph:
        L += ["", "Phases of the last Python run (inside the process, `--timings`):", ""] + ph
    table, micro = micro_table(a.micro)
    L += ["", "## Micro-benchmarks (`build/bench/bench/aftershock_bench`)", ""]
    if micro:
        L += [micro[1], ""]
    L += table
    if micro:
        L += ["", "### What they imply for 100,000 firm-events", ""] + projections(micro[0])
    L += ["", "## Python baselines", "",
          "`bench/baseline/event_study.py` (Debian `/usr/bin/python3`): `--method loop` is the "
          "straightforward way (pandas `read_csv` + `pivot`, one statsmodels OLS per firm-event "
          "in a Python loop, the tests with numpy/scipy, KP rbar from `DataFrame.corr`); "
          "`--method vectorised` computes the same numbers with masked moment sums over all "
          "firms of an event date at once (no per-firm Python loop). With `--events` both pool "
          "the firm-events in event time as `aftershock study --events` does (docs/batch.md): "
          "one cross-section per event-window offset, the CDA's AAR series and KP's rbar over "
          "estimation day k of every firm-event (rbar by the exact O(N L) identity when no "
          "residual is missing). Both write the aftershock JSON field names (subset documented "
          "in the script's header); `bench/baseline/compare.py A.json B.json` checks that two "
          "results agree to 1e-9 (scaled by max(1, \\|a\\|, \\|b\\|)) on every field both carry "
          "(per firm-event alpha, beta, sigma, r2, n_estimation, AR, its SE and t per offset, "
          "CAR, SE, t, p per window; pooled AAR and CAAR with the t_csect, t_cda, patell, bmp "
          "and bmp_kp statistics and p-values) and fails when one of the required fields was "
          "never compared. `scripts/bench` exits 1 on any disagreement.", ""]
    notes = pathlib.Path(__file__).with_name("performance_notes.md")
    if notes.exists():
        L += ["", "## Profiles and analysis", "",
              "Hand-written in `bench/performance_notes.md` (figures there are from the run it "
              "names, not necessarily the tables above).", ""]
        L += notes.read_text().rstrip("\n").splitlines()
    print("\n".join(L))


if __name__ == "__main__":
    main()
