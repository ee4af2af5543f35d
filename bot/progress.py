"""Progress callbacks: ``(fraction, message)`` shown as a tqdm bar on stderr."""

from __future__ import annotations


class TqdmProgress:
    """A context manager that is also a ``Progress`` callback."""

    def __init__(self, total: int = 100):
        self.total = total
        self._bar = None

    def __enter__(self) -> TqdmProgress:
        from tqdm import tqdm

        self._bar = tqdm(total=self.total, desc="indexing", unit="%", leave=False)
        return self

    def __call__(self, fraction: float, message: str) -> None:
        if self._bar is not None:
            self._bar.n = int(max(0.0, min(1.0, fraction)) * self.total)
            self._bar.set_description(message[:40])
            self._bar.refresh()

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.close()
