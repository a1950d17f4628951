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

from policy_library.model.library import Library
from policy_library.model.records import Record
from policy_library.model.taxonomy import comparable

LIMIT = 5
MAX_POSTING = 100
WEIGHTS = {"jurisdiction": 3.0, "tag": 2.0, "state": 1.5, "area": 1.0}

Feature = tuple[str, str]


def features(record: Record) -> set[Feature]:
    found: set[Feature] = {("area", a) for a in record.policy_areas}
    found |= {("tag", comparable(t)) for t in record.tags}
    found |= {("state", s) for s in record.states}
    if record.jurisdiction:
        found.add(("jurisdiction", comparable(record.jurisdiction)))
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

    # The records holding each feature too common to gather candidates from, as sets: a candidate's
    # share of them is a set intersection, not a look-up per candidate and feature.
    holders = {f: set(ids) for f, ids in postings.items() if len(ids) > MAX_POSTING}
    result: dict[str, list[str]] = {}
    for record in ordered:
        mine = feats[record.id]
        skip = {record.id, *(exclude or {}).get(record.id, ())}
        scores: dict[str, float] = defaultdict(float)
        common: list[Feature] = []
        for feature in sorted(mine):  # a fixed order of float additions, whatever the hash seed
            if feature in holders:
                common.append(feature)
                continue
            w = weight[feature]
            for other in postings[feature]:
                scores[other] += w
        for other in skip:
            scores.pop(other, None)
        common.sort(key=lambda f: (-weight[f], f))
        if len(scores) < limit:
            extra = set().union(*(postings[feature][:MAX_POSTING] for feature in common))
            scores.update(dict.fromkeys(extra.difference(skip, scores), 0.0))
        for feature in common:  # each candidate's additions stay in this order
            w = weight[feature]
            for other in holders[feature].intersection(scores):
                scores[other] += w
        result[record.id] = _best(scores, rank, limit)
    return result


def _best(scores: dict[str, float], rank: Mapping[str, int], limit: int) -> list[str]:
    """The `limit` ids of highest score (above 0), rounded to 9 decimals, ties to the lower rank.

    Only scores within a millionth of the limit-th highest can be among them (rounding to 9
    decimals moves a score by far less), so only those are rounded and sorted."""
    values = sorted(scores.values(), reverse=True)
    floor = values[limit - 1] - 1e-6 if len(values) >= limit else -math.inf
    ranked = sorted((-round(score, 9), rank[other], other) for other, score in scores.items() if score > 0 and score >= floor)
    return [other for _, _, other in ranked[:limit]]
