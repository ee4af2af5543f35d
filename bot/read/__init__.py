"""Reading: from retrieved passages to the unit that answers (a sentence, a table cell, or supporting quotes)."""

from bot.read.reader import Candidate, Evidence, named_documents, read
from bot.read.support import support

__all__ = ["Candidate", "Evidence", "named_documents", "read", "support"]
