"""Command line: ``advisor index|ask|chat|web`` (same as ``python -m bot``)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

from bot.errors import BotError, InputError, NothingIndexed
from bot.settings import Settings, load_settings
from bot.types import Answer, Mode

MAX_BATCH_LINE = 200_000


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="TOML settings file (also ADVISOR_CONFIG)")
    p.add_argument("--index", help="index folder (default: <data dir>/index)")
    p.add_argument("--data-dir", help="data folder for uploads and the default index")
    p.add_argument("--backend", choices=["template", "transformers", "openai", "pocket"])
    p.add_argument("--model", help="model path / hub id (transformers) or model name (openai)")
    p.add_argument("-v", "--verbose", action="store_true")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="advisor", description="Prompt, RAG, LoRA/QLoRA, full fine-tune or from scratch?")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index", help="build an index from folders of documents")
    _common(p)
    p.add_argument("--docs", action="append", required=True, help="folder (or file) to index; repeatable")
    p.add_argument("--json", action="store_true", help="print one JSON report")
    p = sub.add_parser("ask", help="answer one question, or a JSONL batch")
    _common(p)
    p.add_argument("question", nargs="?")
    p.add_argument("--batch", help='JSONL file, one {"id": ..., "q": ...} per line ("-" for stdin)')
    p.add_argument("--no-rag", action="store_true", help="prompt-only: built-in rules, no retrieval")
    p.add_argument("--adapter", help="adapter folder to answer through")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("chat", help="interactive chat in the terminal")
    _common(p)
    p.add_argument("--no-rag", action="store_true")
    p.add_argument("--adapter")
    p = sub.add_parser("web", help="start the web app")
    _common(p)
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    return ap


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(args.config, index_dir=args.index, data_dir=args.data_dir, backend=args.backend,
                         model=args.model, host=getattr(args, "host", None), port=getattr(args, "port", None))


def answer_json(answer: Answer, question: str, qid=None) -> dict:
    return {
        "id": qid, "question": question, "language": answer.language, "answer": answer.text,
        "recommendation": answer.recommendation.label if answer.recommendation else None,
        "reasons": answer.reasons, "sources": [s.to_json() for s in answer.sources],
        "mode": answer.mode.to_json(), "timings_ms": answer.timings_ms, "backend": answer.backend,
        **({"warnings": list(answer.warnings)} if answer.warnings else {}),
    }


def read_batch(lines: Iterator[str]) -> Iterator[tuple[int, object, str | None, str | None]]:
    """Yield (line number, id, question, error) per non-blank line; a bad line yields an error, never raises."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(line) > MAX_BATCH_LINE:
            yield n, None, None, f"line {n}: longer than {MAX_BATCH_LINE} characters"
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            yield n, None, None, f"line {n}: not JSON ({exc})"
            continue
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            qid = item.get("id") if isinstance(item, dict) else None
            yield n, qid if isinstance(qid, str | int | float | None) else str(qid), None, \
                f'line {n}: expected an object with a string "q"'
            continue
        qid = item.get("id", n)
        yield n, qid if isinstance(qid, str | int | float | None) else str(qid), item["q"], None


def cmd_index(args, settings: Settings) -> int:
    from bot.pipeline import Pipeline
    from bot.progress import TqdmProgress

    index_dir = Path(args.index) if args.index else settings.index_path
    with TqdmProgress() as bar:
        report = Pipeline(settings).build([Path(d) for d in args.docs], index_dir, progress=bar)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(f"indexed {report.files_indexed} files, {report.chunks} passages into {report.index} "
              f"in {report.seconds:.1f}s")
        for s in report.skipped:
            print(f"  skipped {s.file}: {s.reason}")
    if report.files_indexed == 0:
        raise NothingIndexed("no file could be indexed")
    return 0


def cmd_ask(args, settings: Settings) -> int:
    from bot.pipeline import Pipeline

    pipe = Pipeline(settings)
    mode = Mode(rag=not args.no_rag, adapter=args.adapter)
    if args.batch:
        fh = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8", errors="replace")
        with fh:
            for _, qid, q, err in read_batch(fh):
                if err:
                    print(json.dumps({"id": qid, "error": err}, ensure_ascii=False), flush=True)
                    continue
                print(json.dumps(answer_json(pipe.ask(q, mode=mode), q, qid), ensure_ascii=False), flush=True)
        return 0
    if args.question is None:
        raise InputError('give a question, e.g. advisor ask "I have 3000 labeled examples...", or --batch FILE')
    answer = pipe.ask(args.question, mode=mode)
    if args.json:
        print(json.dumps(answer_json(answer, args.question), ensure_ascii=False))
    else:
        from bot.render import render_text

        print(render_text(answer))
    return 0


def cmd_chat(args, settings: Settings) -> int:
    from bot.pipeline import Pipeline
    from bot.render import render_text

    pipe = Pipeline(settings)
    mode = Mode(rag=not args.no_rag, adapter=args.adapter)
    history: list[tuple[str, str]] = []
    print("advisor chat: ask in Chinese or English; empty line or Ctrl-D to quit.", file=sys.stderr)
    while True:
        try:
            q = input("> ")
        except (EOFError, KeyboardInterrupt):
            break
        if not q.strip():
            break
        answer = pipe.ask(q, history, mode)
        print(render_text(answer))
        history.append((q, answer.text))
    return 0


def cmd_web(args, settings: Settings) -> int:
    from bot.web.app import launch

    launch(settings)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = settings_from(args)
        return {"index": cmd_index, "ask": cmd_ask, "chat": cmd_chat, "web": cmd_web}[args.command](args, settings)
    except BotError as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
