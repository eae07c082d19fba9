"""The plain baseline the issue names: BM25 (bm25s) over single sentences, words cut by jieba.

For every answerable gold item, rank the corpus's sentences by BM25 against the question alone
(no history, no translation) and record where the first sentence overlapping the evidence stands.
Prints top-1 / top-3 / top-5 per split and per crossing (same-language or cross-lingual), to set
beside the system's own "sentence acc." and "sentence cited" in the eval report.

Run: ``.venv/bin/python bench/baseline_bm25.py [--gold eval/gold.jsonl]``.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

from ciie_qa.chunking import split_sentences
from ciie_qa.config import Settings
from ciie_qa.corpus import load_corpus
from ciie_qa.evaluation import load_gold
from ciie_qa.index import Bm25
from ciie_qa.metrics import first_hit_rank
from ciie_qa.tokens import segmenter

RANKS = (1, 3, 5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("eval/gold.jsonl"))
    args = parser.parse_args(argv)
    articles = load_corpus(Settings().corpus_dir)
    sentences = [s for a in articles for s in split_sentences(a.text, a.doc_id)]
    regions = [(s.doc_id, s.start, s.end) for s in sentences]
    retriever = Bm25([_words(s.text) for s in sentences])
    found: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    for item in load_gold(args.gold):
        if not item.answerable:
            continue
        scores = retriever.scores(_words(item.question))
        order = np.argsort(-scores, kind="stable")[: max(RANKS)]
        rank = first_hit_rank([regions[row] for row in order], [e.region for e in item.evidence])
        crossing = "cross-lingual" if "cross-lingual" in item.tags else "same-language"
        found[(item.split, crossing)].append(rank)
    for (split, crossing), ranks in sorted(found.items()):
        shares = "  ".join(
            f"top-{k} {sum(r is not None and r <= k for r in ranks) / len(ranks):.3f}"
            for k in RANKS
        )
        print(f"{split:5} {crossing:14} n={len(ranks):3}  {shares}")
    return 0


def _words(text: str) -> list[str]:
    """jieba's words, lower-cased, without punctuation and spaces (as a plain setup would)."""
    return [w.lower() for w in segmenter().lcut(text) if re.search(r"\w", w)]


if __name__ == "__main__":
    raise SystemExit(main())
