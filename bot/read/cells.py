"""Table cells as answers: each cell stored with a passage scores on the words naming its row and column, numbers the
question ties to a column ("bs8", "input len 30720", "batch=32"), sibling rows the question rules out, and options
tables ("--port PORT | ... (default: 8080)"). Pure; part of reading (``bot.read.reader``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.read.answer_type import VALUE_PATTERNS, ValueType, soft, values
from bot.read.candidate import (
    ASSIGNED_BONUS,
    Candidate,
    coverage,
    given_penalty,
    names_parameter,
    quoted_figure,
    restates,
    type_score,
    without,
)
from bot.read.keys import column_tied, label_pairs, tied
from bot.read.sentences import GENERIC
from bot.read.switches import sets_switch, switch_ties
from bot.understand.text import prepare
from knowledge.lang import tokenize
from knowledge.tables import is_numeric
from knowledge.types import Hit

KEYED = 1.0
def table_context(hits: Sequence[Hit], weights, total) -> tuple[dict[tuple[str, str], set[str]], dict[str, set[str]]]:
    """What the read tables say about themselves: the words of every row name per (source, column), as a table is
    often split across passages; and per document, the question's words its tables' captions or sections hold."""
    rows: dict[tuple[str, str], set[str]] = {}
    headings: dict[str, set[str]] = {}
    for hit in hits:
        for entry in hit.chunk.meta.get("cells", ()):
            rows.setdefault((hit.chunk.source, entry[1]), set()).update(tokenize(entry[0]))
            caption = entry[5] if len(entry) > 5 else ""
            headings.setdefault(hit.chunk.source, set()).add(f"{hit.chunk.meta.get('section', '')} {caption}")
    return rows, {source: coverage(weights, total, " ".join(texts))[1] for source, texts in headings.items()}


def _row_values(context: str, headers: Sequence[str]) -> list[tuple[str, str]]:
    """(column, value) of a row's other cells ("Input Length 6144; Quantization BF16"), split at the known
    column names of the table (longest first), so "8 * 51 GB" stays one value."""
    out = []
    for part in context.split("; "):
        column = next((h for h in headers if h and part.startswith(h + " ")), "")
        out.append((column, part[len(column):].strip() if column else part))
    return out


_HYPHENATED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _parts(text: str) -> set[str]:
    """The pieces of hyphenated words ("fine-tuning" -> fine, tuning), which tokenize also emits."""
    return {p for w in _HYPHENATED.findall(text.lower()) for p in w.split("-")}


REFERENCE_ROW = 0.5  # a row holding a measured figure the asker quotes for it
OTHER_TABLE = 0.3  # per question word another table's caption or section holds and this one's lacks
CAPTION = 0.5  # over the 0.5 a caption's words count as context
COUNTED = 0.3
OTHER_SIZE = 0.3  # the row or the table's caption is about another model size than the question's ("67B" for "7b")
_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*([bm])(?![a-z0-9])", re.ASCII)


def model_sizes(text: str) -> set[str]:
    """The model sizes ``text`` names ("7B", "1.5b", "26M"), normalised: {"7b", "1.5b", "26m"}; a bound ("<10B",
    "10B 以下", "under 10b") names no size."""
    return {f"{n}{u}" for n, u in _SIZE.findall(_BOUND.sub(" ", prepare(text)))}


_BOUND = re.compile(r"(?:[<>≤≥]=?|\b(?:under|below|over|above|up to|at most|at least|less than|more than)\s*)\s*"
                    r"\d+(?:\.\d+)?\s*[bm]\b|\d+(?:\.\d+)?\s*[bm]\s*(?:以下|以上|以内|之内)", re.ASCII)


_PAIR = re.compile(r"([A-Za-z\u4e00-\u9fff][^:：,;，；]{0,40}?)\s*[:：]\s*([^,;，；]{1,30})(?:[,;，；]\s*|$)")


def _listed(entries):
    """The cells, and for a cell that lists settings ("Layers: 22, Heads: 32, Embedding Size: 2048") each setting
    as a cell of its own, named by the row and the setting: "Model Size Layers" = 22."""
    for entry in entries:
        yield entry
        value = entry[2]
        pairs = _PAIR.findall(value)
        if len(pairs) >= 2 and sum(len(k) + len(v) for k, v in pairs) >= 0.7 * len(value):
            for key, item in pairs:
                yield [f"{entry[0]} {key.strip()}", entry[1], item.strip(), *entry[3:]]


def cell_candidates(hit: Hit, weights, total, wanted, prior, pairs=(), rows: dict | None = None,
                    excluded: frozenset[str] = frozenset(), unit: str = "",
                    locators: frozenset[str] = frozenset(), given: frozenset[float] = frozenset(),
                    sizes: frozenset[str] = frozenset(), labelled: set[str] = frozenset(),
                    question_low: str = "", offered: bool = False) -> list[Candidate]:
    """Candidates of the table cells stored with a passage; ``rows``: the words of every row name per (source,
    column) over all read passages, as a table is often split across passages; ``labelled``: the question's words
    that the captions or sections of this document's read tables hold; ``question_low``: the prepared question (a
    cell saying only its words restates a condition; the on/off settings it names pick rows); ``offered``: the
    asker offers options."""
    out = []
    title = hit.chunk.meta.get("section", "") or ""
    entries = hit.chunk.meta.get("cells", ())
    headers = sorted({e[1] for e in entries}, key=len, reverse=True)
    question_words = frozenset(re.split(r"[^\w.-]+", question_low)) - {""}  # its own words, not parts of its names
    headed = {k for k, unit in _UNIT_WORDS.items() if any(unit.search(prepare(h)) for h in headers)}
    asked = {t for t, w in weights.items() if w >= 0.9 and t not in GENERIC}
    sizes = sizes & asked  # the model sizes the question names ("7b"), among its terms
    for entry in _listed(entries):
        row, column, value = entry[:3]
        context = entry[3] if len(entry) > 3 else ""  # the row's other cells: "Input Length 6144; Quantization BF16"
        others = _row_values(context, headers)
        corner = entry[4] if len(entry) > 4 else ""  # the header above the row labels: "2 T4 DDP", "1 A100 40GB"
        caption = entry[5] if len(entry) > 5 else ""  # the line above the table: "TTFT of Llama-2-7B (Unit: Seconds):"
        # the row is named by its header, its other values and the table's setting; other columns' names name no row
        # a value's own note names its row too: "24 (Min #SM)" beside "64 (Max perf)"
        note = " ".join(_NOTE.findall(value))
        # a document named only to say where to look ("in the minimind readme") names none of its rows
        by_row = without(weights, locators) if locators else weights
        cov_row, m_row = coverage(by_row, total, " ".join([spaced(row), *(v for _, v in others), corner, note]))
        # words the row already holds count once: "fraction of arctic-embed-m-v1.5" does not name the column again
        cov_col, m_col = coverage(without(weights, m_row), total, spaced(column))
        cov_ctx, m_ctx = coverage(weights, total, f"{title} {hit.chunk.title} {caption}")
        # names the table's own caption holds ("ChatGLM2-6B / ChatGLM3-6B:") tell same-shaped tables apart
        cov_cap = coverage(weights, total, caption)[0] if caption else 0.0
        if not m_row and not m_col:
            continue
        # "Time to first token (ms)" rows by "avg"/"p99" columns: the row names the unit; the caption too, unless a
        # column of the table names it ("所耗显存": the other columns are not memory)
        units = row if headed & set(wanted) else f"{caption} {row}"
        fits = cell_fits(value, wanted, column, units)
        # a part of a hyphenated row name alone ("tuning" of "fine-tuning") does not name the row; several do
        parts = _parts(row)
        named = m_row if len(m_row & parts) >= 2 else (m_row - parts) | {t for t in m_row & parts if _SIZE_PART.fullmatch(t)}
        both = 1.0 if named and m_col else 0.0  # row and column both named: the cell is what was asked
        # the question names something (a method, a model) that this row is not: another row's value is no answer
        # (a row of settings with no label, "| 256 | 16 | 96 | 97.24% |", is named by its table's section alone)
        unnamed = 1.0 if row.strip() and not named and any(w >= 0.9 and t not in GENERIC and t not in m_col | m_ctx
                                                            for t, w in by_row.items()) else 0.0
        # "input length 1": the row whose Input Length cell holds 1 (and not a row where it holds 30720)
        ties = tied(pairs, others + label_pairs(row)) + column_tied(pairs, column) + switch_ties(question_low, others)
        # "ChatGLM2-6B" asked, "ChatGLM2-6B (base)" is a sibling row: words of the row name the question lacks
        extra = {t for t in tokenize(row) if t.isalnum() and t not in weights and t not in parts} - GENERIC - _SWITCHES
        # "yi-6b-chat 8bit": "8bit" names a sibling row ("Yi-6B-Chat-8bits"), so the plain row is not it
        mine = set(tokenize(row))
        siblings = (rows or {}).get((hit.chunk.source, column), mine)
        missing = {t for t in (asked & siblings) - mine if not set(t.split("-")) <= mine}
        # "Voyage-Code-002 CoIR average": of two tables of one shape, the one captioned "CoIR"; the other lacks the word
        lost = {t for t in labelled - m_ctx - m_row - m_col if weights.get(t, 0.0) >= 0.9 and t not in GENERIC}
        score = (2.0 * (cov_row + cov_col) - OTHER_TABLE * min(len(lost), 2) + (0.5 if row.strip() else 1.0) * cov_ctx + CAPTION * cov_cap + both + prior + type_score(wanted, fits) - unnamed
                 - 0.25 * (_type_rank(value, wanted, column, units) if fits else 0)
                 + 0.5 * ties - (0.3 if _PLAIN.search(question_low) else 0.1) * min(len(extra), 3) - 0.3 * min(len(missing), 2)
                 - (0.8 if excluded & set(tokenize(" ".join([row, *(v for _, v in others)]))) else 0.0))  # "not the chat one": a "-Chat" row is not it
        score -= given_penalty(value, given)
        if given and ties <= 0 and any(quoted_figure(v, given) for _, v in others):  # (not "2.02bit", a condition it sets)
            score -= REFERENCE_ROW  # "zhilight's was 1968.95": the row holding it is the asker's reference, not the answer
        named_by = set(tokenize(column))
        if pairs and is_numeric(value) and ((not any(ch.isdigit() for ch in column) and named_by and any(named_by <= words for words, _ in pairs))
                                            or (restates(value, given) and any(named_by & words and value.strip() == n for words, n in pairs))):
            # "N 7168 的时候…": a column named only by a word tied to a number fixes the row ("batch=16" answers);
            # "on 4 cards": the "4" of the "GPU-A40 Number" column is the count the asker gives
            score -= KEYED
        elif sets_switch(question_low, column, value):
            score -= KEYED  # "zero3 + offload": the Offload column's "Yes" is the condition the asker sets
        elif m_col and not offered and not any(ch.isdigit() for ch in value) and _says_alone(value, question_words):
            score -= KEYED  # "ElasticSearch text payload 的 QPS": the Payload column holds "text", a condition the asker sets
        if sizes:
            named_sizes = model_sizes(f"{row} {caption} {corner}") or model_sizes(title)  # "### Qwen2-72B-…" over the table
            score -= OTHER_SIZE if named_sizes and not named_sizes & sizes else 0.0
        if unit and fits:  # "how many layers": the cell of the Layers row counts them; a GPU-hours cell does not
            named_unit = {unit, unit.rstrip("s"), unit + "s"} & set(tokenize(f"{row} {column} {caption}"))
            score += COUNTED if named_unit else -COUNTED
        if "support" in wanted and fits and len(value.strip()) <= 12:
            score += 0.5  # "does it support X?": a support matrix's verdict for X is the answer, not prose around it
        shown = value if fits or not wanted else ""
        if shown and wanted and not soft(wanted) and len(value) > LONG_CELL and _WORDY.search(value):
            # "由BELLE项目组开源的…，包含25万条数据。": the count, not the whole note
            found = next((f for f in (values(value, (kind,)) for kind in wanted) if f), [])
            shown = found[0][3] if len({v[3] for v in found}) == 1 else shown
        option = _option_cell(row, value, weights)
        if option is not None:  # "--port PORT | port to listen (default: 8080)": the default or env var asked for
            shown, score = option or shown, score + ASSIGNED_BONUS
        out.append(Candidate("cell", f"{row} · {column}: {value}", shown, hit, score, row=row, column=column))
    return out


_SWITCHES = frozenset({"true", "false", "none", "yes", "no", "on", "off"})  # a settings row's values name no sibling
_SIZE_PART = re.compile(r"\d+(?:\.\d+)?[bm]")  # "300b" of "ERNIE-4.5-300B-A47B": a model size names the row alone
_CAMEL = re.compile(r"(?<=[a-z])(?<![KMGTkmgt]i)(?=[A-Z])")
_TIMES_GPU = re.compile(r"(?<=\d[x×])(?=[A-Za-z]\d)")


def spaced(header: str) -> str:
    """A header with its run-together words also written apart: "AveragePerformance" holds "average" and "performance";
    and with its abbreviations written out: "mem(GB)" also says "memory", "TTFT Mean" also "average"."""
    apart = _TIMES_GPU.sub(" ", _CAMEL.sub(" ", header))  # "4xA100" is also "4x A100"
    out = header if apart == header else f"{header} {apart}"
    words = re.findall(r"[a-z]+", out.lower())
    full = [_ABBREVIATIONS[w] for w in words if w in _ABBREVIATIONS] + [_SHORT[w] for w in words if w in _SHORT]
    full += [_LANGUAGES[header.strip().lower()]] if header.strip().lower() in _LANGUAGES else []  # a row "fr": French
    return f"{out} {' '.join(full)}" if full else out


# header abbreviations, written out
_ABBREVIATIONS = {"mem": "memory", "acc": "accuracy", "perf": "performance", "lat": "latency", "thpt": "throughput",
                  "tput": "throughput", "params": "parameters", "param": "parameters", "mean": "average", "avg": "average",
                  "ppl": "perplexity", "tps": "tokens per second", "seq": "sequence", "len": "length", "bsz": "batch size",
                  "fwd": "forward", "bwd": "backward", "attn": "attention"}
_SHORT = {"documents": "docs doc", "parameters": "params", "memory": "mem", "sequence": "seq"}  # "# Documents" is asked as "docs"
# a row or column named by a language code ("fr", "es"), as multilingual tables write them
_LANGUAGES = {"en": "english 英语", "zh": "chinese 中文", "de": "german 德语", "fr": "french 法语", "es": "spanish 西班牙语",
              "it": "italian 意大利语", "ja": "japanese 日语", "ko": "korean 韩语", "ru": "russian 俄语", "pt": "portuguese 葡萄牙语",
              "ar": "arabic 阿拉伯语", "nl": "dutch 荷兰语", "vi": "vietnamese 越南语", "tr": "turkish 土耳其语", "pl": "polish 波兰语"}


# "plain FSDP", "原版 vllm 7B": the row named by those words alone, not one that adds to them
_PLAIN = re.compile(r"\b(?:plain|vanilla|bare|pure|stock)\s+[a-z]|原版|原生|纯(?=[a-z\s])")
_NOTE = re.compile(r"\(([^()]{2,40})\)")
LONG_CELL = 24  # a longer cell in sentences is a note in words: the value asked for is read out of it
_WORDY = re.compile(r"[，。；]|[,.;]\s|(?:\S+\s+){6}")


_FLAG_ROW = re.compile(r"--([a-z0-9][\w-]*)", re.IGNORECASE)
_CELL_DEFAULT = re.compile(r"\(?default:\s*`?([^),`]+)`?", re.IGNORECASE)
_CELL_ENV = re.compile(r"\(?env:\s*([A-Z][A-Z0-9_]+)")
_ASKS_ENV = frozenset({"env", "environment", "variable", "环境变量", "var"})


def _option_cell(row: str, value: str, weights: dict[str, float]) -> str | None:
    """For a row naming a command-line option the question names: the value to show (its env var when asked,
    else its default, else "" for the description); None when the row is no such option."""
    flags = _FLAG_ROW.findall(row)
    if not flags or not any(names_parameter(re.split(r"[-_]", f), weights, flag=True) for f in flags):
        return None
    env, default = _CELL_ENV.search(value), _CELL_DEFAULT.search(value)
    if env and any(weights.get(w, 0) >= 0.5 for w in _ASKS_ENV):
        return env.group(1)
    return default.group(1).strip() if default else ""


def _says_alone(value: str, words: frozenset[str]) -> bool:
    """The question writes the cell's words as words of their own ("text payload"), not inside a longer name
    ("gte-reranker-modernbert-base" holds "modernbert" only as a part)."""
    said = set(tokenize(value))
    return bool(said) and said <= words


_UNIT_WORDS: dict[ValueType, re.Pattern] = {
    "memory": re.compile(r"\b(?:mb|gb|gib|mib|memory|vram|mem)\b|显存|内存"),
    "percent": re.compile(r"%|percent|比例|百分比|占比|(?:准确|召回|命中|通过|胜|错误|成功|正确)率"),  # not 效率, 吞吐率
    "duration": re.compile(r"\b(?:s|sec|secs|seconds?|hours?|h|mins?|minutes?|ms|msec|milliseconds?|time|latency|ttft|tpot|itl|hh:mm(?::ss)?|mm:ss)\b|"
                           r"小时|时间|耗时|分钟|毫秒|秒|延迟|时延"),
    "money": re.compile(r"\$|usd|cost|price|费用|成本|价格"),
    "ratio": re.compile(r"\((?:x|×|times)\)|\b(?:speed-?ups?|ratio|times faster|vs\.?|v\.s\.?|versus|relative to)(?![\w.])|倍|加速比|相对|相比"),
}


def _type_rank(value: str, wanted: tuple[ValueType, ...], column: str, caption: str = "") -> int:
    """Which of the wanted types the value is (0: the one asked for first), as sentences are ranked."""
    return next((i for i, k in enumerate(wanted) if cell_fits(value, (k,), column, caption)), 0)


def cell_fits(value: str, wanted: tuple[ValueType, ...], column: str = "", caption: str = "") -> bool:
    """The value answers the wanted type, itself or through the unit its column or the table's caption names
    ("Memory (MB)" over "16972"; "TTFT of Llama-2-7B (Unit: Seconds)" over "0.265")."""
    if not wanted:
        return True
    low = prepare(value)
    if any(VALUE_PATTERNS[k].search(low) for k in wanted if k != "number"):
        return True
    named = prepare(f"{column} {_STATED.sub(' ', caption)}")  # a caption stating "reaches 88%" makes no column a percent
    if is_numeric(value) and any(k in _UNIT_WORDS and _UNIT_WORDS[k].search(named) for k in wanted):
        return True
    if "name" in wanted and not is_numeric(value) and _NAME_COLUMN.search(prepare(column)):
        return True  # "XVERSE-13B-2-Chat" in a "模型" / "Model" column
    if "version" in wanted and _TWO_PART.match(low) and _VERSION_WORD.search(prepare(f"{column} {caption}")):
        return True  # "12.3", "3.10 - 3.12" in a "推荐版本" / "Version" column
    return "number" in wanted or ("count" in wanted and is_numeric(value))


_STATED = re.compile(r"\d+(?:\.\d+)?\s*(?:%|x\b|倍)")
_NAME_COLUMN = re.compile(r"模型|名称|方法|框架|系统|\b(?:models?|names?|methods?|systems?|frameworks?|engines?|tools?)\b")
_TWO_PART = re.compile(r"^\s*(?:[v≥>=<~]+\s*)?\d+\.\d+(?:\.\d+)*(?:\s*[-~–]\s*\d+\.\d+(?:\.\d+)*)?\s*\+?\s*$")
_VERSION_WORD = re.compile(r"版本|\bversions?\b|\bver\b|\brelease\b")


# "top p", "top-k", "top-1 accuracy" name a setting or a metric, not the best of a column
_HIGHEST = re.compile(r"\b(?:highest|best|largest|biggest|most|top(?![\s_-]?(?:[pk]\b|\d))|fastest|max(?:imum)?|greatest)\b|最高|最好|最大|最快|最多|最强")
_LOWEST = re.compile(r"\b(?:lowest|smallest|least|fewest|slowest|min(?:imum)?|cheapest|worst)\b|最低|最小|最少|最慢|最差|最省")
_WHICH = re.compile(r"\b(?:which|what|who)\b|哪|谁")
_LEADING_NUMBER = re.compile(r"^\s*[~≈<>]?\s*(\d+(?:\.\d+)?)")


def superlative_candidates(question: str, hits: Sequence[Hit], weights, total, priors: Sequence[float]) -> list[Candidate]:
    """"Which model has the highest MMLU?": the row (or column) holding the largest or smallest number of the
    column (or row) the question names, across the passages of one table."""
    low = prepare(question)
    high, lowest = _HIGHEST.search(low), _LOWEST.search(low)
    if not _WHICH.search(low) or not (high or lowest):
        return []
    pick = max if high and not (lowest and lowest.start() > high.start()) else min
    groups: dict[tuple[str, str, str], list[tuple[float, str, Hit, float]]] = {}
    for hit, prior in zip(hits, priors, strict=True):
        for entry in hit.chunk.meta.get("cells", ()):
            row, column, value = entry[:3]
            number = _LEADING_NUMBER.match(value)
            if number is None:
                continue
            # by column: "which model has the best Avg"; by row: "which model is best on MMLU" (models as columns)
            groups.setdefault((hit.chunk.source, "column", column), []).append((float(number.group(1)), row, hit, prior))
            groups.setdefault((hit.chunk.source, "row", row), []).append((float(number.group(1)), column, hit, prior))
    out = []
    for (_, axis, name), found in groups.items():
        _, matched = coverage(weights, total, name)
        if not matched or len({label for _, label, _, _ in found}) < 2:
            continue
        value, label, hit, prior = pick(found, key=lambda f: f[0])
        # the named column (or row) and the table's own heading ("工具调用能力", the document's name) carry the score
        cov, _ = coverage(weights, total, f"{name} {hit.chunk.meta.get('section', '')} {hit.chunk.title} {hit.chunk.source}")
        row, column = (label, name) if axis == "column" else (name, label)
        out.append(Candidate("cell", f"{row} · {column}: {value:g}", label, hit, 2.0 * cov + 1.2 + prior,
                             row=row, column=column))
    return out


SLASHED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)(?![\d.])")
ORDER = 0.3  # "128/2048" asked: the row "128/2048", not "2048/128"


def in_order(cand: Candidate, asked: frozenset[tuple[str, str]]) -> Candidate:
    """``cand``, scored up when its row names a number pair ("input/output 128/2048") the question writes in the same
    order, down when the row writes the same numbers the other way round."""
    if cand.kind != "cell" or not asked:
        return cand
    found = {(m.group(1), m.group(2)) for m in SLASHED.finditer(cand.row)}
    if found & asked:
        return replace(cand, score=cand.score + ORDER)
    if {(b, a) for a, b in found} & asked:
        return replace(cand, score=cand.score - ORDER)
    return cand

