"""Benchmark Chinese PI detectors on the dev corpus and on a held-out corpus drawn fresh each run.

    .venv/bin/python bench/pi_detection.py [--corpus PATH] [--systems ours,presidio,jionlp,jieba]
                                           [--heldout-seed N] [--heldout-n N] [--no-heldout]

Two corpora, side by side, in one process:

* **dev**: ``bench/data/pi_corpus.jsonl``, committed, the one the detector has been tuned against
  (its error list is written to ``bench/out/pi_errors.jsonl``);
* **held-out**: generated in memory by ``bench/data/make_pi_corpus.py`` from its own templates and
  vocabulary, most sentences composed afresh from parts (``bench/data/pi_heldout.py``), from a
  seed drawn at random unless ``--heldout-seed`` is given. The seed is printed and stored with the
  results, so a run can be reproduced; a new seed gives sentences no one has read. Its error list
  is not written unless ``--heldout-errors`` asks: fix mechanisms, not sentences.

Every system is an adapter in ``bench/pi_systems/`` returning spans with the project's kind names.
A system that cannot run here is listed as "not available: <reason>", never given a number.

Metrics, per kind and system, on each corpus:

* precision / recall / F1 on exact spans: a prediction counts only if kind, start and end all
  match a gold span;
* leak rate: the share of gold PI characters (whitespace inside a span not counted) that no
  predicted span of any kind covers - what would stay readable after masking;
* look-alike hits: the share of look-alikes (order and tracking numbers, timestamps, prices, SKUs,
  versions, ...) that a predicted span touches - what would be masked for nothing;
* throughput in characters per second: the first pass over the corpus (which produces the
  predictions) is the warm-up, then ``--runs`` timed passes, interleaved across systems in one
  process; the median is reported.

Results go to ``bench/out/pi_detection.json`` (``{"dev": ..., "heldout": ...}``).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib
import importlib.util
import json
import os
import platform
import secrets
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pi_systems.base import PI_KINDS, STRUCTURED, UNSTRUCTURED, NotAvailable, Span, System

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE / "data" / "pi_corpus.jsonl"
DEFAULT_OUT = HERE / "out" / "pi_detection.json"
DEFAULT_ERRORS = HERE / "out" / "pi_errors.jsonl"
GENERATOR = HERE / "data" / "make_pi_corpus.py"

# family name on the command line -> adapter module in bench/pi_systems
ADAPTERS = {"ours": "ours", "presidio": "presidio_zh", "jionlp": "jionlp_ext", "jieba": "jieba_pos"}

F1_TARGET_STRUCTURED = 0.98
F1_TARGET_UNSTRUCTURED = 0.85
LEAK_TARGET = 0.01
SPEEDUP_STRUCTURED_TARGET = 10.0
SPEEDUP_ALL_TARGET = 1.0
ERRORS_PER_KIND = 30


@dataclass
class Row:
    id: str
    style: str
    text: str
    gold: list[Span]
    decoys: list[tuple[int, int, str]]
    fmts: dict[Span, str]


def load_corpus(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as fh:
        return rows_from_dicts(json.loads(line) for line in fh if line.strip())


def rows_from_dicts(dicts: Iterable[dict[str, Any]]) -> list[Row]:
    rows = []
    for d in dicts:
        gold = [Span(s["start"], s["end"], s["kind"]) for s in d["spans"]]
        rows.append(
            Row(
                id=d["id"],
                style=d.get("style", ""),
                text=d["text"],
                gold=sorted(gold),
                decoys=[(x["start"], x["end"], x["kind"]) for x in d.get("decoys", [])],
                fmts={Span(s["start"], s["end"], s["kind"]): s.get("fmt", "") for s in d["spans"]},
            )
        )
    return rows


def generator() -> Any:
    """``bench/data/make_pi_corpus.py``, loaded by path (bench/data is not a package)."""
    spec = importlib.util.spec_from_file_location("make_pi_corpus", GENERATOR)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {GENERATOR}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


def heldout_corpus(seed: int, n: int) -> tuple[list[Row], str]:
    """A held-out corpus generated now from ``seed``, and the sha256 of its JSONL form."""
    gen = generator()
    dicts = gen.generate(n, seed=seed, heldout=True)
    return rows_from_dicts(dicts), hashlib.sha256(gen.dumps(dicts).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# scoring


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    gold_chars: int = 0
    leaked_chars: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def leak_rate(self) -> float | None:
        return self.leaked_chars / self.gold_chars if self.gold_chars else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "gold_chars": self.gold_chars,
            "leaked_chars": self.leaked_chars,
            "leak_rate": self.leak_rate,
        }


@dataclass
class Evaluation:
    per_kind: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in PI_KINDS})
    other_fp: Counter[str] = field(default_factory=Counter)  # predictions of kinds outside PI_KINDS
    decoys: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # type -> [n, hit]
    by_fmt: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(lambda: [0, 0]))
    )  # kind -> fmt -> [n, exact]
    by_style: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # [gold, exact]

    def pooled(self, kinds: tuple[str, ...]) -> KindScore:
        total = KindScore()
        for k in kinds:
            s = self.per_kind[k]
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
            total.gold_chars += s.gold_chars
            total.leaked_chars += s.leaked_chars
        return total


def evaluate(rows: list[Row], preds: list[list[Span]]) -> Evaluation:
    ev = Evaluation()
    for row, pred in zip(rows, preds, strict=True):
        gold_set = set(row.gold)
        pred_set = {Span(p.start, p.end, p.kind) for p in pred}
        covered = bytearray(len(row.text))
        for p in pred:
            covered[max(p.start, 0) : max(p.end, 0)] = b"\x01" * (max(p.end, 0) - max(p.start, 0))
        for g in row.gold:
            score = ev.per_kind[g.kind]
            hit = g in pred_set
            if hit:
                score.tp += 1
            else:
                score.fn += 1
            for i in range(g.start, g.end):
                if not row.text[i].isspace():
                    score.gold_chars += 1
                    score.leaked_chars += not covered[i]
            fmt = ev.by_fmt[g.kind][row.fmts.get(g, "")]
            fmt[0] += 1
            fmt[1] += hit
            ev.by_style[row.style][0] += 1
            ev.by_style[row.style][1] += hit
        for p in pred_set - gold_set:
            if p.kind in ev.per_kind:
                ev.per_kind[p.kind].fp += 1
            else:
                ev.other_fp[p.kind] += 1
        for start, end, kind in row.decoys:
            ev.decoys[kind][0] += 1
            ev.decoys[kind][1] += any(p.start < end and start < p.end for p in pred)
    return ev


def collect_errors(rows: list[Row], preds: list[list[Span]], per_kind: int = ERRORS_PER_KIND) -> list[dict[str, Any]]:
    """The first ``per_kind`` errors of each kind, each with the sentence, gold and predicted spans."""
    out: list[dict[str, Any]] = []
    count: Counter[str] = Counter()

    def span_json(s: Span, text: str) -> dict[str, Any]:
        return {"kind": s.kind, "start": s.start, "end": s.end, "text": text[s.start : s.end]}

    for row, pred in zip(rows, preds, strict=True):
        pred_plain = [Span(p.start, p.end, p.kind) for p in pred]
        gold_set, pred_set = set(row.gold), set(pred_plain)
        for g in row.gold:
            if g in pred_set:
                continue
            near = [p for p in pred_plain if p.start < g.end and g.start < p.end]
            if not near:
                error = "missed"
            elif any(p.start == g.start and p.end == g.end for p in near):
                error = "wrong_kind"
            elif any(p.kind == g.kind for p in near):
                error = "boundary"
            else:
                error = "overlapped_by_other_kind"
            if count[g.kind] < per_kind:
                count[g.kind] += 1
                out.append(
                    {
                        "kind": g.kind,
                        "error": error,
                        "fmt": row.fmts.get(g, ""),
                        "id": row.id,
                        "style": row.style,
                        "text": row.text,
                        "gold": span_json(g, row.text),
                        "pred": [span_json(p, row.text) for p in near],
                    }
                )
        for p in pred_plain:
            if p in gold_set or any(g.start < p.end and p.start < g.end for g in row.gold):
                continue  # reported above from the gold side
            decoy = [k for s, e, k in row.decoys if s < p.end and p.start < e]
            error = f"lookalike:{decoy[0]}" if decoy else "spurious"
            if count[p.kind] < per_kind:
                count[p.kind] += 1
                out.append(
                    {
                        "kind": p.kind,
                        "error": error,
                        "fmt": "",
                        "id": row.id,
                        "style": row.style,
                        "text": row.text,
                        "gold": None,
                        "pred": [span_json(p, row.text)],
                    }
                )
    out.sort(key=lambda e: (PI_KINDS.index(e["kind"]) if e["kind"] in PI_KINDS else 99, e["id"]))
    return out


# ---------------------------------------------------------------------------------------------
# running


@dataclass
class Result:
    system: System | None
    name: str
    unavailable: str | None = None
    error: str | None = None
    evaluation: Evaluation | None = None
    preds: list[list[Span]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    warmup_s: float = 0.0
    notes: dict[str, int] = field(default_factory=dict)  # the adapter's notes after the first pass


def load_systems(families: list[str]) -> list[Result]:
    results: list[Result] = []
    for family in families:
        module_name = ADAPTERS.get(family)
        if module_name is None:
            raise SystemExit(f"unknown system {family!r}; known: {', '.join(ADAPTERS)}")
        try:
            module = importlib.import_module(f"pi_systems.{module_name}")
            systems: list[System] = module.load()
        except NotAvailable as exc:
            results.append(Result(None, family, unavailable=str(exc)))
            continue
        except Exception as exc:
            results.append(Result(None, family, unavailable=f"adapter failed to load: {type(exc).__name__}: {exc}"))
            continue
        results.extend(Result(s, s.name) for s in systems)
    return results


def run_pass(detect: Callable[[str], list[Span]], texts: list[str]) -> tuple[list[list[Span]], float]:
    gc.collect()
    t0 = time.perf_counter()
    out = [detect(t) for t in texts]
    return out, time.perf_counter() - t0


def run(results: list[Result], rows: list[Row], runs: int, log: Callable[[str], None]) -> None:
    texts = [r.text for r in rows]
    live = [r for r in results if r.system is not None]
    for res in live:
        assert res.system is not None
        log(f"warm-up + predictions: {res.name}")
        res.system.notes.clear()  # the adapter's counters, per corpus
        try:
            res.preds, res.warmup_s = run_pass(res.system.detect, texts)
        except Exception as exc:
            res.error = f"detect() raised {type(exc).__name__}: {exc}"
            continue
        res.notes = dict(res.system.notes)
        bad = [
            (row.id, s)
            for row, pred in zip(rows, res.preds, strict=True)
            for s in pred
            if not (0 <= s.start < s.end <= len(row.text))
        ]
        if bad:
            log(f"  {res.name}: {len(bad)} spans out of bounds, e.g. {bad[:3]}")
        res.evaluation = evaluate(rows, res.preds)
    for i in range(runs):
        for res in live:
            if res.error or res.system is None:
                continue
            _, dt = run_pass(res.system.detect, texts)
            res.times.append(dt)
            log(f"timed run {i + 1}/{runs}: {res.name} {dt:.2f}s")


def throughput(res: Result, chars: int) -> float | None:
    return chars / statistics.median(res.times) if res.times else None


# ---------------------------------------------------------------------------------------------
# reporting


def fmt_ratio(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def fmt_pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.2f}%"


def target_f1(kind: str) -> float:
    return F1_TARGET_UNSTRUCTURED if kind in UNSTRUCTURED else F1_TARGET_STRUCTURED


def build_report(results: list[Result], rows: list[Row], corpus: str, sha256: str, runs: int) -> dict[str, Any]:
    chars = sum(len(r.text) for r in rows)
    span_counts = Counter(s.kind for r in rows for s in r.gold)
    decoy_counts = Counter(k for r in rows for _, _, k in r.decoys)
    report: dict[str, Any] = {
        "corpus": {
            "path": corpus,
            "sha256": sha256,
            "sentences": len(rows),
            "characters": chars,
            "styles": dict(sorted(Counter(r.style for r in rows).items())),
            "spans": {k: span_counts[k] for k in PI_KINDS},
            "lookalikes": dict(sorted(decoy_counts.items())),
        },
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "runs": runs,
        },
        "targets": {
            "f1_structured": F1_TARGET_STRUCTURED,
            "f1_person_name_address": F1_TARGET_UNSTRUCTURED,
            "leak_rate_max": LEAK_TARGET,
            "throughput_structured_vs_presidio": SPEEDUP_STRUCTURED_TARGET,
            "throughput_all_vs_presidio": SPEEDUP_ALL_TARGET,
        },
        "systems": {},
    }
    for res in results:
        entry: dict[str, Any] = {"available": res.unavailable is None and res.error is None}
        if res.unavailable:
            entry["reason"] = f"not available: {res.unavailable}"
        if res.error:
            entry["reason"] = res.error
        if res.system is not None:
            entry["description"] = res.system.description
            entry["kinds"] = [k for k in PI_KINDS if k in res.system.kinds]
            entry["versions"] = res.system.versions
            entry["notes"] = res.notes
        ev = res.evaluation
        if ev is not None and not res.error:
            entry["per_kind"] = {k: ev.per_kind[k].as_dict() for k in PI_KINDS}
            entry["overall"] = {
                "all_kinds": ev.pooled(PI_KINDS).as_dict(),
                "structured": ev.pooled(STRUCTURED).as_dict(),
                "claimed_kinds": ev.pooled(tuple(k for k in PI_KINDS if k in res.system.kinds)).as_dict()
                if res.system
                else None,
            }
            entry["other_kind_predictions"] = dict(ev.other_fp)
            entry["lookalike_hits"] = {
                k: {"n": n, "hit": hit, "hit_rate": hit / n if n else None} for k, (n, hit) in sorted(ev.decoys.items())
            }
            entry["recall_by_fmt"] = {
                kind: {f: {"n": n, "exact": ok, "recall": ok / n} for f, (n, ok) in sorted(fmts.items())}
                for kind, fmts in ev.by_fmt.items()
            }
            entry["recall_by_style"] = {s: {"n": n, "exact": ok} for s, (n, ok) in sorted(ev.by_style.items())}
            entry["throughput"] = {
                "chars_per_s_median": throughput(res, chars),
                "runs_s": res.times,
                "warmup_s": res.warmup_s,
            }
        report["systems"][res.name] = entry
    report["checks"] = target_checks(report)
    return report


def target_checks(report: dict[str, Any]) -> list[dict[str, Any]]:
    systems = report["systems"]
    checks: list[dict[str, Any]] = []
    ours = systems.get("ours", {})
    if ours.get("per_kind"):
        for kind in PI_KINDS:
            f1 = ours["per_kind"][kind]["f1"]
            checks.append(
                {
                    "what": f"F1 {kind} (ours)",
                    "value": f1,
                    "target": f">= {target_f1(kind)}",
                    "pass": f1 is not None and f1 >= target_f1(kind),
                }
            )
        leak = ours["overall"]["all_kinds"]["leak_rate"]
        checks.append(
            {
                "what": "leak rate, all kinds (ours)",
                "value": leak,
                "target": f"<= {LEAK_TARGET}",
                "pass": leak <= LEAK_TARGET,
            }
        )

    def tput(name: str) -> float | None:
        return (systems.get(name, {}).get("throughput") or {}).get("chars_per_s_median")

    presidio = tput("presidio")
    for name, target in (("ours-structured", SPEEDUP_STRUCTURED_TARGET), ("ours", SPEEDUP_ALL_TARGET)):
        mine = tput(name)
        if mine is not None and presidio:
            checks.append(
                {
                    "what": f"throughput {name} / presidio",
                    "value": mine / presidio,
                    "target": f">= {target}x",
                    "pass": mine / presidio >= target,
                }
            )
    return checks


def print_report(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(170, Console().width))
    c = report["corpus"]
    console.print(
        f"[bold]Corpus[/bold] {c['path']}: {c['sentences']} sentences, {c['characters']:,} characters, "
        f"{sum(c['spans'].values())} PI spans, {sum(c['lookalikes'].values())} look-alikes; styles {c['styles']}"
    )
    systems = report["systems"]
    names = list(systems)
    for name in names:
        versions = systems[name].get("versions") or {}
        if versions:
            console.print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    for name in names:
        e = systems[name]
        if not e["available"]:
            console.print(f"[red]{name}[/red]: {e['reason']}")
    live = [n for n in names if systems[n].get("per_kind")]
    for name in live:
        for note, count in systems[name].get("notes", {}).items():
            console.print(f"[yellow]{name}[/yellow]: {note}: {count} sentence(s) in the first pass")

    def cell(name: str, kind: str, metric: str) -> str:
        e = systems[name]
        if kind not in e["kinds"]:
            return "[dim]n/s[/dim]"
        return fmt_ratio(e["per_kind"][kind][metric])

    t = Table(title="Exact-span F1 (P / R) per kind - n/s: the system does not claim this kind", show_lines=False)
    t.add_column("kind")
    t.add_column("gold", justify="right")
    t.add_column("target", justify="right")
    for n in live:
        t.add_column(n, justify="right")
    for kind in PI_KINDS:
        cells = []
        for n in live:
            e = systems[n]
            if kind not in e["kinds"]:
                cells.append("[dim]n/s[/dim]")
                continue
            s = e["per_kind"][kind]
            f1 = s["f1"]
            mark = ""
            if n == "ours" and f1 is not None:
                mark = " [green]✓[/green]" if f1 >= target_f1(kind) else " [red]✗[/red]"
            cells.append(f"{fmt_ratio(f1)} ({fmt_ratio(s['precision'], 2)}/{fmt_ratio(s['recall'], 2)}){mark}")
        t.add_row(kind, str(c["spans"][kind]), f"≥{target_f1(kind)}", *cells)
    for label, key in (("structured (pooled)", "structured"), ("all kinds (pooled)", "all_kinds")):
        t.add_row(
            label,
            "",
            "",
            *[
                f"{fmt_ratio(systems[n]['overall'][key]['f1'])} "
                f"({fmt_ratio(systems[n]['overall'][key]['precision'], 2)}/"
                f"{fmt_ratio(systems[n]['overall'][key]['recall'], 2)})"
                for n in live
            ],
        )
    console.print(t)

    t = Table(title="Leak rate: share of gold PI characters no predicted span covers (target ≤ 1 %)")
    t.add_column("kind")
    for n in live:
        t.add_column(n, justify="right")
    for kind in PI_KINDS:
        t.add_row(kind, *[fmt_pct(systems[n]["per_kind"][kind]["leak_rate"]) for n in live])
    for label, key in (("structured", "structured"), ("all kinds", "all_kinds")):
        t.add_row(f"[bold]{label}[/bold]", *[fmt_pct(systems[n]["overall"][key]["leak_rate"]) for n in live])
    console.print(t)

    kinds = sorted({k for n in live for k in systems[n]["lookalike_hits"]})
    t = Table(title="Look-alikes (not PI) touched by a predicted span - lower is better")
    t.add_column("look-alike")
    t.add_column("n", justify="right")
    for n in live:
        t.add_column(n, justify="right")
    for k in kinds:
        first = systems[live[0]]["lookalike_hits"].get(k, {"n": 0})
        t.add_row(
            k,
            str(first["n"]),
            *[str(systems[n]["lookalike_hits"].get(k, {}).get("hit", "-")) for n in live],
        )
    console.print(t)

    t = Table(title="Throughput (characters/s, median of timed runs after a warm-up pass; same process)")
    t.add_column("system")
    t.add_column("kinds")
    t.add_column("chars/s", justify="right")
    t.add_column("runs (s)")
    t.add_column("vs presidio", justify="right")
    presidio = (systems.get("presidio", {}).get("throughput") or {}).get("chars_per_s_median")
    for n in live:
        tp = systems[n]["throughput"]
        v = tp["chars_per_s_median"]
        ratio = f"{v / presidio:.1f}x" if v and presidio else "-"
        t.add_row(
            n,
            str(len(systems[n]["kinds"])),
            f"{v:,.0f}" if v else "-",
            " ".join(f"{x:.2f}" for x in tp["runs_s"]),
            ratio,
        )
    console.print(t)

    if report["checks"]:
        t = Table(title="Targets (ours)")
        t.add_column("check")
        t.add_column("value", justify="right")
        t.add_column("target", justify="right")
        t.add_column("")
        for ch in report["checks"]:
            v = ch["value"]
            shown = "-" if v is None else (f"{v:.1f}x" if "throughput" in ch["what"] else f"{v:.4f}")
            t.add_row(ch["what"], shown, ch["target"], "[green]pass[/green]" if ch["pass"] else "[red]FAIL[/red]")
        console.print(t)

    if "ours" in live:
        misses = [
            (kind, f, v)
            for kind, fmts in systems["ours"]["recall_by_fmt"].items()
            for f, v in fmts.items()
            if v["exact"] < v["n"]
        ]
        if misses:
            t = Table(title="ours: written variants with exact-span misses")
            t.add_column("kind")
            t.add_column("variant")
            t.add_column("exact / n", justify="right")
            for kind, f, v in sorted(misses, key=lambda m: (PI_KINDS.index(m[0]), m[2]["recall"])):
                t.add_row(kind, f or "-", f"{v['exact']}/{v['n']}")
            console.print(t)


def print_side_by_side(dev: dict[str, Any], heldout: dict[str, Any], seed: int) -> None:
    """Dev against held-out, per kind and system: F1, then the leak rate and the speed ratios."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(170, Console().width))
    live = [
        n for n in dev["systems"] if dev["systems"][n].get("per_kind") and heldout["systems"].get(n, {}).get("per_kind")
    ]
    t = Table(title=f"Exact-span F1, dev corpus | held-out corpus (seed {seed}; drawn fresh, never tuned against)")
    t.add_column("kind")
    t.add_column("target", justify="right")
    for n in live:
        t.add_column(n, justify="right")

    def f1_cell(report: dict[str, Any], name: str, kind: str) -> str:
        e = report["systems"][name]
        if kind not in e["kinds"]:
            return "n/s"
        return fmt_ratio(e["per_kind"][kind]["f1"])

    for kind in PI_KINDS:
        cells = []
        for n in live:
            d, h = f1_cell(dev, n, kind), f1_cell(heldout, n, kind)
            if d == "n/s":
                cells.append("[dim]n/s[/dim]")
                continue
            mark = ""
            hf = heldout["systems"][n]["per_kind"][kind]["f1"]
            if n == "ours" and hf is not None:
                mark = " [green]✓[/green]" if hf >= target_f1(kind) else " [red]✗[/red]"
            cells.append(f"{d} | {h}{mark}")
        t.add_row(kind, f"≥{target_f1(kind)}", *cells)
    for label, key in (("leak rate, structured", "structured"), ("leak rate, all kinds", "all_kinds")):
        t.add_row(
            label,
            "≤1%" if key == "all_kinds" else "",
            *[
                f"{fmt_pct(dev['systems'][n]['overall'][key]['leak_rate'])} | "
                f"{fmt_pct(heldout['systems'][n]['overall'][key]['leak_rate'])}"
                for n in live
            ],
        )

    def ratio(report: dict[str, Any], name: str) -> str:
        tp = (report["systems"].get(name, {}).get("throughput") or {}).get("chars_per_s_median")
        base = (report["systems"].get("presidio", {}).get("throughput") or {}).get("chars_per_s_median")
        return f"{tp / base:.1f}x" if tp and base else "-"

    t.add_row("speed vs presidio", "", *[f"{ratio(dev, n)} | {ratio(heldout, n)}" for n in live])
    console.print(t)
    failed = [c["what"] for c in heldout["checks"] if not c["pass"]]
    console.print(
        f"held-out targets: {len(heldout['checks']) - len(failed)}/{len(heldout['checks'])} pass"
        + (f"; failing: {', '.join(failed)}" if failed else "")
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark Chinese PI detectors on the dev and a held-out corpus.")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the dev corpus")
    ap.add_argument("--systems", default=",".join(ADAPTERS), help=f"comma-separated, from {', '.join(ADAPTERS)}")
    ap.add_argument("--runs", type=int, default=3, help="timed runs after the warm-up pass (median reported)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N sentences (smoke tests)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--errors", type=Path, default=DEFAULT_ERRORS, help="the dev corpus's error list")
    ap.add_argument("--errors-system", default="ours", help="whose errors to write to --errors")
    ap.add_argument("--heldout-seed", type=int, default=None, help="reproduce a held-out run (default: a fresh seed)")
    ap.add_argument("--heldout-n", type=int, default=None, help="held-out sentences (default: the generator's)")
    ap.add_argument("--no-heldout", action="store_true", help="the dev corpus only")
    ap.add_argument(
        "--heldout-errors", type=Path, default=None, help="write the held-out error list here (off by default)"
    )
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    rows = load_corpus(args.corpus)
    if args.limit:
        rows = rows[: args.limit]
    families = [s.strip() for s in args.systems.split(",") if s.strip()]
    results = load_systems(families)
    for res in results:
        if res.unavailable:
            log(f"{res.name}: not available: {res.unavailable}")
    log(f"dev corpus {args.corpus}: {len(rows)} sentences")
    run(results, rows, args.runs, log)
    dev = build_report(results, rows, str(args.corpus), hashlib.sha256(args.corpus.read_bytes()).hexdigest(), args.runs)
    out: dict[str, Any] = {"dev": dev}
    print("[dev corpus - the detector has been tuned against it]")
    print_report(dev)
    target = next((r for r in results if r.name == args.errors_system and r.evaluation is not None), None)
    if target is not None:
        errors = collect_errors(rows, target.preds)
        args.errors.parent.mkdir(parents=True, exist_ok=True)
        args.errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
        print(f"wrote {args.errors} ({len(errors)} dev errors of {args.errors_system})")

    if not args.no_heldout:
        gen = generator()
        seed = secrets.randbelow(2**31) if args.heldout_seed is None else args.heldout_seed
        n = args.heldout_n or (args.limit or gen.HELDOUT_N)
        ho_rows, sha = heldout_corpus(seed, n)
        log(f"held-out corpus: seed {seed}, {len(ho_rows)} sentences (reproduce with --heldout-seed {seed})")
        ho_results = [Result(r.system, r.name, unavailable=r.unavailable) for r in results]
        run(ho_results, ho_rows, args.runs, log)
        heldout = build_report(
            ho_results, ho_rows, f"generated: make_pi_corpus --heldout --seed {seed} -n {n}", sha, args.runs
        )
        heldout["seed"] = seed
        out["heldout"] = heldout
        print(f"\n[held-out corpus - seed {seed}, generated now from templates and vocabulary kept apart]")
        print_report(heldout)
        print()
        print_side_by_side(dev, heldout, seed)
        print(f"held-out seed {seed} (reproduce: bench/pi_detection.py --heldout-seed {seed})")
        ho_target = next((r for r in ho_results if r.name == args.errors_system and r.evaluation is not None), None)
        if args.heldout_errors is not None and ho_target is not None:
            errors = collect_errors(ho_rows, ho_target.preds)
            args.heldout_errors.parent.mkdir(parents=True, exist_ok=True)
            args.heldout_errors.write_text(
                "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8"
            )
            print(f"wrote {args.heldout_errors} ({len(errors)} held-out errors of {args.errors_system})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
