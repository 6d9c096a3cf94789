"""Benchmarks: summits against the tools a researcher would use instead.

    python bench/run.py [--events 100000] [--runs 7] [--no-peers]

Generates a deterministic synthetic dataset (see synth.py), builds the
database through ``summits import`` (or the library, when import is not
there), then times each pair of commands by alternating them, ``--runs``
times each, and prints the median ratio ours / peer against the figure the
project promises. Commands that write get a fresh copy of their file before
each run, outside the timed region. Peak memory is each child's own
``ru_maxrss`` (from ``os.wait4``).

The peers (td-watson, sqlite-utils) live in their own virtualenv,
``bench/.work/venv``, created on first use; ``--no-peers`` skips them (and
needs no network), which is how CI runs the script at a tiny size.
Exit status: 0 when every measured figure passes, 1 when one fails, 3 when a
command fails (a broken benchmark, not a slow one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import synth

HERE = Path(__file__).resolve().parent
PEER_PACKAGES = ("td-watson", "sqlite-utils")
BIN = Path(sys.executable).parent
# The summits of the Python running this script (its venv), else the one on PATH.
SUMMITS = str(BIN / "summits") if (BIN / "summits").exists() else shutil.which("summits") or ""
PYTHON = sys.executable


@dataclass
class Run:
    seconds: float
    max_rss_kib: int


def run(argv: Sequence[str], env: dict[str, str] | None = None, stdin: Path | None = None) -> Run:
    """Run a command to completion with output discarded; its wall time and peak RSS."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source:
        process = subprocess.Popen(
            list(argv),
            stdin=source,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
        )
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        print(
            f"failed ({process.returncode}): {' '.join(argv)}\n{errors.decode()}", file=sys.stderr
        )
        raise SystemExit(3)  # not 1, which means "a figure failed"
    return Run(seconds, usage.ru_maxrss)


@dataclass
class Pair:
    """Two commands timed alternately; ``prepare`` runs before each, outside the timing."""

    figure: str
    required: float
    ours: Callable[[], Sequence[str]]
    peer: Callable[[], Sequence[str]] | None
    prepare_ours: Callable[[], None] = lambda: None
    prepare_peer: Callable[[], None] = lambda: None
    peer_env: dict[str, str] = field(default_factory=dict)
    skipped: str = ""


@dataclass
class Figure:
    figure: str
    ours: str
    peer: str
    ratio: float | None
    required: str
    passed: bool | None
    note: str = ""


def measure(pair: Pair, runs: int) -> tuple[Figure, list[Run]]:
    ours_runs: list[Run] = []
    peer_runs: list[Run] = []
    for _ in range(runs):
        pair.prepare_ours()
        ours_runs.append(run(pair.ours()))
        if pair.peer is not None:
            pair.prepare_peer()
            peer_runs.append(run(pair.peer(), env=pair.peer_env))
    ours = statistics.median(r.seconds for r in ours_runs)
    if not peer_runs:
        alone = Figure(pair.figure, f"{ours:.3f} s", "-", None, f"≤ {pair.required}", None)
        return alone, ours_runs
    peer = statistics.median(r.seconds for r in peer_runs)
    ratio = statistics.median(
        o.seconds / p.seconds for o, p in zip(ours_runs, peer_runs, strict=True)
    )
    passed = ratio <= pair.required
    figure = Figure(
        pair.figure, f"{ours:.3f} s", f"{peer:.3f} s", ratio, f"≤ {pair.required}", passed
    )
    return figure, ours_runs


# -- set-up --------------------------------------------------------------------


def peers_venv(work: Path) -> Path:
    """bench/.work/venv with the peers installed (pip, once)."""
    venv = work / "venv"
    if not (venv / "bin" / "watson").exists() or not (venv / "bin" / "sqlite-utils").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", *PEER_PACKAGES], check=True
        )
    return venv / "bin"


def commands() -> set[str]:
    """The summits commands this checkout has (import, export, timeline come later)."""
    out = subprocess.run([SUMMITS, "--help"], capture_output=True, text=True, check=True).stdout
    listed = out.split("Commands:", 1)[-1].splitlines()
    return {line.split()[0] for line in listed if line.startswith("  ") and line.split()}


def build(data: synth.Dataset, files: dict[str, Path], folder: Path, has_import: bool) -> None:
    """``base.json`` (no events, for the import figure) and ``full.json`` (everything)."""
    base, full = folder / "base.json", folder / "full.json"
    for path in (base, full):
        path.unlink(missing_ok=True)
    if has_import:
        run([SUMMITS, "--db", str(base), "init"])
        for table in ("parties", "persons", "summits", "invitations"):
            run([SUMMITS, "--db", str(base), "import", str(files[table])])
        shutil.copyfile(base, full)
        run([SUMMITS, "--db", str(full), "import", str(files["events"])])
    else:
        _build_with_library(data, base, with_events=False)
        _build_with_library(data, full, with_events=True)
    run([SUMMITS, "--db", str(full), "check"])


def _build_with_library(data: synth.Dataset, path: Path, with_events: bool) -> None:
    from summits import people, rules, storage

    known = people.index(data.persons)
    tables = {
        "parties": [rules.make("parties", **doc) for doc in data.parties],
        "persons": [rules.make("persons", **doc) for doc in data.persons],
        "summits": [rules.make("summits", **doc) for doc in data.summits],
        "invitations": [rules.make("invitations", **doc) for doc in data.invitations],
        "events": [
            rules.make("events", **{**doc, "person": people.link(doc["by"], known)})
            for doc in data.events
        ]
        if with_events
        else [],
    }
    numbered = {
        name: {str(i): doc for i, doc in enumerate(docs, 1)} for name, docs in tables.items()
    }
    storage.atomic_write(path, storage.dump(numbered))


def pairs(folder: Path, files: dict[str, Path], peers: Path | None, has: set[str]) -> list[Pair]:
    """The pairs of the issue's table, in its order; peer commands are None without peers."""
    full, base, scratch = folder / "full.json", folder / "base.json", folder / "scratch.json"
    watson_env = {"WATSON_DIR": str(folder / "watson")}
    events = str(files["events"])
    floor = [PYTHON, "-c", "import orjson,sys; orjson.loads(open(sys.argv[1],'rb').read())"]
    # The report draws its chart with matplotlib: its import is part of any such floor.
    floor_and_matplotlib = [
        PYTHON,
        "-c",
        "import orjson,sys; orjson.loads(open(sys.argv[1],'rb').read()); "
        "from matplotlib.figure import Figure",
    ]

    def ours(db: Path, args: str) -> Callable[[], Sequence[str]]:
        return lambda: [SUMMITS, "--db", str(db), *args.split()]

    def peer(name: str, *args: str) -> Callable[[], Sequence[str]] | None:
        return (lambda: [str(peers / name), *args]) if peers else None

    def fresh(source: Path, target: Path, ours: bool = True) -> Callable[[], None]:
        """A copy as summits leaves a file it wrote: known to its digest cache.

        The cache is tied to the file's identity, so a copy is checked once, here.
        """

        def copy() -> None:
            shutil.copyfile(source, target)
            if ours:
                run([SUMMITS, "--db", str(target), "party", "list", "--format", "csv"])

        return copy

    def absent(command: str) -> str:
        return "" if command in has else f"'summits {command}' not in this checkout"

    # sqlite-utils loading the events CSV into SQLite: the field's own tool for the job.
    insert_events = peer(
        "sqlite-utils", "insert", str(folder / "peer.db"), "events", events, "--csv",
        "--no-detect-types",
    )  # fmt: skip

    return [
        Pair(
            "add one event (log vs watson add)",
            0.25,
            ours(scratch, "log nato-2025 JPN attended --date 2025-06-24 --level minister -q"),
            peer("watson", "add", "-f", "2025-06-24 10:00", "-t", "2025-06-24 11:00", "nato-2025"),
            prepare_ours=fresh(full, scratch),
            prepare_peer=fresh(folder / "frames.json", folder / "watson" / "frames", ours=False),
            peer_env=watson_env,
        ),
        Pair(
            "one summit's events (events --format csv vs orjson parse)",
            1.5,
            ours(full, "events --summit nato-2025 --format csv"),
            lambda: [*floor, str(full)],
        ),
        Pair(
            "one summit's timeline (timeline vs orjson parse)",
            2.0,
            ours(full, "timeline nato-2025"),
            lambda: [*floor, str(full)],
            skipped=absent("timeline"),
        ),
        # The views that compare summits, over one series of the 100,000-event file (the
        # whole file is parsed and every event looked at; the series' 5,000 are analysed).
        Pair(
            "a series' matrix (matrix vs orjson parse)",
            2.0,
            ours(full, "matrix --series NATO"),
            lambda: [*floor, str(full)],
            skipped=absent("matrix"),
        ),
        Pair(
            "a series' changes (changes vs orjson parse)",
            2.0,
            ours(full, "changes --series NATO"),
            lambda: [*floor, str(full)],
            skipped=absent("changes"),
        ),
        Pair(
            "a series' stats (stats vs orjson parse)",
            2.0,
            ours(full, "stats --series NATO"),
            lambda: [*floor, str(full)],
            skipped=absent("stats"),
        ),
        Pair(
            "a series' report (report vs orjson parse + matplotlib import)",
            3.0,
            ours(full, f"report --series NATO --force -o {folder / 'report.html'}"),
            lambda: [*floor_and_matplotlib, str(full)],
            skipped=absent("report"),
        ),
        Pair(
            "bulk import of the events (import vs sqlite-utils insert)",
            1.0,
            lambda: [SUMMITS, "--db", str(scratch), "import", events],
            insert_events,
            prepare_ours=fresh(base, scratch),
            prepare_peer=lambda: (folder / "peer.db").unlink(missing_ok=True),
            skipped=absent("import"),
        ),
        Pair(
            "export as SQLite (export --format sqlite vs sqlite-utils insert)",
            1.0,
            ours(full, f"export --format sqlite -o {folder / 'ours.db'}"),
            insert_events,
            prepare_ours=lambda: _remove(folder / "ours.db", folder / "metadata.json"),
            prepare_peer=lambda: (folder / "peer.db").unlink(missing_ok=True),
            skipped=absent("export"),
        ),
        Pair(
            "export as a data package (export --format datapackage vs sqlite-utils insert)",
            1.0,
            ours(full, f"export --format datapackage -o {folder / 'package'}"),
            insert_events,
            prepare_ours=lambda: _remove(folder / "package"),
            prepare_peer=lambda: (folder / "peer.db").unlink(missing_ok=True),
            skipped=absent("export"),
        ),
        Pair(
            "start-up (summits --help vs python -c 'import click')",
            1.5,
            lambda: [SUMMITS, "--help"],
            lambda: [PYTHON, "-c", "import click"],
        ),
        Pair(
            "export all events as CSV (export vs watson report --all)",
            0.5,
            ours(full, "export"),
            peer("watson", "report", "--all", "--no-pager"),
            peer_env=watson_env,
            skipped=absent("export"),
        ),
    ]


def _remove(*paths: Path) -> None:
    """Remove files and folders that an earlier run wrote (outside the timing)."""
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def prepare(n_events: int, work: Path, has: set[str], with_peers: bool) -> tuple[Path, dict]:
    folder = work / f"data-{n_events}"
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    data = synth.generate(n_events)
    files = synth.write_files(data, folder)
    build(data, files, folder, "import" in has)
    if with_peers:
        (folder / "watson").mkdir(exist_ok=True)
        frames = json.dumps(synth.watson_frames(data), indent=1)
        (folder / "frames.json").write_text(frames)
        (folder / "watson" / "frames").write_text(frames)
    took = time.perf_counter() - started
    print(
        f"data: {len(data.summits)} summits, {len(data.parties)} organisations + "
        f"{len(synth.COUNTRIES)} countries, {len(data.invitations)} invitations, "
        f"{len(data.events)} events; {(folder / 'full.json').stat().st_size / 2**20:.1f} MiB "
        f"database, built through {'summits import' if 'import' in has else 'the library'} "
        f"in {took:.1f} s",
        file=sys.stderr,
    )
    return folder, files


def history_growth(figure: str, full: Path) -> Figure:
    """How much the history entry of the events import adds to the file, in percent.

    The entry holds each added event's key and digest; it is measured against the
    file without its history table.
    """
    import orjson

    from summits import storage

    tables = storage.load(full)
    entries = tables.pop("history", {})
    if not entries:
        return Figure(figure, "-", "-", None, "≤ 10%", None, "no history in this checkout")
    entry = entries[max(entries, key=int)]  # the last import: the events
    share = len(orjson.dumps(entry, option=orjson.OPT_SORT_KEYS)) / len(storage.dump(tables))
    return Figure(figure, f"{share:.1%}", "-", None, "≤ 10%", share <= 0.10)


# -- report --------------------------------------------------------------------


def table(figures: list[Figure]) -> str:
    head = ("figure", "ours", "peer", "ratio", "required", "result")
    rows = [
        (
            f.figure,
            f.ours,
            f.peer,
            "-" if f.ratio is None else f"{f.ratio:.3f}",
            f.required,
            {True: "pass", False: "FAIL", None: f.note or "-"}[f.passed],
        )
        for f in figures
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the dataset")
    parser.add_argument("--runs", type=int, default=7, help="runs of each command")
    parser.add_argument("--no-peers", action="store_true", help="skip watson and sqlite-utils")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="scratch folder")
    parser.add_argument("--only", metavar="WORDS", help="only figures naming one of these words")
    args = parser.parse_args(argv)
    # The digest cache of the scratch databases stays with them, not in ~/.cache.
    os.environ["XDG_CACHE_HOME"] = str(args.work.resolve() / "cache")

    # pip compiled the peers' bytecode when it installed them; an editable install (or
    # PYTHONDONTWRITEBYTECODE) may have left ours uncompiled, which costs ~20 ms a start.
    import summits

    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(Path(summits.__file__).parent)], check=True
    )
    has = commands()
    peers = None if args.no_peers else peers_venv(args.work)
    folder, files = prepare(args.events, args.work, has, peers is not None)
    figures = []
    log_runs: list[Run] = []
    chosen = args.only.split(",") if args.only else None
    for pair in pairs(folder, files, peers, has):
        if chosen and not any(word in pair.figure for word in chosen):
            continue
        if pair.skipped:
            figures.append(Figure(pair.figure, "-", "-", None, f"≤ {pair.required}", None,
                                  pair.skipped))  # fmt: skip
            continue
        figure, runs = measure(pair, args.runs)
        if pair.figure.startswith("add one event"):
            log_runs = runs
        figures.append(figure)
        print(f"  {figure.figure}: {figure.ours} / {figure.peer}", file=sys.stderr)
    if log_runs:
        peak = max(r.max_rss_kib for r in log_runs) / 1024
        figures.append(
            Figure("peak memory of log", f"{peak:.0f} MiB", "-", None, "≤ 350 MiB", peak <= 350)
        )
    growth = "file growth from history (the events import's entry)"
    if not chosen or any(word in growth for word in chosen):
        figures.append(history_growth(growth, folder / "full.json"))
    print(f"\n{args.events:,} events, {args.runs} alternated runs a pair, median ratios:\n")
    print(table(figures))
    return 0 if all(f.passed is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
