#!/usr/bin/env python3
"""Runs one golden case: the real `aftershock` binary in a fresh temporary folder, comparing
stdout, stderr and the exit code with the files of tests/golden/<case>/.

A case folder holds:
  args       the command-line arguments, one per line ("{source}" is replaced by the
             repository root, so a case can read the bundled data/)
  input/     optional files copied into the temporary folder before the run
  stdout, stderr, exit_code   the expected results
  files      optional: the files the run leaves in the temporary folder besides input/, one
             path per line (checks that --output writes, or that a failed run leaves nothing)

Usage: golden_test.py BINARY CASE_DIR SOURCE_DIR
With AFTERSHOCK_UPDATE_GOLDEN=1 the expected files are rewritten from the run instead (review
the diff: numbers in goldens must be confirmed by a reference-value test first).
Exit status 0 = pass, 1 = mismatch, 77 = skipped (the case folder is missing).
"""
import difflib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile


def main() -> int:
    binary, case_dir, source_dir = (pathlib.Path(a) for a in sys.argv[1:4])
    if not (case_dir / "args").is_file():
        print(f"skipped: {case_dir}/args is missing")
        return 77
    args = [line.replace("{source}", str(source_dir))
            for line in (case_dir / "args").read_text().splitlines()]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERSHOCK_")}
    env.update({"LC_ALL": "C", "NO_COLOR": "1", "COLUMNS": "100"})
    # No configuration file of the user running the tests (config cases bring their own).
    env.pop("HOME", None)
    env.pop("XDG_CONFIG_HOME", None)
    with tempfile.TemporaryDirectory(prefix="aftershock-golden-") as work:
        if (case_dir / "input").is_dir():
            shutil.copytree(case_dir / "input", work, dirs_exist_ok=True)
        inputs = {p.relative_to(work) for p in pathlib.Path(work).rglob("*")}
        run = subprocess.run([str(binary), *args], cwd=work, env=env, stdin=subprocess.DEVNULL,
                             capture_output=True, timeout=300)
        left = sorted(str(p.relative_to(work)) for p in pathlib.Path(work).rglob("*")
                      if p.relative_to(work) not in inputs)
    # Paths under the repository are written as "{source}" so goldens do not depend on
    # where the clone lives.
    def portable(data: bytes) -> str:
        return data.decode("utf-8", "replace").replace(str(source_dir), "{source}")

    actual = {"stdout": portable(run.stdout),
              "stderr": portable(run.stderr),
              "exit_code": f"{run.returncode}\n"}
    if (case_dir / "files").is_file():
        actual["files"] = "".join(f"{name}\n" for name in left)

    if os.environ.get("AFTERSHOCK_UPDATE_GOLDEN") == "1":
        for name, text in actual.items():
            (case_dir / name).write_text(text)
        print(f"updated {case_dir}")
        return 0

    failed = False
    for name, text in actual.items():
        path = case_dir / name
        expected = path.read_text() if path.is_file() else ""
        if text != expected:
            failed = True
            print(f"--- {name} differs (aftershock {' '.join(args)}):")
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(True), text.splitlines(True), f"expected/{name}",
                f"actual/{name}"))
    if failed:
        print("\nIf the change is intended: AFTERSHOCK_UPDATE_GOLDEN=1 ctest -R integration "
              "and review the diff.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
