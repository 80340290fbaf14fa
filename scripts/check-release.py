#!/usr/bin/env python3
"""Checks what a release of the workspace relies on and no compiler checks:

- The five published crates share one version.
- The macro chain is pinned exactly, as thiserror and num_enum pin theirs: scf-codes depends on
  `scf-codes-macros = "=X.Y.Z"`, and scf-codes-macros on `scf-codes-generator = "=X.Y.Z"`, X.Y.Z
  being that one version. The generated code and the runtime crate change together (the enum
  refers to `crate::Category` and `crate::UnknownCode`), so a caret requirement would let cargo
  pair a runtime crate with a generator it does not match.
- Every published crate's root forbids unsafe code (`#![forbid(unsafe_code)]`): none has any.

It reads the manifests with `cargo metadata --no-deps`, and prints each finding.

    scripts/check-release.py
"""

import json
import pathlib
import subprocess
import sys

PUBLISHED = ["scf-codes", "scf-codes-macros", "scf-codes-generator", "scf-codes-triage", "scf-codes-cli"]
PINS = [("scf-codes", "scf-codes-macros"), ("scf-codes-macros", "scf-codes-generator")]


def main():
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--no-deps"],
            check=True,
            stdout=subprocess.PIPE,
        ).stdout
    )
    packages = {package["name"]: package for package in metadata["packages"]}
    problems = []

    versions = {name: packages[name]["version"] for name in PUBLISHED}
    print("versions: " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    if len(set(versions.values())) != 1:
        problems.append("the published crates do not share one version")
    version = versions["scf-codes"]

    for dependent, dependency in PINS:
        requirements = [
            dep["req"]
            for dep in packages[dependent]["dependencies"]
            if dep["name"] == dependency and dep["kind"] is None
        ]
        wanted = f"={version}"
        print(f"{dependent} -> {dependency}: {', '.join(requirements) or 'missing'}")
        if requirements != [wanted]:
            problems.append(
                f"{dependent} must depend on {dependency} = \"{wanted}\", not {requirements}"
            )

    for name in PUBLISHED:
        for target in packages[name]["targets"]:
            if not {"lib", "proc-macro", "bin"} & set(target["kind"]):
                continue
            root = pathlib.Path(target["src_path"])
            text = root.read_text(encoding="utf-8")
            if "#![forbid(unsafe_code)]" not in text:
                problems.append(f"{root} does not forbid unsafe code")
            else:
                print(f"{name} {target['name']}: forbids unsafe code")

    for problem in problems:
        print("error: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
