"""The names a document goes by: the parts of its file name and the acronyms of its title and file name.

People call a document by a short name: "TEI" for text-embeddings-inference, "ds" for DeepSpeed, "chatchat" for
Langchain-Chatchat. These names are indexed with every passage of the document (so a query naming it finds it)
and let the reader prefer the document a question names.
"""

from __future__ import annotations

import re

# words of file names that name no document ("README_zh", "usage-guide", "docs")
FILE_WORDS = frozenset("readme docs doc index guide notes cn zh en md main usage introduction intro overview faq "
                       "lora qlora rag prompt prompting finetune finetuning fine tuning full training train gpu gpus "
                       "memory cost costs data model models methods method evidence decision quick when tree "
                       "approaches chinese english".split())
_SEPARATORS = re.compile(r"[_\s/]+")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def _stem(source: str) -> str:
    return re.sub(r"\.[A-Za-z0-9]+$", "", source.replace("\\", "/").rsplit("/", 1)[-1])


def _acronyms(name: str) -> set[str]:
    """"Text Embeddings Inference" -> tei; "DeepSpeed-Chat" -> dsc and ds; only of two or more capitalised or
    separate words, at least two letters, and never a word of its own ("ms" of "ms-swift" is no acronym)."""
    out: set[str] = set()
    words = [w for w in re.split(r"[-\s]+", name) if w]
    if len(words) >= 2 and all(w[0].isalpha() for w in words):
        initials = "".join(w[0] for w in words).lower()
        if len(initials) >= 3:
            out.add(initials)
    for word in words:
        pieces = _CAMEL.findall(word)
        if len(pieces) >= 2 and all(len(p) >= 3 and p[0].isupper() for p in pieces):  # DeepSpeed, not LLaMA
            out.add("".join(p[0] for p in pieces).lower())
        if len(pieces) >= 2 and len(pieces[0]) >= 2 and pieces[0].isupper() and pieces[1][:1].isupper() \
                and pieces[1][1:].islower() and len(pieces[1]) >= 3:  # "BCEmbedding" -> bce
            out.add((pieces[0] + pieces[1][0]).lower())
    if len(words) >= 2:
        camel = "".join(p[0] for w in words for p in (_CAMEL.findall(w) or [w]) if p[0].isalpha()).lower()
        if 3 <= len(camel) <= 6:
            out.add(camel)
    return out


def document_names(source: str, title: str = "") -> set[str]:
    """Lower-case names of a document: its file stem, the stem's parts that are not generic file words, and the
    acronyms of the stem's parts and of its title (the part before " › ", ASCII words only)."""
    stem = _stem(source)
    names: set[str] = {stem.lower()} if len(stem) >= 2 else set()
    for chunk in _SEPARATORS.split(stem):
        pieces = re.split(r"[-.]+", chunk.lower())
        for part in pieces:  # a two-letter piece names a document only on its own ("Yi", not the "ms" of "ms-swift")
            if len(part) >= (2 if len(pieces) == 1 else 3) and part not in FILE_WORDS and not re.fullmatch(r"v?\d+", part):
                names.add(part)
        names |= _acronyms(chunk)
        if len(pieces) > 1 and len("".join(pieces)) >= 4:  # "S-LoRA" is also typed "s-lora" and "slora"
            names |= {"-".join(pieces), "".join(pieces)}
    head = title.split("›", 1)[0].strip()
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 \-]+", head):
        names |= _acronyms(head)
    return names
