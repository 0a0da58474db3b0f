#!/usr/bin/env python3
"""`aftershock report` re-renders a saved JSON result byte for byte like `study` renders it.

For each study below (the DeepSeek study and a few golden cases' settings) this runs
`study ... --format json -o r.json`, then for every format and CSV table compares
`study ... --format F` with `report r.json --format F`, and checks that `report r.json
--format json` reproduces r.json itself. The expectation is the study's own output, so no
number is asserted here: the test proves the JSON loses nothing a renderer needs.

Usage: report_roundtrip_test.py BINARY SOURCE_DIR
"""
import os
import pathlib
import subprocess
import sys
import tempfile

STUDIES = [
    ["--event", "deepseek"],
    ["--event", "deepseek", "--window", "-1:1", "--car-window", "0:1"],
    ["--event", "deepseek-r1", "--policy", "previous", "--model", "market-adjusted"],
    ["--event", "deepseek", "--bootstrap", "200", "--seed", "7", "--adjust", "holm"],
    ["--event", "2025-01-27", "--tickers", "NVDA,AVGO,TSM", "--market", "SPY",
     "--convention", "estudy2"],
    ["--event", "deepseek", "--tests", "standard"],
    ["--event", "deepseek", "--tests", "wilcoxon,t_cda,rank,grank_z", "--adjust", "bh"],
]
FORMATS = [["--format", "table"], ["--format", "markdown"], ["--format", "latex"]] + [
    ["--format", "csv", "--table", t]
    for t in ["firms", "days", "cars", "aggregate-days", "aggregate-cars"]] + [
    ["--format", "markdown", "--table", "aggregate-cars", "--columns",
     "window_start,window_end,n,caar,t_cda_statistic,t_cda_p_value,abnormal_dollar_change"],
    ["--format", "csv", "--csv-safe", "--table", "firms"],
]


def run(binary, args, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERSHOCK_")}
    env.update({"LC_ALL": "C", "NO_COLOR": "1"})
    env.pop("HOME", None)
    env.pop("XDG_CONFIG_HOME", None)
    done = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"aftershock {' '.join(args)} exited {done.returncode}:\n"
                         f"{done.stderr.decode()}")
    return done.stdout


def main() -> int:
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    data = ["--data", str(source / "data")]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="aftershock-report-") as work:
        for study in STUDIES:
            saved = pathlib.Path(work) / "r.json"
            run(binary, ["study", *study, *data, "--format", "json", "-o", str(saved)], work)
            again = run(binary, ["report", str(saved), "--format", "json"], work)
            if again != saved.read_bytes():
                failures += 1
                print(f"report --format json differs from the saved JSON for {study}")
            for fmt in FORMATS:
                expected = run(binary, ["study", *study, *data, *fmt], work)
                actual = run(binary, ["report", str(saved), *fmt], work)
                if actual != expected:
                    failures += 1
                    print(f"report {' '.join(fmt)} differs from study for {' '.join(study)}")
    print(f"{len(STUDIES)} studies x {len(FORMATS) + 1} formats, {failures} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
