"""What the benchmark scripts share: running a command and measuring its wall time and the peak
memory of its whole process tree (an engine may start other processes: Spark's JVM)."""

import os
import subprocess
import sys
import threading
import time

# The command and the log generator the benchmarks run, as a release build puts them: in the
# clone's target/, or in CARGO_TARGET_DIR.
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target")), "release")
SCF_CODES = os.path.join(RELEASE, "scf-codes")
GENERATE = os.path.join(RELEASE, "examples", "cls-logs")
ENGINE = os.path.join(REPO, "scripts", "sql-engine.py")


def build_release():
    """Builds the command and the cls-logs generator, optimized, where SCF_CODES and GENERATE
    say."""
    subprocess.run(
        ["cargo", "build", "-q", "--release", "-p", "scf-codes-cli", "--bin", "scf-codes",
         "--example", "cls-logs"],
        cwd=REPO, check=True,
    )


def tree_rss(root):
    """The resident set of `root` and all its descendants, in bytes."""
    children = {}
    rss = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            parent, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measure(command, stdout=subprocess.DEVNULL):
    """Runs `command`; returns (seconds, peak bytes of its process tree)."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=stdout, env=dict(os.environ, SPARK_LOCAL_IP="127.0.0.1"))
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    status = process.wait()
    elapsed = time.monotonic() - started
    done.set()
    sampler.join()
    if status != 0:
        sys.exit(f"{command[0]} failed with status {status}: {' '.join(command)}")
    return elapsed, peak
