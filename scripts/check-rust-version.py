#!/usr/bin/env python3
"""Checks that each publishable crate's rust-version is true: no dependency it builds declares
a higher one.

It reads the dependency graph as the committed Cargo.lock resolves it, with every feature on
(`cargo metadata --locked --all-features`). From each publishable crate of the workspace, it walks
the normal and build dependencies, transitively, on every platform. It prints each crate's
declared rust-version and the dependency that sets the highest requirement, and fails when that
requirement is above what the crate declares.

    scripts/check-rust-version.py
"""

import json
import subprocess
import sys


def version_key(version):
    """"1.85" or "1.85.0" as a tuple that orders like Rust versions."""
    parts = [int(part) for part in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked", "--all-features"],
            check=True,
            stdout=subprocess.PIPE,
        ).stdout
    )
    packages = {package["id"]: package for package in metadata["packages"]}
    edges = {}
    for node in metadata["resolve"]["nodes"]:
        edges[node["id"]] = [
            dep["pkg"]
            for dep in node["deps"]
            if any(kind["kind"] in (None, "build") for kind in dep["dep_kinds"])
        ]

    failures = []
    for member in metadata["workspace_members"]:
        crate = packages[member]
        if crate.get("publish") == []:  # publish = false
            continue
        declared = crate.get("rust_version")
        if declared is None:
            failures.append(f"{crate['name']} declares no rust-version")
            continue
        seen = set()
        stack = list(edges[member])
        highest = None
        while stack:
            dependency = stack.pop()
            if dependency in seen:
                continue
            seen.add(dependency)
            stack.extend(edges[dependency])
            package = packages[dependency]
            needed = package.get("rust_version")
            if needed and (highest is None or version_key(needed) > version_key(highest[0])):
                highest = (needed, f"{package['name']} {package['version']}")
        if highest is None:
            print(f"{crate['name']}: rust-version {declared}; no dependency declares one")
            continue
        needed, by = highest
        verdict = "ok" if version_key(needed) <= version_key(declared) else "TOO LOW"
        print(
            f"{crate['name']}: rust-version {declared}; highest of its {len(seen)} dependencies: "
            f"{needed}, set by {by} ({verdict})"
        )
        if verdict != "ok":
            failures.append(
                f"{crate['name']} declares rust-version {declared}, but {by} needs {needed}: "
                f"raise `rust-version` in {crate['manifest_path']} to {needed}, or pin the "
                f"dependency below the version that raised it"
            )
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
