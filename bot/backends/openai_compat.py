"""Any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server) over plain HTTP with httpx."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx

from bot.backends.base import GenerationRequest
from bot.backends.prompting import build_messages
from bot.errors import BackendError

log = logging.getLogger(__name__)

_FALLBACK_HINT = "start it or set ADVISOR_BACKEND=template"


class OpenAICompatBackend:
    """Chat completions from ``{base_url}/chat/completions``; greedy, ``max_tokens`` capped."""

    name = "openai"

    def __init__(self, base_url: str, model: str = "", api_key: str = "", timeout_s: float = 60.0,
                 max_new_tokens: int = 256, transport: httpx.BaseTransport | None = None):
        if timeout_s <= 0:
            raise BackendError(f"request timeout must be positive, got {timeout_s} (ADVISOR_REQUEST_TIMEOUT_S)")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.timeout_s = timeout_s
        self.max_new_tokens = max_new_tokens
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout_s,
                                    transport=transport)

    @classmethod
    def from_settings(cls, settings) -> OpenAICompatBackend:
        return cls(settings.openai_base_url, settings.model, settings.openai_api_key,
                   settings.request_timeout_s, settings.max_new_tokens)

    def close(self) -> None:
        self._client.close()

    # --- errors -----------------------------------------------------------------------------------
    def _error(self, exc: Exception) -> BackendError:
        url = self.base_url
        if isinstance(exc, httpx.TimeoutException):
            return BackendError(
                f"the LLM server at {url} did not answer within {self.timeout_s:g} s; raise "
                f"ADVISOR_REQUEST_TIMEOUT_S, check the server, or set ADVISOR_BACKEND=template"
            )
        if isinstance(exc, httpx.HTTPStatusError):
            try:
                body = exc.response.text[:200].strip()
            except httpx.ResponseNotRead:
                body = ""
            detail = f": {body}" if body else ""
            return BackendError(
                f"the LLM server at {url} answered HTTP {exc.response.status_code}{detail}; check "
                f"ADVISOR_MODEL ({self.model or 'unset'}) and the server log, or set ADVISOR_BACKEND=template"
            )
        return BackendError(f"cannot reach the LLM server at {url}: {exc}; {_FALLBACK_HINT}")

    def _payload(self, request: GenerationRequest, stream: bool) -> dict[str, Any]:
        return {
            "model": self.model or self._default_model(),
            "messages": build_messages(request),
            "max_tokens": self.max_new_tokens,
            "temperature": 0,
            "stream": stream,
        }

    def _default_model(self) -> str:
        """The server's first model, for servers that host one (vLLM, llama.cpp) when ADVISOR_MODEL is unset."""
        try:
            response = self._client.get("/models")
            response.raise_for_status()
            self.model = str(response.json()["data"][0]["id"])
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
            if isinstance(exc, httpx.TransportError):
                raise self._error(exc) from exc
            raise BackendError(
                f"ADVISOR_MODEL is not set and the LLM server at {self.base_url} does not list a model; "
                f"set ADVISOR_MODEL to the served model name"
            ) from exc
        log.info("using model %s served at %s", self.model, self.base_url)
        return self.model

    # --- generation -------------------------------------------------------------------------------
    def generate(self, request: GenerationRequest) -> str:
        payload = self._payload(request, stream=False)
        try:
            response = self._client.post("/chat/completions", json=payload)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise self._error(exc) from exc
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BackendError(
                f"the LLM server at {self.base_url} sent a reply that is not an OpenAI chat completion "
                f"({response.text[:120]!r}); check ADVISOR_OPENAI_BASE_URL or set ADVISOR_BACKEND=template"
            ) from exc
        return (content or "").strip()

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        payload = self._payload(request, stream=True)
        try:
            with self._client.stream("POST", "/chat/completions", json=payload) as response:
                if response.is_error:
                    response.read()
                    response.raise_for_status()
                yield from self._parse_sse(response.iter_lines())
        except httpx.HTTPError as exc:
            raise self._error(exc) from exc

    def _parse_sse(self, lines: Iterator[str]) -> Iterator[str]:
        finished = False
        for line in lines:
            line = line.strip()
            if not line or line.startswith(":") or line.startswith(("event:", "id:", "retry:")):
                continue
            if not line.startswith("data:"):
                raise self._garbage(line)
            data = line[5:].strip()
            if data == "[DONE]":
                return
            try:
                choice = json.loads(data)["choices"][0]
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise self._garbage(data) from exc
            if choice.get("finish_reason"):
                finished = True
            piece = (choice.get("delta") or {}).get("content")
            if piece:
                yield piece
        if not finished:
            raise BackendError(
                f"the stream from the LLM server at {self.base_url} ended before the answer finished; "
                f"check the server log or set ADVISOR_BACKEND=template"
            )

    def _garbage(self, line: str) -> BackendError:
        return BackendError(
            f"the LLM server at {self.base_url} sent a stream that is not OpenAI server-sent events "
            f"({line[:80]!r}); check ADVISOR_OPENAI_BASE_URL or set ADVISOR_BACKEND=template"
        )
