"""What the search page says about a text search, shipped in the index's manifest so that no sentence is written in JavaScript.

Placeholders in braces are filled by the page (render.js).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # No record holds every word: the page shows those that hold the most.
    "partial": "No record matches all {required} words; showing those that match {matched}.",
    "suggest": "Did you mean",
    # A result found only in its attached document ({kind}: one of KINDS).
    "attachment": "in the attached {kind}",
}

# The kinds of attached document (model.attachments.KINDS' values), as the page names them.
KINDS: dict[str, str] = {"pdf": "PDF", "text": "document"}
