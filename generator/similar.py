"""Related records computed at build time from what records share.

A record's features are its policy areas, tags, jurisdiction and states.
Two records score the sum, over the features they share, of the feature's
kind weight times its rarity (a tag two records share says more than
"Immigration", which nearly all share). Ties go to the newer record, then to
the id, so the lists are the same on every build.

To keep the build linear, candidates are gathered only from features held by
at most MAX_POSTING records; a feature held by more still adds to the score
of candidates found otherwise, and if too few are found its first records
(newest first) are taken as candidates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from .library import Library
from .records import Record
from .taxonomy import fold

LIMIT = 5
MAX_POSTING = 200
WEIGHTS = {"jurisdiction": 3.0, "tag": 2.0, "state": 1.5, "area": 1.0}

Feature = tuple[str, str]


def features(record: Record) -> set[Feature]:
    found: set[Feature] = {("area", a) for a in record.policy_areas}
    found |= {("tag", fold(t)) for t in record.tags}
    found |= {("state", s) for s in record.states}
    if record.jurisdiction:
        found.add(("jurisdiction", fold(record.jurisdiction)))
    return found


def similar_records(library: Library, limit: int = LIMIT, exclude: Mapping[str, Iterable[str]] | None = None) -> dict[str, list[str]]:
    """For each record id, up to `limit` ids of other records, most similar first.

    `exclude` names records not to suggest for a record (e.g. those an editor already listed).
    """
    ordered = library.newest_first()
    rank = {r.id: i for i, r in enumerate(ordered)}
    feats = {r.id: features(r) for r in ordered}
    postings: dict[Feature, list[str]] = defaultdict(list)
    for record in ordered:
        for feature in feats[record.id]:
            postings[feature].append(record.id)
    total = len(ordered)
    weight = {f: WEIGHTS[f[0]] * math.log(1 + total / len(ids)) for f, ids in postings.items()}

    result: dict[str, list[str]] = {}
    for record in ordered:
        mine = feats[record.id]
        skip = {record.id, *(exclude or {}).get(record.id, ())}
        candidates: set[str] = set()
        common: list[Feature] = []
        for feature in mine:
            ids = postings[feature]
            if len(ids) <= MAX_POSTING:
                candidates.update(ids)
            else:
                common.append(feature)
        candidates -= skip
        if len(candidates) < limit:
            for feature in sorted(common, key=lambda f: (-weight[f], f)):
                candidates.update(i for i in postings[feature][:MAX_POSTING] if i not in skip)
        scored = []
        for other in candidates:
            score = sum(weight[f] for f in mine & feats[other])
            if score > 0:
                scored.append((-round(score, 9), rank[other], other))
        scored.sort()
        result[record.id] = [other for _, _, other in scored[:limit]]
    return result
