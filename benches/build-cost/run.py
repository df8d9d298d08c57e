#!/usr/bin/env python3
"""Build cost of a generated client against the same program written by hand.

Builds the Stripe-customer binary twice, cold, each in a workspace and target directory
of its own: once written by hand (reqwest + serde + tokio) and once through the crate
generated from specs/stripe/openapi.yaml. For each it reports the wall time of a cold
`cargo check` and a cold `cargo build --release`, the peak memory of any one compiler
process, and, for the generated crate alone, its release build time with dependencies
already built and its LLVM IR line count (`cargo llvm-lines`).

    python3 benches/build-cost/run.py                 # everything
    python3 benches/build-cost/run.py --only lines    # just the LLVM IR lines (quick)
    python3 benches/build-cost/run.py --spec PATH     # another spec, for the generated side

Both sides use the project's Cargo.lock, so they build the same dependency versions. The
work happens in target/build-cost/; nothing outside it is touched.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORK = ROOT / "target" / "build-cost"


def run(args, cwd, env=None, quiet=True):
    """Runs a command; returns (seconds, peak RSS in MiB of its largest descendant)."""
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL if %r else None, stderr=subprocess.DEVNULL if %r else None)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(r.returncode)\n" % (quiet, quiet)
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", probe, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(args)} in {cwd}")
    peak_kib = int(result.stdout.strip().splitlines()[-1])
    return seconds, peak_kib / 1024


def prepare(spec, generate_args):
    """Lays out the two workspaces in target/build-cost/."""
    WORK.mkdir(parents=True, exist_ok=True)
    for side in ("handwritten", "generated"):
        dest = WORK / side
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(HERE / side, dest)
        with open(dest / "Cargo.toml", "a") as manifest:
            manifest.write("\n[workspace]\n")
        shutil.copy(ROOT / "Cargo.lock", dest / "Cargo.lock")
    stripe = WORK / "generated" / "stripe"
    subprocess.run(
        [
            "cargo", "run", "--quiet", "--release", "-p", "integrations-codegen", "--",
            "generate", "--spec", str(spec), "--out", str(stripe), "--crate-name", "stripe",
            "--runtime-path", str(ROOT / "integrations-runtime"), *generate_args,
        ],
        cwd=ROOT,
        check=True,
    )
    # The generated crate is a member of the binary's workspace, not one of its own.
    manifest = (stripe / "Cargo.toml").read_text()
    (stripe / "Cargo.toml").write_text(manifest.replace("\n[workspace]\n", "\n"))


def cold(side, command):
    target = WORK / side / "target"
    if target.exists():
        shutil.rmtree(target)
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    return run(["cargo", *command], WORK / side, env)


def generated_alone():
    """Release build of the generated crate alone, dependencies built."""
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    side = WORK / "generated"
    run(["cargo", "build", "--release"], side, env)
    (WORK / "generated" / "stripe" / "src" / "lib.rs").touch()
    return run(["cargo", "build", "--release", "-p", "stripe"], side, env)


def llvm_lines():
    """LLVM IR lines and copies of the generated crate (debug, as `cargo llvm-lines`)."""
    if subprocess.run(["cargo", "llvm-lines", "--version"], capture_output=True).returncode != 0:
        subprocess.run(["cargo", "install", "--locked", "cargo-llvm-lines"], check=True)
    result = subprocess.run(
        ["cargo", "llvm-lines", "-p", "stripe", "--lib"],
        cwd=WORK / "generated",
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    total = re.search(r"^\s*(\d+)\s+(\d+)\s+\(TOTAL\)", result.stdout, re.M)
    (WORK / "llvm-lines.txt").write_text(result.stdout)
    return (int(total.group(1)), int(total.group(2))) if total else (None, None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", default=str(ROOT / "specs" / "stripe" / "openapi.yaml"))
    parser.add_argument("--only", choices=["lines", "check", "release"], action="append")
    parser.add_argument(
        "--side", choices=["handwritten", "generated"], action="append",
        help="build only this side (default: both)",
    )
    parser.add_argument(
        "--generate-arg", action="append", default=[],
        help="an extra argument for `integrations-codegen generate` (e.g. --drop-undeclared)",
    )
    args = parser.parse_args()
    only = set(args.only or ["lines", "check", "release"])
    sides = args.side or ["handwritten", "generated"]
    prepare(Path(args.spec).resolve(), args.generate_arg)
    lines = (WORK / "generated" / "stripe" / "src" / "lib.rs").read_text().count("\n")
    report = {"spec": args.spec, "generate_args": args.generate_arg, "generated_lines": lines}
    print(f"generated crate: {lines} lines of Rust", flush=True)
    if "lines" in only:
        ir, copies = llvm_lines()
        report["llvm_ir_lines"] = ir
        report["llvm_copies"] = copies
        print(f"LLVM IR: {ir} lines in {copies} copies (top: target/build-cost/llvm-lines.txt)", flush=True)
    for kind in ("check", "release"):
        if kind not in only:
            continue
        command = ["check"] if kind == "check" else ["build", "--release"]
        for side in sides:
            seconds, peak = cold(side, command)
            report[f"{kind}_{side}_s"] = round(seconds, 1)
            report[f"{kind}_{side}_peak_mib"] = round(peak)
            print(f"cold {' '.join(command)}, {side}: {seconds:.1f} s, peak {peak:.0f} MiB", flush=True)
        if kind == "release" and "generated" in sides:
            seconds, peak = generated_alone()
            report["release_generated_crate_alone_s"] = round(seconds, 1)
            report["release_generated_crate_alone_peak_mib"] = round(peak)
            print(f"release build of the generated crate alone: {seconds:.1f} s, peak {peak:.0f} MiB", flush=True)
    (WORK / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
