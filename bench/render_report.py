#!/usr/bin/python3
"""Renders docs/performance.md from the JSON lines scripts/bench collects and the Google Benchmark
JSON of aftershock_bench. Called by scripts/bench; not meant to be run by hand."""
import argparse
import datetime
import json
import pathlib
import platform
import subprocess


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


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
        if r["kind"] == "agreement":
            continue
        size = f"{r.get('firms', '')}x{r.get('days', '')}" if r.get("firms") else ""
        case = f"{r['case']} {size}".strip()
        cmd = r.get("command", "").replace("|", "\\|")
        if r["status"] != "ok":
            out.append(f"| {case} | {r['label']} | {r['status']} | | | | `{cmd}` |")
            continue
        spread = (f" [{fmt_s(r['min_s'])}–{fmt_s(r['max_s'])}, {r['runs']}]"
                  if "min_s" in r else f" [{r['runs']} run]")
        out.append(f"| {case} | {r['label']} | {fmt_s(r['median_s'])}{spread} | "
                   f"{fmt_s(r.get('cpu_s'))} | {fmt_mb(r.get('peak_rss'))} | {throughput(r)} | "
                   f"`{cmd}` |")
    return out


def sizes_note(rows):
    out = []
    for r in rows:
        if r["kind"] == "generate":
            out.append(f"- `{r['case']}`: {r['firms']} firms + market `MKT` x {r['days']} business "
                       f"days, long CSV {r['bytes'] / 1e6:,.1f} MB, {r['rows']:,} rows "
                       f"(generated in {r['median_s']:.1f} s)")
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


def find(rows, case, kind, label_start):
    for r in rows:
        if r["case"] == case and r["kind"] == kind and r["label"].startswith(label_start):
            return r
    return None


def targets(rows):
    def fig(r, unit="s"):
        if r is None:
            return "not run"
        if r["status"] != "ok":
            return r["status"]
        return f"{fmt_s(r['median_s'])} {unit}"

    cat_c = find(rows, "compare", "cat", "cat")
    vec_c = find(rows, "compare", "baseline", "Python vectorised")
    loop_c = find(rows, "compare", "baseline", "Python loop")
    as_c = find(rows, "compare", "study", "aftershock study, events")
    as_crsp = find(rows, "crsp", "study", "aftershock study, events")
    cat_crsp = find(rows, "crsp", "cat", "cat")
    agree = [r for r in rows if r["kind"] == "agreement"]
    out = ["| target (issue 6) | aftershock | comparison figure from the same run |",
           "|---|---|---|"]
    cat_rate = (f"cat reads the CSV at {cat_c['bytes'] / 1e6 / cat_c['median_s']:,.0f} MB/s"
                if cat_c and cat_c["status"] == "ok" else "–")
    def ingest(case):
        r = find(rows, case, "study", "aftershock study, 1 date x 1 firm")
        if r is None or r["status"] != "ok":
            return None
        mb = r["bytes"] / 1e6
        return (f"{case}: {mb / r['median_s']:,.0f} MB/s wall ({fmt_s(r['median_s'])} s for "
                f"{mb:,.0f} MB incl. start-up, panel and one firm), {mb / r['cpu_s']:,.0f} MB per "
                f"CPU-second")
    figs = [x for x in (ingest("compare"), ingest("crsp")) if x]
    out.append(f"| ingest >= 300 MB/s per core, scaling to 2 cores | "
               f"{'; '.join(figs) if figs else 'not measured'} | {cat_rate} |")
    out.append("| panel peak RSS <= 1.5x the arrays + constant; `--cache-panel` second run << 1 s | "
               "not built on this branch (no panel cache); peak RSS in the whole-run table | – |")

    def compute(case):
        full = find(rows, case, "study", "aftershock study, 1 date x")
        one = find(rows, case, "study", "aftershock study, 1 date x 1 firm")
        if full is None or one is None or full["status"] != "ok" or one["status"] != "ok":
            return None
        n = full["firm_events"]
        return (f"{case}: {n:,} firm-events of one date in {fmt_s(full['median_s'] - one['median_s'])}"
                f" s wall beyond loading ({fmt_s(full['cpu_s'] - one['cpu_s'])} CPU-s)")
    figs = [x for x in (compute("compare"), compute("crsp")) if x]
    out.append("| 100,000 firm-events computed in <= 5 s on 2 cores | "
               f"{'; '.join(figs) if figs else 'not measured'} (no `--events` on this branch: "
               "one common date for all firms, the costliest case for rbar and ranks) | – |")
    single_crsp = find(rows, "crsp", "study", "aftershock study, 1 date x")
    out.append(f"| CRSP scale, 1 date x 8000 firms from the CSV (no `--events` yet) | "
               f"{fig(single_crsp)} | cat: {fig(cat_crsp)} |")
    out.append(f"| CRSP scale 8000 x 6300, 100k firm-events: <= 15 s cold CSV, <= 6 s cached, "
               f"<= 4 GB RSS | {fig(as_crsp)} | cat: {fig(cat_crsp)} |")
    out.append(f"| >= 100x the Python loop baseline (2000 firms x 5 events), identical to 1e-9 | "
               f"{fig(as_c)} | Python loop {fig(loop_c)} |")
    out.append(f"| 10,000 firm-events in <= 0.25 s, >= 30x vectorised NumPy, within 3x of `cat` | "
               f"{fig(as_c)} | vectorised NumPy {fig(vec_c)}; cat {fig(cat_c)} |")
    for r in agree:
        out.append(f"| agreement ({r['case']}): {r['label']} | {r['verdict']} | tolerance 1e-9 "
                   f"scaled by max(1, \\|a\\|, \\|b\\|) |")
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
    a = ap.parse_args()
    rows = [json.loads(line) for line in open(a.results) if line.strip()]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_end = open("/proc/loadavg").read().split()[:3]
    commit = sh("git rev-parse --short HEAD") + (" (with uncommitted changes)"
                                                 if sh("git status --porcelain") else "")
    L = ["# aftershock performance", "",
         "Generated by `scripts/bench" + (" " + a.args if a.args else "") + f"` on {now}, commit "
         f"{commit}. Do not edit by hand: rerun the script. Issue 6 lists the targets.", "",
         "Reproduce: `scripts/bench` (small and comparison sizes, a few minutes) or "
         "`scripts/bench --full` (adds the CRSP-scale 8000 x 6300 universe). Inputs are "
         "generated by `build/bench/bench/aftershock_generate` with seed 20250127; the commands "
         "below name the temporary directory of the run that produced them.", "",
         "## Machine", "", "| | |", "|---|---|"]
    L += [f"| {k} | {v} |" for k, v in machine()]
    L += [f"| Load average (1, 5, 15 min) | {a.load_start} at start, {' '.join(load_end)} at the "
          "end |", "",
          "The 2 cores are shared with other jobs when the load average is above 2: wall times "
          "are then inflated, CPU times less so. The CSV is in the page cache for every row "
          "(warm, `cat` once before timing); cold-cache runs (the issue's \"cold CSV\") are not "
          "measured, since dropping the page cache needs root and disturbs other jobs.", "",
          "## Universes", ""]
    L += sizes_note(rows)
    L += ["", "Market model with a common market factor (mean 0.03 %, sd 1 % a day), alpha ~ "
          "N(0, 0.0002^2), beta ~ U(0.5, 1.5), residual sd ~ U(1 %, 3 %), no missing prices, "
          "no holidays; events: per firm K distinct random dates with 261 business days before "
          "and 20 after (`events.csv`).", "",
          "## Whole runs", "",
          "Wall: median of hyperfine runs after 1 warm-up. CPU: hyperfine's mean user + system. "
          "Peak RSS: one extra run under `/usr/bin/time -v`. Rows marked \"not measured\" give the "
          "reason.", ""]
    L += whole_runs(rows)
    ph = phases(rows)
    if ph:
        L += ["", "Phases of the last Python run (inside the process, `--timings`):", ""] + ph
    L += ["", "## Targets", ""] + targets(rows)
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
          "firms of an event date at once (no per-firm Python loop). Both write the aftershock "
          "JSON field names (subset documented in the script's header); "
          "`bench/baseline/compare.py A.json B.json` checks two results agree to 1e-9.", ""]
    notes = pathlib.Path(__file__).with_name("performance_notes.md")
    if notes.exists():
        L += ["", "## Profiles and analysis", "",
              "Hand-written in `bench/performance_notes.md` (figures there are from the run it "
              "names, not necessarily the tables above).", ""]
        L += notes.read_text().rstrip("\n").splitlines()
    print("\n".join(L))


if __name__ == "__main__":
    main()
