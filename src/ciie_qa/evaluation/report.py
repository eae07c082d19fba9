"""Reports people read: Markdown with tables and misses, a chart, and what changed."""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ciie_qa.errors import UserInputError
from ciie_qa.evaluation.scoring import HEADLINE, LOWER_IS_BETTER, EvalReport, ItemRecord, Scores


def _headline(report: Mapping[str, Any]) -> dict[tuple[str, str, str], float]:
    """(split, mode, metric) -> value for the "overall" group of a report dict."""
    values = {}
    for split, modes in report.get("scores", {}).items():
        for mode, groups in modes.items():
            overall = groups.get("overall", {})
            for key, _ in HEADLINE:
                if overall.get(key) is not None:
                    values[(split, mode, key)] = float(overall[key])
    return values


def compare_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Lines like ``EM test/hybrid: 0.71 -> 0.75 (+0.04) better`` for each changed figure.

    Both arguments are report dicts (``EvalReport.to_dict()`` or a loaded ``report.json``); only
    the "overall" group of each split and mode is compared. Latency is never compared: it is
    not deterministic.
    """
    before, after = _headline(old), _headline(new)
    labels = dict(HEADLINE)
    lines = []
    for split, mode, key in sorted(before.keys() & after.keys()):
        was, now = before[(split, mode, key)], after[(split, mode, key)]
        delta = round(now - was, 4)
        if abs(delta) < 0.005:
            continue  # below the precision shown
        better = (delta < 0) if key in LOWER_IS_BETTER else (delta > 0)
        verdict = "better" if better else "worse"
        lines.append(
            f"{labels[key]} {split}/{mode}: {was:.2f} -> {now:.2f} ({delta:+.2f}) {verdict}"
        )
    return lines


@dataclass(frozen=True)
class ReportPaths:
    """Where ``write_reports`` put its files, and the comparison with the previous report."""

    json: Path
    markdown: Path
    chart: Path
    changes: tuple[str, ...] = field(default_factory=tuple)


def write_reports(report: EvalReport, out_dir: Path, *, previous: Path | None) -> ReportPaths:
    """Write ``report.json``, ``report.md`` and ``report.png`` into ``out_dir``, each atomically.

    Args:
        report: from ``run_eval``.
        out_dir: created if missing.
        previous: an earlier ``report.json`` to compare against (read before anything is written,
            so it may be the file about to be replaced).

    Raises:
        UserInputError: ``previous`` cannot be read as a report.
    """
    current = report.to_dict()
    changes = tuple(compare_reports(_read_report(previous), current)) if previous else ()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(
        out_dir / "report.json", out_dir / "report.md", out_dir / "report.png", changes
    )
    data = json.dumps(current, ensure_ascii=False, indent=2, sort_keys=True)
    write_atomic(paths.json, (data + "\n").encode("utf-8"))
    write_atomic(paths.markdown, render_markdown(report, changes).encode("utf-8"))
    write_atomic(paths.chart, render_chart(report))
    return paths


def read_json_object(path: Path, what: str, shape: str) -> dict[str, Any]:
    """A JSON object from ``path``; ``UserInputError`` naming ``what`` when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UserInputError(f"cannot read {what} {path}: {err}; check the path") from err
    if not isinstance(data, dict):
        raise UserInputError(f"{what} {path} must be {shape}")
    return data


def _read_report(path: Path) -> Mapping[str, Any]:
    return read_json_object(path, "previous report", "a report object")


def write_atomic(path: Path, data: bytes) -> None:
    """Write aside then rename, so a crash never leaves a half-written report."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fmt(value: float | None) -> str:
    """A figure with three decimals, or "n/a" where it does not apply."""
    return "n/a" if value is None else f"{value:.3f}"


def _table(rows: Sequence[tuple[str, Scores]], first: str) -> list[str]:
    header = [first, "n", *(label for _, label in HEADLINE), "p50 ms", "p95 ms"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, s in rows:
        cells = [name, str(s.n), *(fmt(getattr(s, key)) for key, _ in HEADLINE)]
        cells += [f"{s.latency_p50_ms:.1f}", f"{s.latency_p95_ms:.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_markdown(report: EvalReport, changes: Sequence[str] = ()) -> str:
    """The human report: headline by mode, then language/type/tag tables and misses per split."""
    meta = report.metadata
    lines = ["# ciie-qa evaluation", ""]
    lines += [f"- {key}: `{value}`" for key, value in sorted(meta.items())]
    lines += ["", f"Reproduce with: `{meta.get('command', 'ciie-qa eval')}`", ""]
    if changes:
        lines += ["## Changes since the previous report", "", *(f"- {c}" for c in changes), ""]
    for split, modes in report.scores.items():
        lines += [f"## Split: {split}", "", "### Headline by retrieval mode", ""]
        lines += _table([(mode, groups["overall"]) for mode, groups in modes.items()], "mode")
        for mode, groups in modes.items():
            for title in ("language", "crossing", "type", "tag"):
                prefix = f"{title}:"
                rows = [
                    (k.removeprefix(prefix), s) for k, s in groups.items() if k.startswith(prefix)
                ]
                lines += ["", f"### {split}/{mode} by {title}", "", *_table(rows, title)]
        lines.append("")
    lines += _misses_section(report.records)
    return "\n".join(lines) + "\n"


def _misses_section(records: Sequence[ItemRecord]) -> list[str]:
    misses = [r for r in records if r.em < 1.0]
    lines = [
        "## Misses (EM < 1)",
        "",
        "| id | split/mode | question | gold | system | abstained | conf |",
    ]
    lines.append("|---|---|---|---|---|---|---|")
    for r in misses:
        question = " / ".join([*r.history, r.question])
        gold = " ; ".join(r.gold_answers) or "(unanswerable)"
        cells = [r.item_id, f"{r.split}/{r.mode}", question, gold, r.answer or "(none)"]
        cells += ["yes" if r.abstained else "no", f"{r.confidence:.2f}"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return [*lines, ""]


def render_chart(report: EvalReport) -> bytes:
    """PNG bars of EM and F1 by type and by language (test split if present, first mode)."""
    import matplotlib

    matplotlib.use("Agg")  # set here, not at import: no display is ever needed
    import matplotlib.pyplot as plt

    split = "test" if "test" in report.scores else next(iter(report.scores))
    mode, groups = next(iter(report.scores[split].items()))
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for ax, prefix in zip(axes, ("type:", "language:"), strict=True):
        names = [k for k in groups if k.startswith(prefix)]
        xs = range(len(names))
        ax.bar([x - 0.2 for x in xs], [groups[k].em for k in names], 0.4, label="EM")
        ax.bar([x + 0.2 for x in xs], [groups[k].f1 for k in names], 0.4, label="F1")
        ax.set_xticks(list(xs), [k.removeprefix(prefix) for k in names], rotation=30)
        ax.set_ylim(0, 1)
        ax.set_title(f"{split}/{mode} by {prefix.rstrip(':')}")
        ax.legend()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
