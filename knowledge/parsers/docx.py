"""DOCX: paragraphs and tables in document order, after the zip and XML checks in knowledge.safety."""

from __future__ import annotations

import zipfile
from io import BytesIO

from knowledge.errors import SkipFile
from knowledge.parsers import Parsed
from knowledge.safety import check_zip


def parse_docx(data: bytes, max_entries: int, max_uncompressed: int, max_ratio: float) -> Parsed:
    """Text and core-properties title of a Word document; SkipFile for bombs and broken packages."""
    zf = check_zip(data, max_entries, max_uncompressed, max_ratio)
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        raise SkipFile("not a word document (word/document.xml missing)")
    if "[Content_Types].xml" not in names:
        raise SkipFile("not a word document ([Content_Types].xml missing)")
    import docx
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(BytesIO(data))
        text = "\n\n".join(_blocks(document))
        title = (document.core_properties.title or "").strip()
    except (OpcError, PythonDocxError, LxmlError, zipfile.BadZipFile, KeyError, ValueError, TypeError,
            AttributeError, IndexError) as exc:
        raise SkipFile(f"unreadable word document ({type(exc).__name__}: {str(exc)[:200]})") from exc
    return Parsed(text=text, title=title[:300] or None)


def _blocks(document):
    """Non-empty paragraphs, and each table as a markdown pipe table."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            from knowledge.parsers.html import markdown_table

            rows = [cells for cells in (_row_cells(row) for row in block.rows) if any(cells)]
            table = markdown_table(rows)
            if table:
                yield table
        elif block.text.strip():
            yield block.text


def _row_cells(row) -> list[str]:
    cells, seen = [], set()
    for cell in row.cells:
        if cell._tc in seen:  # a merged cell is reported once per grid column it spans
            continue
        seen.add(cell._tc)
        cells.append(" ".join(cell.text.split()).replace("|", "/"))
    return cells
