"""The one chat pipeline: question + mode -> language -> retrieval -> advisor -> backend -> ``Answer``."""

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
from bot.errors import BackendError, BotError, IndexCorrupt, IndexMissing, RebuildRequired
from bot.settings import Settings
from bot.types import Answer, Mode, Reason, Recommendation, Source
from knowledge.lang import detect_language, normalize, tokenize

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 4000  # longer input is cut (a 100 KB paste still gets an answer)
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class AdapterInfo:
    name: str
    path: Path


class Pipeline:
    """Owns the loaded index, embedder and backends; the CLI and the web app only call its methods."""

    def __init__(self, settings: Settings, embedder=None, backend: Backend | None = None,
                 tokenizer: Callable[[str], list[str]] = tokenize):
        self.settings = settings
        self.tokenizer = tokenizer
        self._embedder = embedder
        self._backend = backend
        self.backend_warning: str | None = None
        self.index_warning: str | None = None
        self._retriever = None
        self._load_lock = threading.Lock()
        self._adapter_backends: dict[str, Backend] = {}

    # ---- models and index -------------------------------------------------------------------------
    @property
    def embedder(self):
        if self._embedder is None:
            from knowledge.embedding import load_embedder

            self._embedder = load_embedder(self.settings.embedder)
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
        """The serving retriever; built from the bundled notes on first use when no index exists."""
        if self._retriever is None:
            with self._load_lock:
                if self._retriever is None:
                    self._retriever = self._open_index()
        return self._retriever

    def _open_index(self):
        from knowledge import store
        from knowledge.retriever import HybridRetriever

        path = self.settings.index_path
        emb = self.embedder
        try:
            stored = store.load_index(path, emb.name, emb.dim)
        except IndexMissing:
            log.info("no index at %s: building one from %s", path, self.settings.corpus_dir)
            self.build([self.settings.corpus_dir], path)
            stored = store.load_index(path, emb.name, emb.dim)
        except (IndexCorrupt, RebuildRequired) as exc:
            fallback = Path(self.settings.data_dir) / "builtin-index"
            self.index_warning = f"{exc}; answering from the built-in knowledge base until a rebuild"
            log.warning(self.index_warning)
            if not store.exists(fallback):
                self.build([self.settings.corpus_dir], fallback)
            stored = store.load_index(fallback, emb.name, emb.dim)
        return HybridRetriever(stored, emb, self.settings, tokenizer=self.tokenizer)

    def build(self, roots: Sequence[Path], index_dir: Path, progress: Progress | None = None):
        from knowledge.build import build_index

        return build_index([Path(r) for r in roots], Path(index_dir), self.embedder, self.settings,
                           progress=progress, tokenizer=self.tokenizer)

    def rebuild(self, roots: Sequence[Path], progress: Progress | None = None):
        """Rebuild the serving index from ``roots``; questions keep using the old one until the swap."""
        from knowledge import store
        from knowledge.retriever import HybridRetriever

        report = self.build(roots, self.settings.index_path, progress)
        stored = store.load_index(self.settings.index_path, self.embedder.name, self.embedder.dim)
        self._retriever = HybridRetriever(stored, self.embedder, self.settings, tokenizer=self.tokenizer)
        self.index_warning = None
        return report

    def reset_index(self, progress: Progress | None = None):
        return self.rebuild([self.settings.corpus_dir], progress)

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
    def ask(self, question: str, history: Sequence[tuple[str, str]] = (), mode: Mode | None = None) -> Answer:
        from bot.advisor import advise

        mode = mode or Mode()
        t0 = time.perf_counter()
        question = normalize(question or "").strip()[:MAX_QUESTION_CHARS]
        earlier = [normalize(u) for u, _ in history if u]
        lang = detect_language(question, default=detect_language(" ".join(earlier[-2:]), default="en"))
        hits = []
        warnings: list[str] = []
        retriever = self.retriever() if mode.rag and question else None  # one index for the whole answer
        if retriever is not None:
            hits = retriever.search(question, relevant_only=True)
            if self.index_warning:
                warnings.append(self.index_warning)
        t1 = time.perf_counter()
        draft = advise(question, lang, hits, rag=mode.rag, history=earlier)
        if retriever is not None and draft.kind == "situation" and draft.recommendation and not draft.quoted:
            # a situation rarely reads like the passages that back the advice: look up the reasons instead
            evidence = retriever.search(" ".join(r.text for r in draft.recommendation.reasons), k=8)
            draft = advise(question, lang, [*hits, *evidence], rag=True, history=earlier)
            t1 = time.perf_counter()
        text, backend_name = draft.text, "template"
        cited = tuple(draft.quoted) if mode.rag else ()  # the advisor cites exactly what it quotes
        backend = self._pick_backend(mode, warnings)
        if question and not isinstance(backend, TemplateBackend) and draft.kind not in ("empty", "greeting"):
            passages = (cited or tuple(hits)) if mode.rag else ()  # an LLM cites what it was shown
            request = GenerationRequest(question=question, lang=lang, draft=draft.text,
                                        recommendation=draft.recommendation, passages=passages,
                                        history=tuple(history), adapter=mode.adapter)
            try:
                text, backend_name = self._generate(backend, request, warnings), backend.name
                cited = passages
            except BackendError as exc:
                warnings.append(f"{exc}; showing the built-in advisor's answer")
        t2 = time.perf_counter()
        recommendation = draft.recommendation
        if mode.adapter and backend_name != "template":
            recommendation = _stated_recommendation(text)  # what the fine-tuned model itself recommends
        return Answer(text=text, language=lang, recommendation=recommendation,
                      sources=tuple(Source.from_hit(h) for h in cited), mode=mode,
                      timings_ms={"retrieve": _ms(t1 - t0), "generate": _ms(t2 - t1), "total": _ms(t2 - t0)},
                      backend=backend_name, warnings=tuple(warnings))

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

    @staticmethod
    def _generate(backend: Backend, request: GenerationRequest, warnings: list[str]) -> str:
        from bot.backends.grounding import strip_remote_images, unsupported_numbers

        reply = strip_remote_images(backend.generate(request))
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
        """``compare`` one column at a time. With an adapter, the first two columns run on the adapter's own
        base model, adapter off and shown only the question (and passages): base, base + RAG, LoRA, LoRA + RAG
        all on one model, each badge showing the recommendation its text states."""
        base = self._base_model_twin(adapter) if adapter else None
        for rag in (False, True):
            if base is None:
                yield self.ask(question, history, Mode(rag=rag))
            else:
                answer = base.ask(question, history, Mode(rag=rag))
                stated = _stated_recommendation(answer.text) if answer.backend != "template" else answer.recommendation
                yield dataclasses.replace(answer, recommendation=stated)
        if adapter:
            for rag in (False, True):
                yield self.ask(question, history, Mode(rag=rag, adapter=adapter))

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


def _stated_recommendation(reply: str) -> Recommendation | None:
    """The label and reason an adapter's advice-format reply states; None when it states no valid label."""
    from adapters.dataset import parse_field, parse_label

    label = parse_label(reply)
    if label is None:
        return None
    why = parse_field(reply, 1)
    return Recommendation(label=label, reasons=(Reason(why),) if why else ())


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)
