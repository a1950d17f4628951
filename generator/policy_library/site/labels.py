"""What the pages call fields and values in one language: the field registry's labels and the catalogue's words.

Values stay canonical everywhere else (URLs, filters, records.json): only what a
visitor reads is translated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policy_library.model.dates import PartialDate
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy
from policy_library.site.i18n import Messages

# The field kinds whose values have labels of their own (others are shown as written).
LABELLED_KINDS = ("choice", "state", "language")


@dataclass
class Labels:
    taxonomy: Taxonomy
    messages: Messages

    @property
    def language(self) -> str:
        return self.messages.language

    def field(self, name: str) -> str:
        return self.taxonomy.field(name).label_in(self.language)

    def plural(self, name: str) -> str:
        return self.taxonomy.field(name).plural_in(self.language)

    def value(self, name: str, value: str) -> str:
        spec = self.taxonomy.fields.get(name)
        if spec is not None and spec.kind == "language":
            return self.messages.language_name(value)
        return self.taxonomy.value_label(name, value, self.language)

    def date(self, date: PartialDate | None) -> str:
        return self.messages.date(date)

    def facts(self, record: Record) -> list[str]:
        """The line under a listed record's title (search.fragments.result_facts' order), in this language."""
        from policy_library.search.fragments import result_facts

        language = self.taxonomy.fields["language"].default if "language" in self.taxonomy.fields else "en"
        return result_facts(
            self.value("document_type", record.document_type),
            self.value("level", record.level) if record.level else "",
            record.jurisdiction or ", ".join(self.value("states", s) for s in record.states),
            record.organization or "",
            self.date(record.date),
            self.value("language", record.language) if record.language != (language or "en") else "",
        )

    def search_labels(self) -> dict[str, Any]:
        """What the search page's script calls each filter and each value with a label of its own, in this language."""
        out: dict[str, Any] = {}
        for spec in self.taxonomy.facets:
            values: dict[str, str] = {}
            if spec.kind in LABELLED_KINDS:
                for value in self.taxonomy.value_order(spec.name) or []:
                    label = self.value(spec.name, value)
                    if label != value:
                        values[value] = label
            out[spec.name] = {"label": self.field(spec.name), "values": values}
        return out
