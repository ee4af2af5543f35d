"""The one chat pipeline: retrieve, then understand -> decide -> read -> compose -> generate, into an ``Answer``."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

from bot.backends.base import Backend, GenerationRequest, TemplateBackend
from bot.backends.prompting import reading_text
from bot.backends.stated import stated_recommendation
from bot.errors import BackendError, BotError, IndexCorrupt, IndexMissing, RebuildRequired, StoreUnavailable
from bot.history import split_sections, trim_history
from bot.read import named_documents
from bot.respond import redecide, respond
from bot.settings import Settings
from bot.types import Answer, Mode, Source
from bot.understand import Understanding, replay
from knowledge.lang import normalize, search_tokens, use_cache_dir

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 4000  # longer input is cut (a 100 KB paste still gets an answer)
Progress = Callable[[float, str], None]
SUPPORT_CACHE = 256  # recommendation-reason queries kept per process
READ_PASSAGES = 12  # passages the reader looks through for a factual answer (the top ones, relevant or not)


@dataclass(frozen=True)
class AdapterInfo:
    name: str
    path: Path


class Pipeline:
    """Owns the loaded index, embedder and backends; the CLI and the web app only call its methods."""

    def __init__(self, settings: Settings, embedder=None, backend: Backend | None = None,
                 tokenizer: Callable[[str], list[str]] = search_tokens):
        self.settings = settings
        self.tokenizer = tokenizer
        self._embedder = embedder
        self._backend = backend
        self.backend_warning: str | None = None
        self.index_warning: str | None = None
        self._retriever = None
        self._checked_at = 0.0
        self._serving_builtin = False  # answering from the built-in notes' index until this folder has one
        self._load_lock = threading.Lock()
        self._adapter_backends: dict[str, Backend] = {}
        self._support_cache: dict[tuple[int, str], list] = {}
        use_cache_dir(settings.cache_dir)  # jieba's prepared dictionary

    # ---- models and index -------------------------------------------------------------------------
    @property
    def embedder(self):
        if self._embedder is None:
            from knowledge.embedding import load_embedder

            self._embedder = load_embedder(self.settings.embedder, cache_dir=self.settings.cache_dir)
        return self._embedder

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            if self.settings.backend == "template":
                self._backend = TemplateBackend()
            else:
                from bot.backends.factory import load_backend

                self._backend, self.backend_warning = load_backend(self.settings)
        return self._backend

    def retriever(self):
        """The serving retriever: this data folder's index, or the built-in notes' index (made at set-up) until it
        has one. A build swapped in by another process (``advisor library add`` while the app runs) is picked up
        by the next question; one question always uses one build.
        """
        current = self._retriever
        if current is not None and not self._swapped_elsewhere(current.index):
            return current
        with self._load_lock:
            if self._retriever is current:  # nobody loaded another one meanwhile
                self._retriever = self._open_index()
            return self._retriever

    def _swapped_elsewhere(self, index, every_s: float = 2.0) -> bool:
        now = time.monotonic()
        if now - self._checked_at < every_s:
            return False
        self._checked_at = now
        if self._serving_builtin:
            from knowledge import stores

            return stores.index_exists(self.settings, self.settings.index_path)
        changed = getattr(index, "changed", None)
        return bool(changed and changed())

    def _open_index(self):
        from knowledge import stores
        from knowledge.retriever import HybridRetriever

        path = self.settings.index_path
        emb = self.embedder
        self._serving_builtin = False
        try:
            stored = stores.open_index(self.settings, path, emb.name, emb.dim)
        except IndexMissing:
            log.info("no index at %s: answering from the built-in notes", path)
            stored = self._builtin_index()
        except (IndexCorrupt, RebuildRequired, StoreUnavailable) as exc:
            self.index_warning = f"{exc}; answering from the built-in knowledge base until a rebuild"
            log.warning(self.index_warning)
            stored = self._builtin_index()
        return HybridRetriever(stored, emb, self.settings, tokenizer=self.tokenizer)

    def _builtin_index(self):
        from bot.builtin_index import load_builtin_index

        self._serving_builtin = True
        return load_builtin_index(self.settings, self.embedder, self.tokenizer)

    def build(self, roots: Sequence[Path], index_dir: Path, progress: Progress | None = None,
              store: str | None = None):
        """A one-off index of ``roots`` (``store="faiss"`` for a folder of its own, whatever the settings say)."""
        from knowledge.build import build_index

        settings = self.settings.replace(store=store)
        return build_index([Path(r) for r in roots], Path(index_dir), self.embedder, settings,
                           progress=progress, tokenizer=self.tokenizer)

    def rebuild(self, roots: Sequence[Path], progress: Progress | None = None):
        """Rebuild the serving index from ``roots``; questions keep using the old one until the swap."""
        report = self.build(roots, self.settings.index_path, progress)
        self._reload()
        return report

    def _reload(self) -> None:
        from knowledge import stores
        from knowledge.retriever import HybridRetriever

        stored = stores.open_index(self.settings, self.settings.index_path, self.embedder.name, self.embedder.dim)
        self._retriever = HybridRetriever(stored, self.embedder, self.settings, tokenizer=self.tokenizer)
        self._serving_builtin = False
        self._support_cache.clear()
        self.index_warning = None

    # ---- the library -------------------------------------------------------------------------------
    def library(self, embed: bool = True):
        """The document library under ``<data dir>/library`` that the serving index is built from
        (``embed=False``: for reading it only, without loading the embedder)."""
        from bot.uploads import legacy_uploads
        from knowledge.library import Library

        return Library(self.settings.library_dir, self.settings.index_path, self.embedder if embed else None,
                       self.settings,
                       tokenizer=self.tokenizer, builtin=self.settings.corpus_dir,
                       seeds=legacy_uploads(self.settings.uploads_dir))

    def library_status(self) -> dict:
        """The library's documents and whether the serving index was built from them (``library list``)."""
        return self.library(embed=False).status()

    def library_add(self, sources, progress: Progress | None = None):
        """Add files/folders (or ``(file, name)`` pairs) to the library; the new index serves at once."""
        return self._changed(self.library().add(sources, progress))

    def library_remove(self, names: Sequence[str], progress: Progress | None = None):
        return self._changed(self.library().remove(names, progress))

    def library_reindex(self, progress: Progress | None = None):
        return self._changed(self.library().reindex(progress))

    def reset_index(self, progress: Progress | None = None):
        """Back to the built-in notes only (every added document is removed from the library)."""
        return self._changed(self.library().reset(progress))

    def _changed(self, report):
        self._reload()
        return report

    def index_info(self) -> dict:
        r = self.retriever()
        m = r.index.manifest
        return {"path": str(r.index.path), "build": r.index.build, "chunks": len(r), "files": m.get("files_indexed"),
                "built_at": m.get("built_at"), "roots": m.get("roots", []), "skipped": m.get("skipped", [])}

    # ---- adapters ----------------------------------------------------------------------------------
    def available_adapters(self) -> list[AdapterInfo]:
        root = Path(self.settings.adapters_dir)
        found = sorted(p.parent for p in root.glob("**/adapter_config.json")) if root.is_dir() else []
        return [AdapterInfo(name=str(p.relative_to(root)), path=p) for p in found]

    def _adapter_backend(self, adapter: str) -> Backend:
        if adapter not in self._adapter_backends:
            from bot.backends.factory import load_adapter_backend

            self._adapter_backends[adapter] = load_adapter_backend(Path(adapter), self.settings)
        return self._adapter_backends[adapter]

    # ---- answering ---------------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[tuple[str, str]] = (), mode: Mode | None = None,
            state: Understanding | None = None, overrides: dict[str, object] | None = None) -> Answer:
        """Answer ``question``: understand -> decide -> read -> compose -> generate, each stage once.

        ``state`` is the previous answer's understanding (the conversation so far); without it the user turns of
        ``history`` are replayed. ``overrides`` set slots by hand (``--set examples=40``, the web app's card).
        """
        turn = self._prepare(question, history, mode, state, overrides)
        text = turn.draft.text
        if turn.request is not None:
            try:
                text = self._generate(turn.backend, turn.request, turn.warnings)
                turn.generated = True
            except BackendError as exc:
                turn.warnings.append(f"{exc}; showing the built-in advisor's answer")
        return self._finish(turn, text)

    def ask_stream(self, question: str, history: Sequence[tuple[str, str]] = (), mode: Mode | None = None,
                   state: Understanding | None = None, overrides: dict[str, object] | None = None,
                   ) -> Iterator[str | Answer]:
        """Like :meth:`ask`, but yields the answer text so far as it grows (an LLM backend token by token through
        ``Backend.stream``, the built-in advisor section by section), then the finished :class:`Answer` last."""
        turn = self._prepare(question, history, mode, state, overrides)
        text = ""
        if turn.request is not None:
            try:
                for piece in turn.backend.stream(turn.request):
                    text += piece
                    yield text
                text = self._checked(text, turn.request, turn.warnings)
                turn.generated = True
            except BackendError as exc:
                turn.warnings.append(f"{exc}; showing the built-in advisor's answer")
        if not turn.generated:
            text = ""
            for section in split_sections(turn.draft.text):
                text = f"{text}\n\n{section}" if text else section
                yield text
            text = turn.draft.text
        yield self._finish(turn, text)

    def _prepare(self, question, history, mode, state, overrides) -> _Turn:
        """Retrieve, understand, decide, read and compose; and pick the backend that will write the answer."""
        mode = mode or Mode()
        t0 = time.perf_counter()
        question = normalize(question or "").strip()[:MAX_QUESTION_CHARS]
        warnings: list[str] = []
        retriever = self.retriever() if mode.rag and question else None  # one index for the whole answer
        found = retriever.search(question, k=max(READ_PASSAGES, self.settings.top_k)) if retriever is not None else []
        named = named_documents(question, found)  # "tei 的默认端口": passages of the document the question names count
        hits = [h for h in found if retriever.is_relevant(h) or h.chunk.source in named][: self.settings.top_k] \
            if retriever is not None else []
        if retriever is not None and self.index_warning:
            warnings.append(self.index_warning)
        if state is None and history:
            state = replay([normalize(u) for u, _ in history if u])
        lookup = (lambda q: self._support_passages(retriever, q)) if retriever is not None else None
        draft = respond(question, found, mode.rag, state, overrides, relevant=hits, lookup=lookup)
        backend = self._pick_backend(mode, warnings)
        request = None
        if question and not isinstance(backend, TemplateBackend) and draft.understanding.intent not in ("empty", "meta"):
            passages = (draft.quoted or tuple(hits)) if mode.rag else ()  # an LLM cites what it was shown
            request = GenerationRequest(question=question, lang=draft.lang, draft=draft.text,
                                        recommendation=draft.decision.recommendation, passages=passages,
                                        history=trim_history(history), adapter=mode.adapter,
                                        reading=reading_text(draft.understanding.situation.known()))
        return _Turn(mode, draft, hits, backend, request, warnings, t0, time.perf_counter())

    def _finish(self, turn: _Turn, text: str) -> Answer:
        t2 = time.perf_counter()
        draft = turn.draft
        cited, backend_name, recommendation = draft.quoted, "template", draft.decision.recommendation
        if turn.generated:
            cited, backend_name = turn.request.passages, turn.backend.name
            if turn.mode.adapter:
                recommendation = stated_recommendation(text)  # what the fine-tuned model itself recommends
        return Answer(text=text, language=draft.lang, recommendation=recommendation,
                      sources=tuple(Source.from_hit(h) for h in cited), mode=turn.mode,
                      timings_ms={"retrieve": _ms(turn.composed - turn.started), "generate": _ms(t2 - turn.composed),
                                  "total": _ms(t2 - turn.started)},
                      backend=backend_name, warnings=tuple(turn.warnings), understanding=draft.understanding)

    def redecide(self, understanding: Understanding, overrides: dict[str, object], mode: Mode | None = None) -> Answer:
        """Re-decide an answered situation with slots corrected by hand, without retrieving again: supporting
        passages come only from those already looked up. Template text; the corrected state is the answer's."""
        mode = mode or Mode()
        t0 = time.perf_counter()
        retriever = self._retriever if mode.rag else None
        lookup = (lambda q: self._support_cache.get((id(retriever), q), [])) if retriever is not None else None
        draft = redecide(understanding, overrides, mode.rag, lookup)
        total = _ms(time.perf_counter() - t0)
        return Answer(text=draft.text, language=draft.lang, recommendation=draft.recommendation,
                      sources=tuple(Source.from_hit(h) for h in draft.quoted), mode=mode,
                      timings_ms={"retrieve": 0.0, "generate": total, "total": total}, understanding=draft.understanding)

    def _support_passages(self, retriever, query: str) -> list:
        """Passages for a recommendation's reasons: the same few queries recur, so they are cached per index."""
        key = (id(retriever), query)
        if key not in self._support_cache:
            if len(self._support_cache) >= SUPPORT_CACHE:
                self._support_cache.pop(next(iter(self._support_cache)))
            self._support_cache[key] = retriever.search(query, k=8)
        return self._support_cache[key]

    def _pick_backend(self, mode: Mode, warnings: list[str]) -> Backend:
        if not mode.adapter:
            backend = self.backend
            if self.backend_warning:
                warnings.append(self.backend_warning)
            return backend
        try:
            return self._adapter_backend(mode.adapter)
        except BotError as exc:
            warnings.append(f"{exc}; answering without the adapter")
            return TemplateBackend()

    @classmethod
    def _generate(cls, backend: Backend, request: GenerationRequest, warnings: list[str]) -> str:
        return cls._checked(backend.generate(request), request, warnings)

    @staticmethod
    def _checked(reply: str, request: GenerationRequest, warnings: list[str]) -> str:
        """A finished LLM reply without remote images, with a warning for numbers no source carries."""
        from bot.backends.grounding import strip_remote_images, unsupported_numbers

        reply = strip_remote_images(reply)
        sources = [h.chunk.text for h in request.passages] + [request.draft]
        flagged = unsupported_numbers(reply, sources, request.question)
        if flagged:
            warnings.append("numbers not found in any source: " + ", ".join(flagged))
        return reply

    def compare(self, question: str, history: Sequence[tuple[str, str]] = (), adapter: str | None = None) -> list[Answer]:
        """The same question in every available mode: prompt-only, RAG, and with an adapter if one is given."""
        return list(self.compare_iter(question, history, adapter))

    def compare_iter(self, question: str, history: Sequence[tuple[str, str]] = (),
                     adapter: str | None = None) -> Iterator[Answer]:
        """``compare`` one column at a time (the finished answers of :meth:`compare_stream`)."""
        for _, item in self.compare_stream(question, history, adapter):
            if isinstance(item, Answer):
                yield item

    def compare_stream(self, question: str, history: Sequence[tuple[str, str]] = (),
                       adapter: str | None = None) -> Iterator[tuple[int, str | Answer]]:
        """Every column in turn as (column, text so far), then (column, finished Answer). With an adapter the
        first two columns run on the adapter's own base model, adapter off and shown only the question (and
        passages): base, base + RAG, LoRA, LoRA + RAG all on one model, each badge showing the recommendation
        its text states."""
        base = self._base_model_twin(adapter) if adapter else None
        runs = [(base or self, Mode(rag=rag)) for rag in (False, True)]
        if adapter:
            runs += [(self, Mode(rag=rag, adapter=adapter)) for rag in (False, True)]
        for column, (pipeline, mode) in enumerate(runs):
            for item in pipeline.ask_stream(question, history, mode):
                if isinstance(item, Answer) and pipeline is base and item.backend != "template":
                    item = dataclasses.replace(item, recommendation=stated_recommendation(item.text))
                yield column, item

    def _base_model_twin(self, adapter: str) -> Pipeline | None:
        """A pipeline sharing this one's index and embedder that prompts the adapter's base model directly."""
        from bot.backends.base import PromptOnly

        try:
            backend = self._adapter_backend(adapter)
        except BotError:
            return None  # the adapter columns say why
        twin = Pipeline(self.settings, embedder=self._embedder, backend=PromptOnly(backend), tokenizer=self.tokenizer)
        twin._retriever, twin.index_warning = self.retriever(), self.index_warning
        return twin


@dataclass
class _Turn:
    """One answer between composing and generating (internal to the pipeline)."""

    mode: Mode
    draft: object  # bot.respond's draft: understanding, decision, text, quoted passages
    hits: list
    backend: Backend
    request: GenerationRequest | None  # None: the built-in advisor's text is the answer
    warnings: list[str]
    started: float
    composed: float
    generated: bool = False


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)
