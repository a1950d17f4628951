"""A deterministic generator of realistic policy libraries of any size.

The same (n, seed) always gives byte-identical records, so every system in the
benchmark indexes the same text and runs can be compared across machines.
Bodies follow a Zipf-like law over common words, domain terms, proper nouns and
a long tail of rare terms (section numbers, docket numbers, uncommon words), so
that the number of distinct terms grows with the library as real text does.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policy_library.model.taxonomy import STATES, Taxonomy

ROOT = Path(__file__).resolve().parent.parent

COMMON_EN = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "for",
    "on",
    "by",
    "with",
    "as",
    "be",
    "this",
    "are",
    "from",
    "or",
    "at",
    "which",
    "it",
    "an",
    "not",
    "any",
    "its",
    "shall",
    "under",
    "may",
    "such",
    "have",
    "has",
    "was",
    "were",
    "all",
    "other",
    "their",
    "been",
    "who",
    "will",
    "would",
    "if",
    "no",
    "these",
    "more",
    "when",
    "also",
    "than",
    "only",
    "into",
    "after",
    "those",
    "each",
    "there",
    "can",
    "upon",
    "must",
    "before",
    "within",
    "without",
    "between",
]
DOMAIN_EN = [
    "immigration",
    "enforcement",
    "detainer",
    "detainers",
    "hold",
    "holds",
    "request",
    "requests",
    "ice",
    "federal",
    "local",
    "county",
    "city",
    "state",
    "police",
    "sheriff",
    "jail",
    "jails",
    "custody",
    "warrant",
    "judicial",
    "judge",
    "court",
    "courthouse",
    "arrest",
    "arrests",
    "ordinance",
    "policy",
    "policies",
    "resolution",
    "statute",
    "bill",
    "law",
    "laws",
    "agency",
    "agencies",
    "officer",
    "officers",
    "deputy",
    "deputies",
    "inmate",
    "inmates",
    "release",
    "released",
    "booking",
    "notification",
    "notify",
    "information",
    "share",
    "sharing",
    "database",
    "fingerprint",
    "fingerprints",
    "program",
    "programs",
    "secure",
    "communities",
    "priority",
    "criminal",
    "alien",
    "aliens",
    "removal",
    "deportation",
    "deportations",
    "noncitizen",
    "noncitizens",
    "immigrant",
    "immigrants",
    "status",
    "citizenship",
    "visa",
    "visas",
    "certification",
    "victim",
    "victims",
    "crime",
    "crimes",
    "trafficking",
    "witness",
    "cooperation",
    "trust",
    "community",
    "communities",
    "public",
    "safety",
    "resident",
    "residents",
    "family",
    "families",
    "children",
    "school",
    "schools",
    "student",
    "students",
    "education",
    "health",
    "care",
    "hospital",
    "clinic",
    "housing",
    "tenant",
    "tenants",
    "landlord",
    "eviction",
    "worker",
    "workers",
    "employer",
    "employers",
    "labor",
    "wage",
    "wages",
    "retaliation",
    "discrimination",
    "civil",
    "rights",
    "constitution",
    "constitutional",
    "amendment",
    "fourth",
    "fourteenth",
    "due",
    "process",
    "liability",
    "lawsuit",
    "litigation",
    "settlement",
    "damages",
    "compliance",
    "funding",
    "grant",
    "grants",
    "budget",
    "appropriation",
    "report",
    "reports",
    "data",
    "transparency",
    "oversight",
    "audit",
    "review",
    "complaint",
    "complaints",
    "hearing",
    "counsel",
    "defender",
    "defenders",
    "attorney",
    "attorneys",
    "representation",
    "legal",
    "advice",
    "consultation",
    "specialist",
    "specialists",
    "advisory",
    "guidance",
    "memo",
    "memorandum",
    "directive",
    "executive",
    "order",
    "governor",
    "mayor",
    "council",
    "supervisors",
    "board",
    "commission",
    "legislature",
    "legislative",
    "assembly",
    "senate",
    "house",
    "committee",
    "vote",
    "voters",
    "election",
    "elections",
    "voting",
    "registration",
    "ballot",
    "sanctuary",
    "refuge",
    "welcoming",
    "inclusive",
    "protection",
    "protections",
    "limits",
    "prohibits",
    "requires",
    "authorizes",
    "prohibited",
    "required",
    "authorized",
    "interview",
    "interviews",
    "access",
    "facility",
    "facilities",
    "detention",
    "detained",
    "detainee",
    "detainees",
    "transfer",
    "transfers",
    "contract",
    "contracts",
    "agreement",
    "agreements",
    "memorandum",
    "partnership",
    "287g",
    "task",
    "force",
    "surveillance",
    "technology",
    "privacy",
    "license",
    "licenses",
    "driver",
    "drivers",
    "identification",
    "card",
    "cards",
    "benefits",
    "medicaid",
    "tuition",
    "in-state",
    "minimum",
    "employment",
    "housing",
    "transit",
    "transportation",
    "environment",
    "environmental",
    "economic",
    "development",
    "budget",
    "taxes",
    "revenue",
]
COMMON_ES = [
    "el",
    "la",
    "de",
    "que",
    "y",
    "a",
    "en",
    "los",
    "las",
    "del",
    "se",
    "por",
    "un",
    "una",
    "con",
    "no",
    "su",
    "para",
    "es",
    "al",
    "lo",
    "como",
    "más",
    "o",
    "pero",
    "sus",
    "le",
    "ha",
    "este",
    "sí",
    "porque",
    "esta",
    "entre",
    "cuando",
    "muy",
    "sin",
    "sobre",
    "también",
]
DOMAIN_ES = [
    "inmigración",
    "inmigrante",
    "inmigrantes",
    "orden",
    "órdenes",
    "detención",
    "policía",
    "cárcel",
    "condado",
    "ciudad",
    "estado",
    "federal",
    "local",
    "ley",
    "leyes",
    "política",
    "políticas",
    "ordenanza",
    "resolución",
    "tribunal",
    "corte",
    "juez",
    "arresto",
    "arrestos",
    "asesoría",
    "asesoría",
    "legal",
    "abogado",
    "abogados",
    "defensor",
    "defensores",
    "comunidad",
    "comunidades",
    "confianza",
    "seguridad",
    "pública",
    "derechos",
    "civiles",
    "familias",
    "niños",
    "escuela",
    "escuelas",
    "estudiantes",
    "salud",
    "vivienda",
    "inquilino",
    "inquilinos",
    "trabajador",
    "trabajadores",
    "empleador",
    "salario",
    "discriminación",
    "protección",
    "protecciones",
    "visa",
    "víctima",
    "víctimas",
    "delito",
    "delitos",
    "información",
    "datos",
    "programa",
    "programas",
    "deportación",
    "santuario",
    "refugio",
    "acuerdo",
    "contrato",
    "agencia",
    "agentes",
    "oficial",
    "oficiales",
    "solicitud",
    "solicitudes",
    "retención",
    "custodia",
    "audiencia",
    "guía",
    "informe",
    "investigación",
    "consulta",
    "especialista",
    "especialistas",
    "estatus",
    "ciudadanía",
    "licencia",
    "licencias",
    "identificación",
    "beneficios",
]
FIRST_NAMES = [
    "Maria",
    "Jose",
    "Juan",
    "Ana",
    "Luis",
    "Carmen",
    "Carlos",
    "Rosa",
    "Miguel",
    "Elena",
    "David",
    "Sarah",
    "Michael",
    "Jennifer",
    "Robert",
    "Linda",
    "James",
    "Patricia",
    "John",
    "Barbara",
    "William",
    "Elizabeth",
    "Thomas",
    "Susan",
    "Daniel",
    "Jessica",
    "Matthew",
    "Karen",
    "Anthony",
    "Nancy",
    "Mark",
    "Lisa",
    "Steven",
    "Betty",
    "Paul",
    "Sandra",
    "Andrew",
    "Ashley",
    "Joshua",
    "Kimberly",
    "Kevin",
    "Donna",
    "Brian",
    "Emily",
]
SURNAMES = [
    "Garcia",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Perez",
    "Sanchez",
    "Ramirez",
    "Torres",
    "Flores",
    "Rivera",
    "Gomez",
    "Diaz",
    "Reyes",
    "Morales",
    "Cruz",
    "Ortiz",
    "Gutierrez",
    "Chavez",
    "Ramos",
    "Ruiz",
    "Alvarez",
    "Mendoza",
    "Castillo",
    "Jimenez",
    "Moreno",
    "Romero",
    "Herrera",
    "Medina",
    "Aguilar",
    "Vargas",
    "Castro",
    "Guzman",
    "Fernandez",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Nguyen",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
]
PLACES = [
    "Seattle",
    "Portland",
    "Oakland",
    "Fresno",
    "Sacramento",
    "Denver",
    "Austin",
    "Houston",
    "Dallas",
    "Phoenix",
    "Tucson",
    "Chicago",
    "Boston",
    "Newark",
    "Philadelphia",
    "Baltimore",
    "Atlanta",
    "Miami",
    "Orlando",
    "Minneapolis",
    "Milwaukee",
    "Detroit",
    "Cleveland",
    "Columbus",
    "Albuquerque",
    "Reno",
    "Boise",
    "Salem",
    "Olympia",
    "Tacoma",
    "Spokane",
    "Eugene",
    "Berkeley",
    "Richmond",
    "Alameda",
    "Marin",
    "Sonoma",
    "Yolo",
    "Multnomah",
    "Washington",
    "Clackamas",
    "Travis",
    "Harris",
    "Cook",
    "Suffolk",
    "Middlesex",
    "Hennepin",
    "Ramsey",
    "Dane",
    "Wayne",
    "Cuyahoga",
    "Franklin",
    "Bernalillo",
    "Maricopa",
    "Pima",
    "Denver",
    "Boulder",
    "Santa-Clara",
    "San-Mateo",
    "Monterey",
    "Ventura",
    "Riverside",
    "Kern",
    "Tulare",
    "Merced",
    "Stanislaus",
    "Hidalgo",
    "Cameron",
    "Webb",
]
ORGS = (
    "Immigrant Legal Resource Center",
    "National Immigration Law Center",
    "American Civil Liberties Union",
    "Department of Homeland Security",
    "U.S. Immigration and Customs Enforcement",
    "Vera Institute of Justice",
    "Migration Policy Institute",
    "National Immigrant Justice Center",
    "Center for Popular Democracy",
    "Brennan Center for Justice",
    "Urban Institute",
    "Police Executive Research Forum",
    "National League of Cities",
    "Office of the Attorney General",
    "Board of Supervisors",
    "City Council",
    "County Council",
    "State Legislature",
    "Office of the Governor",
    "Public Defender's Office",
)
TAGS = (
    "detainers",
    "ICE holds",
    "judicial warrant",
    "Fourth Amendment",
    "jail",
    "courthouse arrests",
    "U visa",
    "T visa",
    "Criminal Alien Program",
    "Secure Communities",
    "PEP",
    "287(g)",
    "sanctuary",
    "data sharing",
    "public defenders",
    "tenant protection",
    "worker protection",
    "schools",
    "drivers licenses",
    "tuition",
    "health care",
    "surveillance",
    "trust act",
    "due process",
    "language access",
)
TITLE_SHAPES_EN = (
    "{place} {kind} on {topic}",
    "{kind} {num}: {topic}",
    "{topic}: A {kind} for {place}",
    "{org} {kind} on {topic}",
    "{place} {topic} {kind} of {year}",
)
TITLE_SHAPES_ES = ("{kind} de {place} sobre {topic}", "{topic}: guía para {place}", "{org}: {topic}")
TOPICS_EN = (
    "ICE Detainer Requests",
    "Civil Immigration Holds",
    "Courthouse Arrests",
    "U Visa Certification",
    "Immigrant Trust",
    "Sanctuary Protections",
    "Data Sharing with Federal Agencies",
    "Public Defender Immigration Advice",
    "Tenant Protection from Immigration Threats",
    "Worker Protection during Workplace Raids",
    "Safe Zones in Schools",
    "Secure Communities",
    "the Priority Enforcement Program",
    "the Criminal Alien Program",
    "287(g) Agreements",
    "Language Access in Policing",
    "Surveillance Technology Oversight",
    "In-State Tuition",
    "Driver's Licenses for All",
    "Health Coverage for Immigrant Children",
)
TOPICS_ES = (
    "órdenes de detención de ICE",
    "arrestos en los tribunales",
    "asesoría legal para inmigrantes",
    "protección de inquilinos",
    "confianza comunitaria",
    "certificación de visa U",
    "escuelas seguras",
)


@dataclass(frozen=True)
class Vocab:
    """Words by rank (most frequent first) with cumulative Zipf weights for sampling."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def zipf(cls, words: list[str], exponent: float = 1.05) -> Vocab:
        weights = itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, len(words) + 1))
        return cls(tuple(words), tuple(weights))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        total = self.cumulative[-1]
        cum = self.cumulative
        words = self.words
        return [words[bisect.bisect(cum, rng.random() * total)] for _ in range(k)]


@dataclass(frozen=True)
class Mixture:
    """Mostly core words, sometimes a word of the long tail: distinct terms grow like Heaps' law."""

    core: Vocab
    tail: Vocab
    tail_share: float = 0.12

    def sample(self, rng: random.Random, k: int) -> list[str]:
        n_tail = sum(rng.random() < self.tail_share for _ in range(k))
        words = self.core.sample(rng, k - n_tail) + self.tail.sample(rng, n_tail)
        rng.shuffle(words)
        return words


def _rare_terms(rng: random.Random, count: int) -> list[str]:
    """Pronounceable made-up words: the long tail of a real corpus (rare words, names, codes)."""
    onsets = [
        "b",
        "c",
        "d",
        "f",
        "g",
        "h",
        "j",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "w",
        "z",
        "br",
        "cr",
        "dr",
        "fl",
        "gr",
        "pl",
        "pr",
        "st",
        "tr",
        "ch",
        "sh",
        "th",
    ]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
    codas = ["n", "r", "s", "l", "t", "m", "nd", "st", "rt", "ck", "x"]
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        syllables = rng.choice((2, 2, 3, 3, 4))
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables)) + rng.choice(codas)
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


def _proper_nouns() -> list[str]:
    names = [f"{f} {s}" for f, s in itertools.islice(itertools.product(FIRST_NAMES, SURNAMES), 0, None, 7)]
    return [*SURNAMES, *(p.replace("-", " ") for p in PLACES), *names[:150]]


def _vocabularies(seed: int) -> tuple[Mixture, Mixture]:
    rng = random.Random(seed * 7919 + 1)
    rare = _rare_terms(rng, 150_000)
    proper = _proper_nouns()
    codes = [f"{prefix} {n}" for prefix in ("Section", "AB", "SB", "HR", "No.", "Rule") for n in range(1, 400, 3)]
    english = [*COMMON_EN, *DOMAIN_EN]
    domain = english[len(COMMON_EN) :]
    rng.shuffle(domain)  # frequency does not follow the alphabet
    english[len(COMMON_EN) :] = domain
    tail = [*proper, *codes, *rare]
    rng.shuffle(tail)
    spanish_tail = [*proper, *rare[:30_000]]
    return (
        Mixture(Vocab.zipf(english, 1.0), Vocab.zipf(tail, 1.1)),
        Mixture(Vocab.zipf([*COMMON_ES, *DOMAIN_ES], 1.0), Vocab.zipf(spanish_tail, 1.1)),
    )


@dataclass(frozen=True)
class GeneratedRecord:
    id: str
    fields: dict[str, object]
    body: str

    def markdown(self) -> str:
        lines = ["---"]
        for key, value in self.fields.items():
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        lines += ["---", "", self.body, ""]
        return "\n".join(lines)


def _sentence(rng: random.Random, vocab: Mixture, length: int) -> str:
    words = vocab.sample(rng, length)
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + "."


def _body(rng: random.Random, vocab: Mixture, words: int) -> str:
    paragraphs: list[str] = []
    left = words
    while left > 0:
        sentences: list[str] = []
        for _ in range(rng.randint(3, 6)):
            length = min(left, rng.randint(8, 24))
            if length <= 0:
                break
            sentences.append(_sentence(rng, vocab, length))
            left -= length
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def _date(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.08:
        return None
    year = rng.randint(1996, 2025)
    if roll < 0.2:
        return str(year)
    if roll < 0.35:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _own_fields(rng: random.Random, taxonomy: Taxonomy, vocab: Mixture) -> dict[str, object]:
    """Values for the fields a library declares itself, from the registry: a vocabulary value, a date or a few words."""
    out: dict[str, object] = {}
    for spec in taxonomy.custom:
        if rng.random() < 0.15 and not spec.required:
            continue
        if spec.kind == "choice":
            values = taxonomy[spec.name].values
            out[spec.name] = sorted(set(rng.sample(values, rng.randint(1, min(2, len(values))))), key=values.index) if spec.multiple else rng.choice(values)
        elif spec.kind == "date":
            out[spec.name] = _date(rng) or "2020"
        elif spec.kind == "url":
            out[spec.name] = f"https://example.org/{spec.name}/{rng.randrange(10**6)}"
        elif spec.kind == "text":
            words = " ".join(vocab.sample(rng, rng.randint(1, 3)))
            out[spec.name] = [words] if spec.multiple else words
    return out


def records(n: int, seed: int = 1, taxonomy: Taxonomy | None = None) -> Iterator[GeneratedRecord]:
    """The library of `n` records for `seed`: always the same records in the same order.

    The vocabularies are the registry's (`taxonomy`: a library's own, with its own
    fields, which get values from a random stream of their own, so that the
    built-in fields are the same with or without them).
    """
    registry = taxonomy or Taxonomy.from_config()
    english, spanish = _vocabularies(seed)
    rng = random.Random(seed)
    own = random.Random(seed + 1)
    doc_types = registry.document_types.values
    areas = registry.policy_areas.values
    levels = registry.levels.values
    states = list(STATES)
    # A few big states hold most local policies, as in real collections.
    state_vocab = Vocab.zipf(states[:])
    for i in range(n):
        spanish_record = rng.random() < 0.1
        vocab = spanish if spanish_record else english
        place = rng.choice(PLACES).replace("-", " ")
        org = rng.choice(ORGS)
        kind = rng.choice(doc_types)
        year = rng.randint(1996, 2025)
        topic = rng.choice(TOPICS_ES if spanish_record else TOPICS_EN)
        shape = rng.choice(TITLE_SHAPES_ES if spanish_record else TITLE_SHAPES_EN)
        title = shape.format(place=place, kind=kind, topic=topic, org=org, num=rng.randint(100, 99999), year=year)
        summary = " ".join(_sentence(rng, vocab, rng.randint(12, 22)) for _ in range(rng.randint(1, 2)))
        fields: dict[str, object] = {
            "title": title,
            "summary": f"{topic[:1].upper()}{topic[1:]}. {summary}",
            "document_type": kind,
            "policy_areas": sorted(set(rng.sample(areas[:6], rng.randint(1, 2)) + rng.sample(areas, rng.randint(0, 1))), key=areas.index),
        }
        if rng.random() < 0.9:
            fields["level"] = rng.choice(levels)
        if fields.get("level") != "Federal" and rng.random() < 0.92:
            fields["states"] = sorted(set(state_vocab.sample(rng, rng.choice((1, 1, 1, 1, 2, 3)))))
            fields["jurisdiction"] = f"{place} {rng.choice(('County', 'City', 'School District', 'Sheriff'))}"
        date = _date(rng)
        if date:
            fields["date"] = date
        fields["organization"] = org
        fields["source_url"] = f"https://example.org/{rng.choice(('docs', 'legislation', 'reports'))}/{i:06d}"
        fields["tags"] = sorted(set(rng.sample(TAGS, rng.randint(1, 4))))
        if spanish_record:
            fields["language"] = "es"
        rid = f"r{i:06d}-{'-'.join(title.lower().split()[:3])}"
        rid = "".join(c if c.isascii() and (c.isalnum() or c == "-") else "-" for c in rid)
        rid = "-".join(part for part in rid.split("-") if part)
        if i > 10 and rng.random() < 0.05:
            fields["related"] = [f"__ref{rng.randrange(i)}"]
        fields.update(_own_fields(own, registry, vocab))
        yield GeneratedRecord(rid, fields, _body(rng, vocab, rng.randint(150, 400)))


def library(n: int, seed: int = 1, taxonomy: Taxonomy | None = None) -> list[GeneratedRecord]:
    """All records, with `related` references resolved to real ids of earlier records."""
    out = list(records(n, seed, taxonomy))
    for record in out:
        related = record.fields.get("related")
        if isinstance(related, list):
            record.fields["related"] = [out[int(str(ref).removeprefix("__ref"))].id for ref in related]
    return out


def make_project(dest: Path, recs: list[GeneratedRecord]) -> Path:
    """A copy of this project's site (mkdocs.yml, overrides/, docs/ without records) holding `recs`."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("records", "files"))
    (dest / "docs" / "records").mkdir()
    (dest / "docs" / "files").mkdir()
    for record in recs:
        (dest / "docs" / "records" / f"{record.id}.md").write_text(record.markdown(), encoding="utf-8")
    return dest


def make_material_project(dest: Path, recs: list[GeneratedRecord]) -> Path:
    """The same records as plain pages of a stock mkdocs-material site with its own search plugin."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    (docs / "records").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(
        "site_name: Policy Library (mkdocs-material search)\n"
        "use_directory_urls: true\n"
        "theme:\n  name: material\n  font: false\n  features: [search.share]\n"
        "plugins:\n  - search:\n      lang: [en, es]\n"
        "nav:\n  - Search: index.md\n"
        "not_in_nav: |\n  *.md\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Policy Library\n\nSearch with the field at the top of the page.\n", encoding="utf-8")
    for record in recs:
        # The summary goes into the page text: mkdocs-material indexes page text, not frontmatter.
        text = f"---\ntitle: {json.dumps(record.fields['title'], ensure_ascii=False)}\n---\n\n{record.fields['summary']}\n\n{record.body}\n"
        (docs / "records" / f"{record.id}.md").write_text(text, encoding="utf-8")
    return dest


_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def mirror_pages(dest: Path, site: Path) -> int:
    """Give the stock mkdocs-material project a page for every page of this project's built `site`.

    Record pages already have theirs (make_material_project, the same text); every other page
    (browse pages, the guide, a language's twin of any page, whatever the build writes)
    becomes a page at the same address holding the built page's article as raw HTML, so
    that both builds make the same pages with the same content. Returns the pages added.
    """
    docs = dest / "docs"
    added = 0
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site)
        parts = rel.parts
        if not parts or parts[0] == "assets" or (len(parts) == 2 and parts[0] == "records"):
            continue  # the home page and record pages exist; assets hold no pages
        if (docs / rel).with_suffix(".md").exists() or (docs / rel / "index.md").exists():
            continue
        html = page.read_text(encoding="utf-8")
        article = _ARTICLE.search(html)
        title = _TITLE.search(html)
        target = docs / rel / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        name = json.dumps(title.group(1).strip() if title else rel.as_posix(), ensure_ascii=False)
        target.write_text(f'---\ntitle: {name}\n---\n\n<div markdown="0">\n{article.group(1) if article else ""}\n</div>\n', encoding="utf-8")
        added += 1
    return added
