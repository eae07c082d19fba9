"""Benchmark: what a warm answer costs next to embedding the question once, plus start-up costs.

Method: build the engine once over the bundled corpus (index reused if fresh), warm it with a few
questions, then for every question of the workload time, interleaved, ``embedder.embed([q])``
alone, the multilingual model's ``embed_query(q)`` alone, and ``engine.ask(q)`` in full (hybrid
and lexical), ``--repeats`` times each. Report medians and the ratio of
medians (the machine is shared and noisy: single timings mean little). Also: cold start (corpus +
index load + model load), a full index rebuild, and peak resident memory.

Run: ``.venv/bin/python bench/bench_latency.py`` (writes bench/results/latency.json and .md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ciie_qa.config import RetrievalMode, Settings
from ciie_qa.corpus import load_corpus
from ciie_qa.embedding import SentenceTransformerEmbedder, multilingual_embedder
from ciie_qa.engine import Engine, rebuild_index
from ciie_qa.evaluation import load_gold

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write its results."""
    args = _parse(argv)
    settings = Settings()
    questions = [item.question for item in load_gold(args.gold) if not item.history]
    results: dict[str, Any] = {"machine": _machine(), "questions": len(questions)}
    results["cold_start_s"] = _timed(lambda: Engine.from_settings(settings))[1]
    engine = Engine.from_settings(settings)
    results["index_build_s"] = _index_build_seconds(settings)
    for question in questions[:5]:
        engine.ask(question)  # warm caches: jieba, torch kernels
    results["per_question"] = _warm_costs(engine, questions, args.repeats)
    results["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _write(results, args.out)
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gold", type=Path, default=Path("eval/gold.jsonl"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    return parser.parse_args(argv)


def _machine() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def _timed(work: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = work()
    return value, time.perf_counter() - started


def _index_build_seconds(settings: Settings) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        scratch_settings = settings.model_copy(update={"index_dir": Path(scratch)})
        articles = load_corpus(settings.corpus_dir)
        embedder = SentenceTransformerEmbedder(settings.model, device=settings.device)
        embedder.warm_up()
        multilingual = multilingual_embedder(settings.multilingual_model)
        if multilingual is not None:
            multilingual.warm_up()
        return _timed(lambda: rebuild_index(scratch_settings, articles, embedder, multilingual))[1]


def _warm_costs(engine: Engine, questions: list[str], repeats: int) -> dict[str, Any]:
    embed_ms: list[float] = []
    multilingual_ms: list[float] = []
    hybrid_ms: list[float] = []
    lexical_ms: list[float] = []
    embedder, multilingual = engine.embedder, engine.multilingual
    for _ in range(repeats):
        for question in questions:
            embed_ms.append(_timed(lambda q=question: embedder.embed([q]))[1] * 1000)
            if multilingual is not None:
                multilingual_ms.append(
                    _timed(lambda q=question: multilingual.embed_query(q))[1] * 1000
                )
            hybrid_ms.append(_timed(lambda q=question: engine.ask(q))[1] * 1000)
            lexical_ms.append(
                _timed(lambda q=question: engine.ask(q, mode=RetrievalMode.LEXICAL))[1] * 1000
            )
    embed, hybrid = statistics.median(embed_ms), statistics.median(hybrid_ms)
    costs = {
        "samples": len(embed_ms),
        "embed_question_ms": {"median": embed, "p95": _p95(embed_ms)},
        "ask_hybrid_ms": {"median": hybrid, "p95": _p95(hybrid_ms)},
        "ask_lexical_ms": {"median": statistics.median(lexical_ms), "p95": _p95(lexical_ms)},
        "ratio_ask_to_embed_median": hybrid / embed,
    }
    if multilingual_ms:
        costs["embed_question_multilingual_ms"] = {
            "median": statistics.median(multilingual_ms),
            "p95": _p95(multilingual_ms),
        }
    return costs


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _write(results: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "latency.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    per = results["per_question"]
    lines = [
        "# Latency benchmark",
        "",
        f"Machine: {results['machine']}",
        f"Workload: {results['questions']} gold questions x repeats = {per['samples']} samples",
        "",
        "| measure | median ms | p95 ms |",
        "|---|---|---|",
        *(
            f"| {name} | {per[name]['median']:.1f} | {per[name]['p95']:.1f} |"
            for name in (
                "embed_question_ms",
                "embed_question_multilingual_ms",
                "ask_hybrid_ms",
                "ask_lexical_ms",
            )
            if name in per
        ),
        "",
        f"Warm answer / one MiniLM question embedding (ratio of medians): "
        f"{per['ratio_ask_to_embed_median']:.2f}",
        f"Cold start (corpus + index + model): {results['cold_start_s']:.2f} s",
        f"Index rebuild (bundled corpus): {results['index_build_s']:.2f} s",
        f"Peak RSS: {results['peak_rss_mib']:.0f} MiB",
        "",
    ]
    (out / "latency.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
