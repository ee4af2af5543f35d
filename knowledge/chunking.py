"""Language-aware chunking: markdown sections first, then sentence-level splits with per-language separators."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from knowledge.lang import Lang, detect_language
from knowledge.parsers.html import html_tables_to_markdown
from knowledge.tables import cells_in, parse_tables
from knowledge.text_tables import drawn_headers
from knowledge.types import Chunk

# Chinese ends sentences with 。！？； (full width, or half width once normalized); English with ". " etc.
ZH_SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "!", "?", ";", "，", ",", " ", ""]
EN_SEPARATORS = ["\n\n", "\n", ". ", "! ", "? ", "; ", ": ", ", ", " ", ""]
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_SUMMARY = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary[^>]*>(.*?)</summary>\s*$", re.IGNORECASE)
_DETAILS_END = re.compile(r"^\s*</details>\s*$", re.IGNORECASE)
_DETAILS_START = re.compile(r"^\s*<details[^>]*>\s*$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _splitter(lang: Lang, size: int, overlap: int):
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        separators=ZH_SEPARATORS if lang == "zh" else EN_SEPARATORS,
        keep_separator="end",
        chunk_size=size,
        chunk_overlap=min(overlap, size // 3),
        strip_whitespace=True,
    )


_OPTION_HEADING = re.compile(r"^`?-{1,2}[a-z]|^`[\w.-]+`")  # "`--request-count <int>`", "`max_tokens`"


def split_sections(text: str) -> list[tuple[str, str]]:
    """Split markdown into (heading path, body) sections; text without headings is one section."""
    sections: list[tuple[str, str]] = []
    path: list[str] = []
    levels: list[int] = []  # the heading level of each entry of ``path``
    body: list[str] = []

    def flush() -> None:
        content = "\n".join(body).strip()
        if content:
            sections.append((" › ".join(path), content))
        body.clear()

    heading = ""  # the last markdown heading
    fence = ""  # the open code fence ("```" or "~~~"); a "# comment" inside one is code, not a heading
    for line in text.splitlines():
        opened = _FENCE.match(line)
        if opened and (not fence or opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence)):
            fence = "" if fence else opened.group(1)
        m = None if fence or opened else _HEADING.match(line)
        summary = None if fence or opened else _SUMMARY.match(line)
        if m:
            alias = bool(levels) and levels[-1] == len(m.group(1)) and not any(ln.strip() for ln in body) \
                and all(_OPTION_HEADING.match(h) for h in (path[-1], m.group(2).strip()))
            flush()
            # "##### `--request-count`" right over "##### `--num-requests`": two names of one section
            heading = f"{path[-1]} / {m.group(2).strip()}" if alias else m.group(2).strip()
            keep = sum(1 for lv in levels if lv < len(m.group(1)))  # a "##" after a "##" is a sibling, not a child
            path[:], levels[:] = path[:keep] + [heading], levels[:keep] + [len(m.group(1))]
        elif summary and summary.group(1).strip():
            # a collapsible block's <summary> names what it holds: "NVIDIA H100 › Llama 3.1 70B" becomes the
            # section "NVIDIA H100 · Llama 3.1 70B", so the passage title keeps both
            flush()
            label = re.sub(r"<[^>]+>|\*\*", "", summary.group(1)).strip()
            if heading:
                path[-1] = f"{heading} · {label}"
            else:
                path[:], levels[:] = [label], [7]
        elif not fence and _DETAILS_END.match(line):
            if path and path[-1] != heading:
                flush()
                if heading:
                    path[-1] = heading
                else:
                    path[:], levels[:] = [], []
        elif not fence and _DETAILS_START.match(line):
            continue
        else:
            body.append(line)
    flush()
    return sections


def split_text(text: str, size_en: int, size_zh: int, overlap: int) -> list[tuple[str, Lang]]:
    """Split one section into passages no longer than its language's size limit."""
    lang = detect_language(text)
    size = size_zh if lang == "zh" else size_en
    pieces = _splitter(lang, size, overlap).split_text(text)
    return [(p, lang) for p in pieces if p.strip()]


def chunk_documents(
    docs: Iterable, chunk_size: int, chunk_overlap: int, chunk_size_zh: int | None = None, start_id: int = 0
) -> list[Chunk]:
    """Turn LangChain ``Document`` objects into numbered chunks that keep source, title and position."""
    size_zh = chunk_size_zh or max(50, int(chunk_size * 0.6))
    chunks: list[Chunk] = []
    positions: dict[str, int] = {}
    for doc in docs:
        meta = dict(doc.metadata)
        source = str(meta.get("source", "unknown"))
        doc_title = str(meta.get("title") or source)
        is_markdown = str(meta.get("ext", "")).lower() in (".md", ".markdown")
        content = compact_tables(html_tables_to_markdown(doc.page_content)) if is_markdown else doc.page_content
        sections = split_sections(content) if is_markdown else [("", content)]
        cells = parse_tables(content)
        for heading, body in sections:
            title = _section_title(doc_title, heading)
            for text, lang in with_table_headers(split_text(body, chunk_size, size_zh, chunk_overlap), body):
                pos = positions.get(source, 0)
                positions[source] = pos + 1
                extra = {k: v for k, v in meta.items() if k in ("source_id", "source_title", "source_file", "page")}
                if heading:
                    extra["section"] = heading
                lead = command_head(text, body)
                if lead:
                    extra["lead"] = lead  # the command this passage's first lines continue: "swift rlhf --rlhf_type dpo"
                found = cells_in(text, cells) if cells else []
                if found:
                    extra["cells"] = found  # table cells of this passage: [row, column, value]
                chunks.append(
                    Chunk(id=start_id + len(chunks), text=text, source=source, title=title, position=pos,
                          lang=lang, meta=extra)
                )
    return chunks


_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")


def compact_tables(text: str) -> str:
    """Markdown table rows without their alignment padding ("| a      | b   |" -> "| a | b |"), so a wide table's
    rows fit in a passage whole instead of being cut mid-row."""
    return "\n".join(re.sub(r"-{4,}", "---", re.sub(r" {2,}", " ", line)) if _TABLE_LINE.match(line) else line
                     for line in text.split("\n"))


_TABLE_RULE = re.compile(r"^\s*(?:>\s*)*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def with_table_headers(pieces: list[tuple[str, Lang]], body: str) -> list[tuple[str, Lang]]:
    """A passage that continues a table split across passages gets the table's header row again, so its rows
    keep their column names for the reader and the retrievers."""
    lines = body.splitlines()
    headers = [(i, lines[i], lines[i + 1]) for i in range(len(lines) - 1)
               if "|" in lines[i] and _TABLE_RULE.match(lines[i + 1])]
    drawn = drawn_headers(lines) if re.search(r"[┡╇╞╪]|^\s*\+[-=]{3,}", body, re.M) else []
    if not headers and not drawn:
        return pieces
    out = []
    for text, lang in pieces:
        if drawn:  # "┃ Conc. ┃ RPS ┃" drawn above rows this passage holds without it
            text = _with_drawn_header(text, lines, drawn)
        first_row = next((ln for ln in text.splitlines() if ln.lstrip(" >").startswith("|") and not _TABLE_RULE.match(ln)), None)
        if first_row is not None:
            at = next((i for i, ln in enumerate(lines) if ln == first_row), None)
            owner = [h for h in headers if at is not None and h[0] < at]
            if owner and owner[-1][1] not in text:
                text = f"{owner[-1][1]}\n{owner[-1][2]}\n{text}"
        out.append((text, lang))
    return out


def command_head(text: str, body: str) -> str:
    """The first line of the shell command a passage starts in the middle of ("swift rlhf --rlhf_type dpo \\"
    above "--learning_rate 4e-4 \\"), or "" when its first line starts no continued command."""
    first = text.lstrip("\n").split("\n", 1)[0]
    at = body.find(first) if first.strip() else -1
    if at <= 0:
        return ""
    above = body[:at].rstrip(" \t").split("\n")[:-1]  # the lines before the passage's first line
    if not above or not CONTINUED.search(above[-1]):
        return ""
    start = len(above) - 1
    while start > 0 and CONTINUED.search(above[start - 1]):
        start -= 1
    # "MASTER_PORT=$PORT \\" / "NPROC_PER_NODE=4 \\" only set the environment: the program line is the head
    program = next((line for line in above[start:] if not _ENV_LINE.match(line)), "")
    head = _ENV_PREFIX.sub("", CONTINUED.sub("", program).strip())
    return f"{head} \\" if head and len(head) <= 200 else ""


CONTINUED = re.compile(r"\s*\\(?:\s+#.*)?\s*$")  # "... \\" or "... \\ # a comment": the command goes on
_ENV_PREFIX = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+")  # "CUDA_VISIBLE_DEVICES=0 python x.py"
_ENV_LINE = re.compile(r"^\s*[A-Za-z_][A-Za-z0-9_]*=\S*\s*\\\s*$")


def _with_drawn_header(text: str, lines: list[str], drawn: list[tuple[int, int, str]]) -> str:
    row = next((ln for ln in text.splitlines() if re.match(r"^\s*[│┃║|]", ln) and not ln.lstrip().startswith("+")), None)
    at = next((i for i, ln in enumerate(lines) if ln == row), None) if row is not None else None
    owner = next((head for start, end, head in drawn if at is not None and start <= at < end), None)
    return f"{owner}\n{text}" if owner and owner not in text else text


def _section_title(doc_title: str, heading: str) -> str:
    """Bilingual note titles are "中文 | English"; a section keeps the half in its own language."""
    if not heading:
        return doc_title
    last = heading.split(" › ")[-1]
    if "|" in doc_title:
        zh, en = (part.strip() for part in doc_title.split("|", 1))
        base = zh if detect_language(last) == "zh" else en
    else:
        base = doc_title
    return base if last == base else f"{base} › {last}"


def embedding_text(chunk: Chunk) -> str:
    """What the embedder and BM25 see: the section title gives a short passage its subject, and the command a
    passage continues (``lead``) what its options belong to."""
    lead = chunk.meta.get("lead", "")
    return f"{chunk.title}\n{lead}\n{chunk.text}" if lead else f"{chunk.title}\n{chunk.text}"


def sizes_ok(chunks: Sequence[Chunk], chunk_size: int, chunk_size_zh: int | None = None) -> bool:
    size_zh = chunk_size_zh or max(50, int(chunk_size * 0.6))
    return all(len(c.text) <= (size_zh if c.lang == "zh" else chunk_size) for c in chunks)
