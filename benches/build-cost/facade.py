#!/usr/bin/env python3
"""Build cost per provider through the `integrations` facade.

For each provider feature, a small binary (`Client::builder()...build()` and one call
built, not sent) depending on the facade with only that feature is checked and built in
release, in one target directory whose dependencies were built first by the same binary
with no provider: the figures are the cost of generating and compiling that provider's
client (the build script runs again, the facade and the binary compile), not of reqwest
or tokio. Prints a Markdown table.

    python3 benches/build-cost/facade.py                    # every provider
    python3 benches/build-cost/facade.py stripe hubspot     # some

The work happens in target/build-cost/facade/.
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORK = ROOT / "target" / "build-cost" / "facade"
PROVIDERS = [
    "stripe", "square", "twilio", "sendgrid", "slack", "s3", "salesforce", "hubspot", "paypal",
    "pipedrive", "dropbox", "google-drive",
]


def write_crate(features):
    """The binary crate, depending on the facade with `features`."""
    crate = WORK / "app"
    (crate / "src").mkdir(parents=True, exist_ok=True)
    feature_list = ", ".join(f'"{f}"' for f in features)
    (crate / "Cargo.toml").write_text(
        "[package]\n"
        'name = "facade-cost"\n'
        'version = "0.0.0"\n'
        'edition = "2024"\n'
        "publish = false\n\n"
        "[workspace]\n\n"
        "[dependencies]\n"
        f'integrations = {{ path = "{ROOT / "integrations"}", features = [{feature_list}] }}\n'
    )
    module = features[0].replace("-", "_") if features else None
    body = (
        f"    let client = integrations::{module}::Client::builder().build().expect(\"client\");\n"
        f"    println!(\"{{:?}}\", client.runtime().base_url());\n"
        if module
        else "    println!(\"{}\", std::any::type_name::<integrations::runtime::Client>());\n"
    )
    (crate / "src" / "main.rs").write_text("fn main() {\n" + body + "}\n")
    lock = ROOT / "Cargo.lock"
    (crate / "Cargo.lock").write_bytes(lock.read_bytes())
    return crate


def timed(args, cwd):
    started = time.monotonic()
    result = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result.stderr[-3000:]}")
    return time.monotonic() - started


def main():
    providers = sys.argv[1:] or PROVIDERS
    target = str(WORK / "target")
    crate = write_crate([])
    for profile in (["check"], ["build", "--release"]):
        timed(["cargo", *profile, "--quiet", "--target-dir", target], crate)
    print("| provider | `cargo check` | `cargo build --release` | release binary |")
    print("|---|---|---|---|")
    for provider in providers:
        crate = write_crate([provider])
        check = timed(["cargo", "check", "--quiet", "--target-dir", target], crate)
        release = timed(["cargo", "build", "--release", "--quiet", "--target-dir", target], crate)
        size = (WORK / "target" / "release" / "facade-cost").stat().st_size / 1e6
        print(f"| {provider} | {check:.1f} s | {release:.1f} s | {size:.1f} MB |", flush=True)


if __name__ == "__main__":
    main()
