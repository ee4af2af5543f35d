"""Hybrid retrieval: dense (inner product on normalized vectors) + BM25 over jieba/word tokens, fused.

The retriever only talks to a :class:`knowledge.stores.SearchIndex`, so the embedded FAISS index and a
Milvus collection answer through the same fusion and the same relevance thresholds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from knowledge.dictionary import bridge_words, chinese_for
from knowledge.embedding import Embedder, reads_chinese
from knowledge.fusion import rrf, weighted
from knowledge.glossary import expand_query, translations
from knowledge.lang import content_words, detect_language, normalize, search_tokens
from knowledge.names import document_names
from knowledge.stores import SearchIndex
from knowledge.types import Hit

MIN_WORDS = 0.3  # share of a query's words a passage must hold when the embedder cannot read the query
RARE = 0.7  # an acronym in at most a few passages (IDF at least this share of the largest) names one thing
# names a question can spell out: options, snake_case keys and file names name one thing wherever they are written
_NAME = re.compile(r"(?<![\w-])--?[a-z][\w-]*[a-z0-9]|\b[\w-]+\.(?:py|sh|yaml|yml|json|toml|cfg)\b|\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")
# acronyms and CamelCase words ("MFU", "AutoModelForCausalLM") only when few passages hold them ("GPU", "LoRA" are common)
_RARE_NAME = re.compile(r"\b[A-Z][A-Z0-9]{2,}\b|\b[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*\b")


def _query_terms(tokens: list[str], text: str) -> list[str]:
    """The query's search tokens less the character bigrams that straddle two of its words ("要啥" of "最低要啥版本"):
    they match passages by chance; the words themselves and the bigrams inside them still search."""
    words = set(content_words(text))
    return [t for t in tokens if t in words or not _HAN_PAIR.fullmatch(t) or any(t in w for w in words)]


_HAN_PAIR = re.compile(r"[\u3400-\u9fff]{2}")


TOPIC = 0.4  # a word with at least this share of the largest IDF, held by one document only, is that document's topic
TOPIC_POSTINGS = 60  # a word more passages hold than this is no document's own word
FOUND_SENSES = 4  # dictionary translations of a query word that count as finding it in a passage
RARE_CANDIDATES = 10  # passages holding a query's rare word that join the candidates whatever else they hold
SPELLED = 0.25  # a passage holding a query's rare word gains this share of the best fused score
NAMED = 0.25  # a passage of a document the query names by name gains this share of the best fused score


def _named_first(fused: list[tuple[int, float]], found: dict, words: set[str]) -> list[tuple[int, float]]:
    """Fused results with the passages of a document the query names ("编译 powerinfer 要啥版本",
    "belle's lora study") raised; unchanged when it names none or every candidate's document."""
    if not fused:
        return fused
    own = {w for w in words if len(w) >= 3 and not w.isdigit()}
    sources = {found[doc].chunk.source: found[doc].chunk.title for doc, _ in fused}
    named = {src for src, title in sources.items() if own & document_names(src, title)}
    if not named or len(named) == len(sources):
        return fused
    bonus = NAMED * max(score for _, score in fused)
    raised = [(doc, score + (bonus if found[doc].chunk.source in named else 0.0)) for doc, score in fused]
    return sorted(raised, key=lambda kv: (-kv[1], kv[0]))


def _topic_words(index, content: set[str], idf: dict[str, float], max_idf: float, vec: np.ndarray) -> set[str]:
    """Words every passage of one document may hold and no other document does ("reft" in the pyreft README):
    too many passages hold them to be rare, yet they name what the question is about just as well."""
    topic = set()
    for w in content:
        if not (w.isascii() and len(w) >= 4 and re.search(r"[a-z]", w) and w in idf
                and TOPIC * max_idf <= idf[w] < RARE * max_idf and not chinese_for(w)):
            continue
        ids = [i for i, _ in index.sparse_search([w], TOPIC_POSTINGS + 1)]
        if len(ids) <= TOPIC_POSTINGS and len({c.chunk.source for c in index.fetch(ids, vec, ()).values()}) == 1:
            topic.add(w)
    return topic


def _spelled_first(fused: list[tuple[int, float]], found: dict, rare: set[str]) -> list[tuple[int, float]]:
    """Fused results with the passages that hold one of the query's rare words raised; unchanged when none or
    every candidate holds one."""
    if not rare or not fused:
        return fused
    holds = {doc for doc, _ in fused if rare & found[doc].terms}
    if not holds or len(holds) == len(fused):
        return fused
    bonus = SPELLED * max(score for _, score in fused)
    return sorted(((doc, score + (bonus if doc in holds else 0.0)) for doc, score in fused), key=lambda kv: (-kv[1], kv[0]))


class HybridRetriever:
    """Search one loaded index. The embedder and tokenizer are injected, so tests pass tiny fakes."""

    def __init__(self, index: SearchIndex, embedder: Embedder, settings,
                 tokenizer: Callable[[str], list[str]] = search_tokens):
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.tokenizer = tokenizer

    def __len__(self) -> int:
        return len(self.index)

    def search(self, query: str, k: int | None = None, relevant_only: bool = False) -> list[Hit]:
        k = k or self.settings.top_k
        query = normalize(query).strip()
        if not query or not len(self.index):
            return []
        expanded = expand_query(query)
        n = min(self.settings.candidates, len(self.index))
        vec = np.ascontiguousarray(self.embedder.encode([expanded]), dtype="float32")
        dense = self.index.dense_search(vec[0], n)
        bridges = bridge_words(query, self.settings.bridge_words)
        lang = detect_language(query)
        if lang == "zh":  # "匈牙利" -> "hungary", and the passages say only "Hungarian"
            known, _ = self.index.term_idf(bridges)
            bridges += [f for b in dict.fromkeys(bridges) if b not in known for f in self.index.word_family(b)[:1]]
        sparse = self.index.sparse_search(_query_terms(self.tokenizer(expanded), expanded) + bridges, n)
        content = set(content_words(query))
        idf, max_idf = self.index.term_idf(content)
        rare = self._rare_words(content, idf, max_idf)
        # the Latin words of a Chinese question ("codegeex2 6b 想跑 int4") and its rare words ("idefics") name what it is
        # about: passages holding them join the candidates, however many common words other passages share
        anchors = rare
        if anchors:
            seen = {i for i, _ in sparse}
            sparse = sparse + [(i, s) for i, s in self.index.sparse_search(sorted(anchors), RARE_CANDIDATES) if i not in seen]
        w = (self.settings.dense_weight, self.settings.sparse_weight)
        if self.settings.fusion == "weighted":
            fused = weighted([dense, sparse], w)
        else:
            fused = rrf([[i for i, _ in dense], [i for i, _ in sparse]], w, k=self.settings.rrf_k)
        dense_rank = {i: r for r, (i, _) in enumerate(dense, 1)}
        dense_sim = dict(dense)
        sparse_rank = {i: r for r, (i, _) in enumerate(sparse, 1)}
        # a query word also counts as found when its glossary translation is in the passage
        # (more dictionary senses than the search uses: "drugs" is 毒品 first, and a passage saying 药品 matches it too)
        alternatives = {t: {t, *self.tokenizer(" ".join(translations(t))),
                            *bridge_words(t, max(self.settings.bridge_words, FOUND_SENSES) if self.settings.bridge_words else 0)}
                        for t in content}
        weights = {t: max(idf.get(t, max_idf), 0.05) for t in content}
        mass = sum(weights.values())
        reads = lang == "en" or reads_chinese(getattr(self.embedder, "name", ""))
        found = self.index.fetch([doc for doc, _ in fused], vec[0], set().union(*alternatives.values()))
        fused = _named_first(fused, found, content)
        fused = _spelled_first(fused, found, rare)
        # a document's own word ("reft") makes its passages relevant, though too common there to raise them
        names = self._names(query, max_idf) | rare | _topic_words(self.index, content, idf, max_idf, vec[0])
        hits = []
        for doc, score in fused:
            got = found[doc]
            overlap = sum(weights[t] for t in content if alternatives[t] & got.terms) / mass if mass else 0.0
            sim = dense_sim.get(doc, got.dense_score)
            hit = Hit(chunk=got.chunk, score=float(score), dense_rank=dense_rank.get(doc),
                      sparse_rank=sparse_rank.get(doc), dense_score=sim, overlap=overlap, dense_reads_query=reads,
                      spells_name=any(n in got.chunk.text.lower() for n in names))
            if relevant_only and not self.is_relevant(hit):
                continue
            hits.append(hit)
            if len(hits) >= k:
                break
        return hits

    @staticmethod
    def _rare_words(content: set[str], idf: dict[str, float], max_idf: float) -> set[str]:
        """Lower-case names few passages hold and no dictionary knows ("idefics", "ctranslate2"): they say what
        the question is about, in any language."""
        return {w for w in content if w.isascii() and len(w) >= 4 and (re.search(r"[a-z]", w) or w.isdigit()) and not w.startswith("-")
                and w in idf and idf[w] >= RARE * max_idf and not chinese_for(w)}

    def _names(self, query: str, max_idf: float) -> set[str]:
        """Specific names the query spells out, lowercased: options, keys and file names, and acronyms or
        CamelCase words that few passages hold."""
        named = {m.group(0).lower().lstrip("-") for m in _NAME.finditer(query)}
        words = {m.group(0).lower() for m in _RARE_NAME.finditer(query)} - named
        idf, _ = self.index.term_idf(words) if words else ({}, 0.0)
        return {n for n in named | {w for w in words if idf.get(w, 0.0) >= RARE * max_idf} if len(n) >= 3}

    def is_relevant(self, hit: Hit) -> bool:
        """Relevant when meaning (cosine) or words (IDF-weighted overlap) match strongly, or both fairly, or the
        passage spells out a specific name the query writes."""
        dense, s = hit.dense_score or 0.0, self.settings
        if hit.spells_name:
            return True
        if not hit.dense_reads_query:  # the cosine alone proves nothing: some of the words must match too
            return hit.overlap >= s.min_overlap or (dense + hit.overlap >= s.min_combined and hit.overlap >= MIN_WORDS)
        return dense >= s.min_dense or hit.overlap >= s.min_overlap or dense + hit.overlap >= s.min_combined
