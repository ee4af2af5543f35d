"""Answers, build reports and index facts as Markdown/HTML for the web app. Pure functions, no gradio.

Every piece of text that comes from a document or a question is HTML-escaped here; the chat messages
keep the answer's own Markdown and append one HTML block (no blank lines inside, so Markdown renderers
keep it whole) that the chat handler can strip again before passing history to the pipeline.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from bot.messages import label_name as advisor_label_name
from bot.types import LABELS, Answer, Lang, Mode
from knowledge.types import Skipped

EXTRAS_MARKER = '<div class="advisor-extras">'
PASSAGE_CHARS = 600  # passages are cut in the sources list; the full text is in the index
COLUMN_PASSAGE_CHARS = 280  # shorter in the narrow Compare columns

MODE_TITLES: dict[str, str] = {
    "prompt": "仅提示 / Prompt only",
    "rag": "RAG 检索 / Retrieval",
    "adapter": "适配器 / Adapter",
    "rag+adapter": "RAG + 适配器 / RAG + adapter",
}
_WORDS: dict[str, dict[str, str]] = {
    "recommend": {"zh": "推荐", "en": "Recommendation"},
    "reasons": {"zh": "理由", "en": "Why"},
    "sources": {"zh": "来源", "en": "Sources"},
    "no_sources": {"zh": "未检索到相关资料", "en": "no passage retrieved"},
    "score": {"zh": "得分", "en": "score"},
    "latency": {"zh": "耗时", "en": "latency"},
}
_SPACE = re.compile(r"\s+")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def one_line(text: str, limit: int | None = None) -> str:
    """Whitespace collapsed to single spaces (no blank line may break an HTML block), optionally cut."""
    flat = _SPACE.sub(" ", text).strip()
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def word(key: str, lang: Lang) -> str:
    return _WORDS[key]["zh" if lang == "zh" else "en"]


def label_name(label: str, lang: Lang) -> str:
    """The label's name from the advisor's message table, so the badge and the answer text agree."""
    return advisor_label_name(lang, label) if label in LABELS else label


def display_source(source: str, labels: Mapping[str, str] | None = None) -> str:
    """A source path as users know it: uploaded files by their original name."""
    name = PurePosixPath(source.replace("\\", "/")).name
    if labels and name in labels:
        return labels[name]
    return source


def badge(answer: Answer) -> str:
    rec = answer.recommendation
    if rec is None:
        return ""
    return (f'<span class="advisor-badge advisor-badge-{esc(rec.label)}" data-label="{esc(rec.label)}">'
            f"{esc(word('recommend', answer.language))}: {esc(label_name(rec.label, answer.language))}</span>")


def reasons_html(answer: Answer) -> str:
    """The recommendation's reasons, leaving out those the answer text already states word for word."""
    rec = answer.recommendation
    shown = [r for r in rec.reasons if one_line(r.text) not in one_line(answer.text)] if rec else []
    if not shown:
        return ""
    items = "".join(
        f"<li>{esc(one_line(r.text))}" + (f' <code>{esc(r.fact)}</code>' if r.fact else "") + "</li>"
        for r in shown
    )
    return (f'<div class="advisor-reasons"><b>{esc(word("reasons", answer.language))}</b>'
            f"<ul>{items}</ul></div>")


def sources_html(answer: Answer, labels: Mapping[str, str] | None = None, open_: bool = False,
                 passage_chars: int = PASSAGE_CHARS) -> str:
    """The sources as a collapsible list: title, file, score and the passage."""
    lang = answer.language
    if not answer.sources:
        return ""
    items = "".join(
        f'<li class="advisor-source"><b>{esc(one_line(s.title))}</b> · '
        f"<code>{esc(display_source(s.source, labels))}</code> · {esc(word('score', lang))} {s.score:.4f}"
        f"<blockquote>{esc(one_line(s.text, passage_chars))}</blockquote></li>"
        for s in answer.sources
    )
    return (f'<details class="advisor-sources"{" open" if open_ else ""}>'
            f"<summary>{esc(word('sources', lang))} ({len(answer.sources)})</summary><ol>{items}</ol></details>")


def warnings_html(warnings: Iterable[str]) -> str:
    items = "".join(f"<li>{esc(one_line(w))}</li>" for w in warnings)
    return f'<ul class="advisor-warnings">{items}</ul>' if items else ""


def render_extras(answer: Answer, labels: Mapping[str, str] | None = None) -> str:
    """Badge, reasons, sources and warnings of one answer as a single HTML block."""
    parts = [badge(answer), reasons_html(answer), sources_html(answer, labels), warnings_html(answer.warnings)]
    body = "".join(p for p in parts if p)
    return f"{EXTRAS_MARKER}{body}</div>" if body else ""


def render_answer(answer: Answer, labels: Mapping[str, str] | None = None) -> str:
    """A chat message: the answer's Markdown, then its extras block."""
    extras = render_extras(answer, labels)
    return f"{answer.text.rstrip()}\n\n{extras}" if extras else answer.text


def strip_extras(content: str) -> str:
    """The answer text of a rendered chat message (what the pipeline sees as history)."""
    cut = content.find(EXTRAS_MARKER)
    return (content[:cut] if cut >= 0 else content).rstrip()


def mode_title(mode: Mode) -> str:
    return MODE_TITLES.get(mode.name, mode.name)


def render_column(answer: Answer, labels: Mapping[str, str] | None = None) -> str:
    """One Compare column: latency line and badge, the answer, then sources (open) and warnings."""
    lang = answer.language
    total = answer.timings_ms.get("total")
    latency = f"{total:.0f} ms" if isinstance(total, int | float) else "—"
    head = (f'<div class="advisor-latency" data-mode="{esc(answer.mode.name)}">'
            f"{esc(word('latency', lang))}: <b>{esc(latency)}</b> · {esc(answer.backend)}</div>")
    sources = sources_html(answer, labels, True, COLUMN_PASSAGE_CHARS) if answer.sources else (
        f'<p class="advisor-nosources"><i>{esc(word("no_sources", lang))}</i></p>' if answer.mode.rag else "")
    tail = "".join(p for p in (sources, warnings_html(answer.warnings)) if p)
    return f"{head}{badge(answer)}\n\n{hard_breaks(answer.text.rstrip())}\n\n{EXTRAS_MARKER}{tail}</div>"


def hard_breaks(markdown: str) -> str:
    """Keep the advisor's line structure in a Markdown block (one newline is a line break, as in the chat)."""
    return "\n".join(line + "  " if line.strip() else line for line in markdown.split("\n"))


def render_note(text: str, kind: str = "info") -> str:
    """A one-line status message (kind: info, ok, error)."""
    icon = {"ok": "✓", "error": "⚠"}.get(kind, "•")
    return f'<div class="advisor-status advisor-status-{esc(kind)}">{icon} {esc(one_line(text))}</div>'


def render_report(report: Mapping, uploaded: Iterable[str] = (), refused: Iterable[Skipped] = (),
                  labels: Mapping[str, str] | None = None) -> str:
    """A build report as an HTML table: uploaded files indexed or skipped, and every skipped file's reason.

    ``report`` is ``BuildReport.to_json()``; ``uploaded`` are the generated names of stored uploads;
    ``refused`` the uploads refused before the build.
    """
    skipped = [Skipped(str(s["file"]), str(s["reason"])) for s in report.get("skipped", [])]
    skipped_names = {PurePosixPath(s.file).name for s in skipped}
    rows = [(display_source(name, labels), True, "") for name in uploaded if name not in skipped_names]
    rows += [(s.file, False, s.reason) for s in refused]
    rows += [(display_source(s.file, labels), False, s.reason) for s in skipped]
    summary = (f"<p><b>{report.get('files_indexed', 0)}</b> 个文件已索引 / files indexed · "
               f"<b>{report.get('chunks', 0)}</b> 段 / passages · "
               f"<b>{len(rows) - sum(ok for _, ok, _ in rows)}</b> 个跳过 / skipped · "
               f"{float(report.get('seconds', 0.0)):.1f} s</p>")
    body = "".join(
        f'<tr class="{"advisor-ok" if ok else "advisor-skipped"}"><td>{esc(name)}</td>'
        f'<td>{"✓ 已索引 / indexed" if ok else "✗ 跳过 / skipped"}</td><td>{esc(reason)}</td></tr>'
        for name, ok, reason in rows
    )
    table = ("<table class=\"advisor-report\"><thead><tr><th>文件 / File</th><th>状态 / Status</th>"
             f"<th>原因 / Reason</th></tr></thead><tbody>{body}</tbody></table>") if rows else ""
    return f'<div class="advisor-report-wrap">{summary}{table}</div>'


def render_refused(refused: Iterable[Skipped]) -> str:
    """Uploads refused before any build (nothing was rebuilt)."""
    return render_report({"files_indexed": 0, "chunks": 0, "skipped": []}, refused=refused)


def render_index_info(info: Mapping) -> str:
    """The serving index in one line."""
    names = [PurePosixPath(str(r).replace("\\", "/")).name for r in info.get("roots", [])]
    roots = ", ".join("上传 / uploads" if n.startswith("batch-") else "文档库 / library" if n == "library" else n
                      for n in names) or "—"
    return (f"**当前索引 / Current index:** {info.get('chunks', 0)} 段 / passages from "
            f"{info.get('files') or 0} 个文件 / files ({esc(roots)}), built {esc(info.get('built_at') or '—')}")


_STATUS = {"indexed": "✓ 已索引 / indexed", "skipped": "✗ 跳过 / skipped"}


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


def render_library(status: Mapping) -> str:
    """The library's documents as a table: name, type, size, status (with the reason), passages, added."""
    docs = list(status.get("documents", []))
    head = (f"<p><b>{len(docs)}</b> 个文档 / documents · <b>{status.get('indexed', 0)}</b> 已索引 / indexed · "
            f"<b>{status.get('chunks', 0)}</b> 段 / passages")
    if docs and not status.get("up_to_date", True):
        head += " · ⚠ 索引不是由当前文档库构建 / the serving index was not built from this library version: reindex"
    head += "</p>"
    if not docs:
        return f'<div class="advisor-library">{head}<p>文档库为空 / The library is empty.</p></div>'
    rows = "".join(
        f'<tr class="{"advisor-ok" if d.get("status") == "indexed" else "advisor-skipped"}" data-name="{esc(d["name"])}">'
        f"<td>{esc(d['name'])}</td><td>{esc(d.get('type', ''))}</td><td>{esc(_size(int(d.get('size', 0))))}</td>"
        f"<td>{esc(_STATUS.get(d.get('status'), d.get('status')))}</td><td>{esc(d.get('reason') or '')}</td>"
        f"<td>{int(d.get('passages', 0))}</td><td>{esc(str(d.get('added_at', ''))[:16].replace('T', ' '))}</td></tr>"
        for d in docs
    )
    table = ('<table class="advisor-report advisor-library-table"><thead><tr><th>文档 / Document</th>'
             "<th>类型 / Type</th><th>大小 / Size</th><th>状态 / Status</th><th>原因 / Reason</th>"
             f"<th>段 / Passages</th><th>添加时间 / Added</th></tr></thead><tbody>{rows}</tbody></table>")
    return f'<div class="advisor-library">{head}{table}</div>'


def render_change(report: Mapping, refused: Iterable[Skipped] = ()) -> str:
    """What one library change did: added, updated, removed and skipped documents, with the reasons."""
    skipped = [Skipped(str(s["file"]), str(s["reason"])) for s in report.get("skipped", [])]
    bad = {s.file for s in skipped}
    rows = [(n, "✓ 已添加 / added", "") for n in report.get("added", []) if n not in bad]
    rows += [(n, "✓ 已更新 / updated", "") for n in report.get("updated", []) if n not in bad]
    rows += [(n, "− 已删除 / removed", "") for n in report.get("removed", [])]
    rows += [(s.file, "✗ 跳过 / skipped", s.reason) for s in [*refused, *skipped]]
    summary = (f"<p><b>{report.get('files', 0)}</b> 个文档 / documents · <b>{report.get('chunks', 0)}</b> 段 / "
               f"passages · <b>{report.get('embedded', 0)}</b> 段新嵌入 / newly embedded · "
               f"{float(report.get('seconds', 0.0)):.1f} s</p>")
    notes = "".join(f"<li>{esc(one_line(n))}</li>" for n in report.get("notes", []))
    body = "".join(
        f'<tr class="{"advisor-skipped" if mark.startswith("✗") else "advisor-ok"}"><td>{esc(name)}</td>'
        f"<td>{esc(mark)}</td><td>{esc(reason)}</td></tr>"
        for name, mark, reason in rows
    )
    table = ("<table class=\"advisor-report\"><thead><tr><th>文件 / File</th><th>结果 / Result</th>"
             f"<th>原因 / Reason</th></tr></thead><tbody>{body}</tbody></table>") if rows else ""
    return (f'<div class="advisor-report-wrap">{summary}'
            f'{f"<ul class=advisor-warnings>{notes}</ul>" if notes else ""}{table}</div>')
