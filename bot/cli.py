"""Command line: ``advisor index|library|ask|chat|web`` (same as ``python -m bot``)."""

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
    p.add_argument("--store", choices=["faiss", "milvus"], help="index store (also ADVISOR_STORE)")
    p.add_argument("--milvus-uri", help="Milvus Lite file (*.db) or server URL (also ADVISOR_MILVUS_URI)")
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
    p.add_argument("--set", action="append", default=[], metavar="SLOT=VALUE", dest="overrides",
                   help="correct what was read from the question, e.g. --set examples=40 --set gpu_memory_gb=24")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("chat", help="interactive chat in the terminal")
    _common(p)
    p.add_argument("--no-rag", action="store_true")
    p.add_argument("--adapter")
    p = sub.add_parser("library", help="the document library the app answers from")
    actions = p.add_subparsers(dest="action", required=True)
    for name, help_ in (("add", "add files or folders (recursively); a changed file is updated"),
                        ("list", "list the documents with their status"),
                        ("remove", "remove documents by name (a folder name removes everything under it)"),
                        ("reindex", "read every document again and rebuild the index (embeds only new passages)"),
                        ("reset", "remove every document and add the built-in notes again")):
        a = actions.add_parser(name, help=help_)
        _common(a)
        if name == "add":
            a.add_argument("paths", nargs="+", metavar="PATH")
        elif name == "remove":
            a.add_argument("names", nargs="+", metavar="NAME")
        a.add_argument("--json", action="store_true", help="print one JSON object")
    p = sub.add_parser("web", help="start the web app")
    _common(p)
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--docs-root", action="append", dest="docs_roots", metavar="FOLDER",
                   help="a server folder the Library tab may read (repeatable; also ADVISOR_DOCS_ROOTS)")
    p.add_argument("--allow-no-auth", action="store_true", default=None,
                   help="serve beyond loopback without a login (ADVISOR_AUTH); only on a trusted network")
    return ap


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(args.config, index_dir=args.index, data_dir=args.data_dir, backend=args.backend,
                         model=args.model, host=getattr(args, "host", None), port=getattr(args, "port", None),
                         store=args.store, milvus_uri=args.milvus_uri,
                         docs_roots=getattr(args, "docs_roots", None), allow_no_auth=getattr(args, "allow_no_auth", None))


def answer_json(answer: Answer, question: str, qid=None) -> dict:
    return {
        "id": qid, "question": question, "language": answer.language, "answer": answer.text,
        "recommendation": answer.recommendation.label if answer.recommendation else None,
        "reasons": answer.reasons, "sources": [s.to_json() for s in answer.sources],
        "mode": answer.mode.to_json(), "timings_ms": answer.timings_ms,
        "intent": answer.understanding.intent if answer.understanding else None,
        "situation": answer.understanding.situation_json() if answer.understanding else {},
        "backend": answer.backend,
        **({"warnings": list(answer.warnings)} if answer.warnings else {}),
    }


def conversation(item: dict) -> tuple[str | None, list[tuple[str, str]]]:
    """The question and earlier turns of a batch line: ``"q"`` (or ``"question"``) with an optional ``"history": [[user, assistant],
    ...]``, or OpenAI-style ``"messages"`` whose last user message is the question when ``"q"`` is absent."""
    history: list[tuple[str, str]] = []
    q = item.get("q", item.get("question"))  # "question" is read as "q" too
    if isinstance(item.get("history"), list):
        for pair in item["history"]:
            if isinstance(pair, list | tuple) and pair and isinstance(pair[0], str):
                history.append((pair[0], str(pair[1]) if len(pair) > 1 and pair[1] is not None else ""))
    elif isinstance(item.get("messages"), list):
        msgs = [m for m in item["messages"] if isinstance(m, dict) and isinstance(m.get("content"), str)]
        if q is None and msgs and msgs[-1].get("role") == "user":
            q, msgs = msgs[-1]["content"], msgs[:-1]
        for m in msgs:
            if m.get("role") == "user":
                history.append((m["content"], ""))
            elif m.get("role") == "assistant" and history:
                history[-1] = (history[-1][0], m["content"])
    return (q if isinstance(q, str) else None), history


def read_batch(lines: Iterator[str]) -> Iterator[tuple[int, object, str | None, str | None]]:
    """Yield (line number, id, question, error) per non-blank line; a bad line yields an error, never raises.
    (``read_batch_items`` also yields each line's conversation history.)"""
    for n, qid, q, err, _ in read_batch_items(lines):
        yield n, qid, q, err


def read_batch_items(lines: Iterator[str]):
    """Like ``read_batch``, plus each line's earlier turns (see ``conversation``)."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(line) > MAX_BATCH_LINE:
            yield n, None, None, f"line {n}: longer than {MAX_BATCH_LINE} characters", []
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            yield n, None, None, f"line {n}: not JSON ({exc})", []
            continue
        q, history = conversation(item) if isinstance(item, dict) else (None, [])
        if q is None:
            qid = item.get("id") if isinstance(item, dict) else None
            yield n, qid if isinstance(qid, str | int | float | None) else str(qid), None, \
                f'line {n}: expected an object with a string "q" or "question" (or "messages" ending with a user message)', []
            continue
        qid = item.get("id", n)
        yield n, qid if isinstance(qid, str | int | float | None) else str(qid), q, None, history


def cmd_index(args, settings: Settings) -> int:
    from bot.pipeline import Pipeline
    from bot.progress import TqdmProgress

    index_dir = Path(args.index) if args.index else settings.index_path
    with TqdmProgress() as bar:  # --index OUT: a FAISS folder of its own, whatever the store setting
        report = Pipeline(settings).build([Path(d) for d in args.docs], index_dir, progress=bar,
                                          store="faiss" if args.index else None)
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


def cmd_library(args, settings: Settings) -> int:
    from bot.pipeline import Pipeline
    from bot.progress import TqdmProgress

    pipe = Pipeline(settings)
    if args.action == "list":
        status = pipe.library_status()
        if args.json:
            print(json.dumps(status, ensure_ascii=False))
            return 0
        for d in status["documents"]:
            reason = f" ({d['reason']})" if d["reason"] else ""
            print(f"{d['status']:8} {d['passages']:5} passages  {d['name']}{reason}")
        state = "up to date" if status["up_to_date"] else "not built from this library: run `advisor library reindex`"
        print(f"{status['files']} documents ({status['indexed']} indexed), {status['chunks']} passages in "
              f"{status['library']}; index {status['index']} {state}")
        return 0
    library = pipe.library()
    with TqdmProgress() as bar:
        if args.action == "add":
            report = library.add([Path(p) for p in args.paths], bar)
        elif args.action == "remove":
            report = library.remove(args.names, bar)
        else:
            report = getattr(library, args.action)(bar)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        changes = ", ".join(f"{len(v)} {k}" for k, v in (("added", report.added), ("updated", report.updated),
                                                          ("removed", report.removed), ("skipped", report.skipped)))
        print(f"{args.action}: {changes}; library: {report.files} documents, {report.chunks} passages "
              f"({report.embedded} embedded) in {report.seconds:.1f}s")
        for s in report.skipped:
            print(f"  skipped {s.file}: {s.reason}")
    if args.action == "add" and not (report.added or report.updated) and \
            any(not s.reason.startswith("already in the library") for s in report.skipped):
        raise NothingIndexed("no file could be added")
    return 0


def cmd_ask(args, settings: Settings) -> int:
    from bot.pipeline import Pipeline
    from bot.understand.edit import parse_assignment

    overrides = dict(parse_assignment(a) for a in args.overrides)
    pipe = Pipeline(settings)
    mode = Mode(rag=not args.no_rag, adapter=args.adapter)
    if args.batch:
        fh = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8", errors="replace")
        with fh:
            for _, qid, q, err, history in read_batch_items(fh):
                if err:
                    print(json.dumps({"id": qid, "error": err}, ensure_ascii=False), flush=True)
                    continue
                answer = pipe.ask(q, history, mode=mode, overrides=overrides or None)
                print(json.dumps(answer_json(answer, q, qid), ensure_ascii=False), flush=True)
        return 0
    if args.question is None:
        raise InputError('give a question, e.g. advisor ask "I have 3000 labeled examples...", or --batch FILE')
    answer = pipe.ask(args.question, mode=mode, overrides=overrides or None)
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
    state = None  # the conversation as understood so far
    print("advisor chat: ask in Chinese or English; empty line or Ctrl-D to quit.", file=sys.stderr)
    while True:
        try:
            q = input("> ")
        except (EOFError, KeyboardInterrupt):
            break
        if not q.strip():
            break
        answer = pipe.ask(q, history, mode, state=state)
        print(render_text(answer))
        history.append((q, answer.text))
        state = answer.understanding
    return 0


def cmd_web(args, settings: Settings) -> int:
    from bot.web.app import launch

    launch(settings)
    return 0


OWN_LOGGERS = ("bot", "knowledge", "adapters", "scripts", "__main__")


class _OwnWarningsOnly(logging.Filter):
    """Without -v: this program's warnings, and only errors from libraries (their deprecation notes, kernel hints
    and the like are for developers, not for someone asking a question)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or record.name.split(".")[0] in OWN_LOGGERS


def configure_logging(verbose: bool) -> None:
    """Log to stderr: everything from INFO with ``-v``; otherwise this program's warnings and any error."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    if not verbose:
        handler.addFilter(_OwnWarningsOnly())
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler], force=True)
    logging.captureWarnings(True)  # Python warnings from libraries go through the same filter


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    configure_logging(args.verbose)
    try:
        settings = settings_from(args)
        commands = {"index": cmd_index, "library": cmd_library, "ask": cmd_ask, "chat": cmd_chat, "web": cmd_web}
        return commands[args.command](args, settings)
    except BotError as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
