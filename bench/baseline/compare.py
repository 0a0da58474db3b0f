#!/usr/bin/python3
"""Compares two event-study JSON results (aftershock --format json, or bench/baseline/event_study.py)
field by field on the fields both carry.

Matching: events by "event_date"; firms by "event_id" when both sides have it, else by
"ticker"; days by "offset"; cars by "window"; tests by name. Numbers agree when
|a - b| <= tol * max(1, |a|, |b|) (default tol 1e-9); null must meet null. Fields present on only
one side are counted, not compared. Exit code 0 when everything compared agrees, 1 otherwise.
The fields of REQUIRED (per-firm-event alpha, beta, sigma, AR, CAR; pooled AAR, CAAR and the
t_csect, patell, bmp statistics) must each have been compared at least once, so that a renamed
field cannot pass unnoticed; --require '' turns that off.
Usage: compare.py A.json B.json [--tol 1e-9] [--show 20] [--require PATH,...]
"""
import argparse
import json
import re
import sys


class Stats:
    def __init__(self, tol, show):
        self.tol, self.show = tol, show
        self.compared = 0
        self.mismatches = []
        self.only_one_side = 0
        self.max_rel = 0.0
        self.seen = set()  # paths compared, list keys removed: ".events.firms.alpha"

    def number(self, path, a, b):
        self.compared += 1
        self.seen.add(re.sub(r"\[[^]]*\]", "", path))
        if a is None or b is None:
            if a is not None or b is not None:
                self.mismatches.append(f"{path}: {a!r} vs {b!r}")
            return
        scale = max(1.0, abs(a), abs(b))
        rel = abs(a - b) / scale
        self.max_rel = max(self.max_rel, rel)
        if not rel <= self.tol:
            self.mismatches.append(f"{path}: {a!r} vs {b!r} (scaled diff {rel:.3g})")


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def key_of(item, keys):
    for k in keys:
        if isinstance(item, dict) and k in item:
            v = item[k]
            return (k, tuple(v) if isinstance(v, list) else v)
    return None


REQUIRED = [".events.firms.alpha", ".events.firms.beta", ".events.firms.sigma",
            ".events.firms.days.abnormal_return", ".events.firms.cars.car",
            ".events.aggregate.days.aar", ".events.aggregate.cars.caar"] + [
    f".events.aggregate.{part}.tests.{test}.statistic" for part in ("days", "cars")
    for test in ("t_csect", "patell", "bmp")]

LIST_KEYS = {"events": ["event_date"], "firms": ["event_id", "ticker"], "days": ["offset"],
             "cars": ["window"]}


def walk(path, a, b, st):
    if is_number(a) or is_number(b) or a is None or b is None:
        if (is_number(a) or a is None) and (is_number(b) or b is None):
            st.number(path, a, b)
        elif a != b:
            st.mismatches.append(f"{path}: {a!r} vs {b!r}")
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a.keys() | b.keys():
            if k in ("tool", "config"):
                continue
            if k in a and k in b:
                walk(f"{path}.{k}", a[k], b[k], st)
            else:
                st.only_one_side += 1
        return
    if isinstance(a, list) and isinstance(b, list):
        name = path.rsplit(".", 1)[-1]
        keys = LIST_KEYS.get(name)
        if keys is None or not a or not isinstance(a[0], dict):
            if len(a) != len(b):
                st.mismatches.append(f"{path}: length {len(a)} vs {len(b)}")
            for i, (x, y) in enumerate(zip(a, b)):
                walk(f"{path}[{i}]", x, y, st)
            return
        if name == "firms" and not (a and b and "event_id" in a[0] and "event_id" in b[0]):
            keys = ["ticker"]
        ma = {key_of(x, keys): x for x in a}
        mb = {key_of(x, keys): x for x in b}
        for k in ma.keys() | mb.keys():
            if k in ma and k in mb:
                walk(f"{path}[{k[1]}]", ma[k], mb[k], st)
            else:
                st.mismatches.append(f"{path}[{k[1] if k else k}]: only in one result")
        return
    if a != b:
        st.mismatches.append(f"{path}: {a!r} vs {b!r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--tol", type=float, default=1e-9)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--require", default=",".join(REQUIRED))
    args = ap.parse_args()
    with open(args.a) as f:
        a = json.load(f)
    with open(args.b) as f:
        b = json.load(f)
    st = Stats(args.tol, args.show)
    walk("", a, b, st)
    for path in filter(None, args.require.split(",")):
        if path not in st.seen:
            st.mismatches.append(f"{path}: never compared (missing or renamed on one side)")
    for m in st.mismatches[: args.show]:
        print(m)
    print(f"compared {st.compared} numbers, {len(st.mismatches)} mismatches, max scaled diff "
          f"{st.max_rel:.3g} (tol {args.tol:g}), {st.only_one_side} fields on one side only")
    sys.exit(0 if not st.mismatches and st.compared > 0 else 1)


if __name__ == "__main__":
    main()
