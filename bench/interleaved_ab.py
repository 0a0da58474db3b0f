#!/usr/bin/env python3
"""Interleaved A/B timing of whole commands (issue 6 measurements).

This VM's wall times drift by up to 1.5x within minutes, so timing command A ten times and then
command B ten times (hyperfine's order) compares two different moments. This runs the variants
round by round (A, B, A, B, ...) and prints, per variant, the median, min, quartiles and the
median CPU time (user + sys of the child).

Usage: bench/interleaved_ab.py ROUNDS < variants.json
variants.json: [{"name": "main", "cmd": "build/bench/src/cli/aftershock study ...",
                 "env": {"NAME": "value"}}, ...]   ("env" optional; "cmd" runs in a shell)
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        print(__doc__, file=sys.stderr)
        return 2
    rounds = int(sys.argv[1])
    variants = json.load(sys.stdin)
    wall = {v["name"]: [] for v in variants}
    cpu = {v["name"]: [] for v in variants}
    for _ in range(rounds):
        for v in variants:
            env = dict(os.environ)
            env.update(v.get("env", {}))
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.monotonic()
            done = subprocess.run(v["cmd"], shell=True, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, check=False)
            elapsed = time.monotonic() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                print(f"{v['name']}: exit {done.returncode}: {v['cmd']}", file=sys.stderr)
                return 1
            wall[v["name"]].append(elapsed)
            cpu[v["name"]].append(after.ru_utime - before.ru_utime + after.ru_stime -
                                  before.ru_stime)
    for name, times in wall.items():
        t = sorted(times)
        print(f"{name:40s} median {statistics.median(t) * 1e3:8.1f} ms  min {t[0] * 1e3:8.1f}  "
              f"q1 {t[len(t) // 4] * 1e3:8.1f}  q3 {t[3 * len(t) // 4] * 1e3:8.1f}  "
              f"cpu {statistics.median(cpu[name]) * 1e3:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
