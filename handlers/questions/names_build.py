"""Building the name index of a network (names.py): every organization, person, group, project and
region under its full name and the other forms people type for it (a municipality without "kommune",
"Odal" for Nord-Odal and Sør-Odal, a person's first and last name, "steering group" for Styringsgruppe)."""

from __future__ import annotations

import re

from handlers.questions.names import FULL, GENERAL, KEY, PARTIAL, VARIANT, Entity, NameIndex, significant
from handlers.questions.normalize import fold
from handlers.questions.vocab import KEYWORDS, STOPWORDS
from storage.snapshot import NetworkSnapshot

# Words in group names with their English (and other) renderings, to match "steering group".
_GLOSSARY: dict[str, tuple[str, ...]] = {
    "styringsgruppe": ("steering group", "steering committee", "styringsgruppa", "styringsgruppen"),
    "ressursgruppe": ("resource group", "ressursgruppa", "ressursgruppen"),
    "koordinatorgruppe": ("coordinator group", "coordinators group", "koordinatorgruppa",
                          "koordinatorgruppen"),
    "arbeidsutvalg": ("working committee", "executive committee", "arbeidsutvalget", "au"),
    "arbeidsutval": ("working committee", "executive committee", "arbeidsutvalet", "au"),
    "arbeidsgruppe": ("working group", "arbeidsgruppa", "arbeidsgruppen"),
    "referansegruppe": ("reference group", "referansegruppa", "referansegruppen"),
    "faggruppe": ("expert group", "professional group", "specialist group", "faggruppa", "faggruppen"),
    "programstyre": ("programme board", "program board", "programstyret"),
    "styre": ("board", "styret"),
    "rad": ("council", "radet"),
    "representantskap": ("council of representatives", "representative council", "council", "representantskapet"),
    "fagnettverk": ("network", "fagnettverket"),
    "koordinatorforum": ("coordinator forum", "coordinators forum", "coordination forum", "koordinator forum",
                         "koordinatorforumet"),
    "informasjonssikkerhet": ("information security", "infosec", "informasjonstryggleik", "infosikkerhet",
                              "cybersecurity", "cyber security"),
    "informasjonstryggleik": ("information security", "infosec", "informasjonssikkerhet", "infosikkerhet",
                              "cybersecurity", "cyber security"),
    "ledergruppe": ("management group", "leadership group", "ledergruppa", "ledergruppen"),
    "leiargruppe": ("management group", "leadership group", "leiargruppa"),
}


_LOCATIVE = frozenset({"i", "in", "pa", "for", "at"})


def _own_words(name: str) -> list[str]:
    """The words of an organization's name that name it, not the place it is in: "Statsforvalteren i
    Oslo og Viken" is found by "Statsforvalteren", but "Oslo" alone is the municipality, not this office."""
    words = fold(name).split()
    for k, word in enumerate(words):
        if k > 0 and word in _LOCATIVE:
            return words[:k]
    return words


# The first word of a municipality's name that tells it from a neighbour: "Nord-Odal", "Østre Toten".
_COMPASS = frozenset({"nord", "sor", "ost", "vest", "nordre", "sondre", "ostre", "vestre", "indre", "ytre", "midt",
                      "ovre", "nedre", "store", "lille"})


def _place_words(name: str) -> list[str]:
    """The place in a municipality name made of a compass word and a place: "Nord-Odal" -> ["odal"]."""
    words = fold(name).split()
    if len(words) == 2 and words[0] in _COMPASS and len(words[1]) >= 4 and significant(words[1]) \
            and words[1] not in _COMMON_PLACE_WORDS:
        return [words[1]]
    return []


def _joined_places(name: str) -> list[str]:
    """The places of a municipality named after two: "Evje og Hornnes" -> ["evje", "hornnes"]."""
    words = [w for w in fold(_strip_suffix(name) or name).split() if w not in ("og", "and", "i")]
    if len(words) < 2 or words[0] in _COMPASS:
        return []
    return [w for w in words if len(w) >= 4 and significant(w) and w not in _COMMON_PLACE_WORDS]


_COMMON_PLACE_WORDS = frozenset({"land", "dal", "fjord", "berg", "vik", "by", "sund"})


def _strip_suffix(name: str) -> str | None:
    folded = fold(name)
    for suffix in (" kommune", " kommuna", " municipality", " herad"):
        if folded.endswith(suffix):
            return folded[: -len(suffix)]
    return None


def build_index(net: NetworkSnapshot) -> NameIndex:
    index = NameIndex()
    network = Entity("network", net.id, net.name)
    index.add_name(network, net.name, parts=False)
    index.add(network, net.id.replace("-", " "), VARIANT)
    for org in net.orgs.values():
        entity = Entity("org", org.id, org.name, (org.region,) if org.region else ())
        index.add_name(entity, org.name, parts=False)
        if org.kind != "municipality":
            for word in _own_words(org.name):
                index.add(entity, word, PARTIAL)
                if word in GENERAL and len(word) >= 2:
                    index.add_general_part(entity, word)
        else:
            for word in _place_words(org.name) or _joined_places(org.name):  # "Odal": Nord-Odal and Sør-Odal
                index.add(entity, word, PARTIAL)
        short = _strip_suffix(org.name)
        if short:
            index.add(entity, short, FULL)
        if not org.key.isdigit():
            index.add(entity, org.key.replace("-", " "), KEY)
        if org.kind == "county":
            folded = fold(org.name)
            if folded.endswith(" fylkeskommune"):
                index.add(entity, folded.replace(" fylkeskommune", " fylke"), VARIANT)
                index.add(entity, folded.replace(" fylkeskommune", " county"), VARIANT)
    for person in net.people.values():
        entity = Entity("person", person.id, person.name, org=person.org_id)
        words = fold(person.name).split()
        index.name_words.update(words)
        index.add(entity, person.name, FULL)
        if len(words) > 2:
            index.add(entity, f"{words[0]} {words[-1]}", VARIANT)
            index.add(entity, " ".join(words[:2]), PARTIAL)
        if len(words) > 1:  # a first name that is also a common word ("Per", "Hans") still names its people
            index.add(entity, words[0], PARTIAL, short=len(words[0]) >= 3 and words[0] not in KEYWORDS)
            index.add(entity, words[-1], PARTIAL)
    for group in net.groups.values():
        entity = Entity("group", group.id, group.name)
        index.add_name(entity, group.name)
        index.add(entity, group.key.replace("-", " ").replace("_", " "), KEY)
        for alias in _group_variants(group.name):
            index.add(entity, alias, VARIANT)  # the whole name, translated or inflected ("coordinator forum")
        if len(group.name.split()) > 1:
            for word in fold(group.name).split():
                for alias in _group_variants(word):
                    index.add(entity, alias, PARTIAL)
    for project in net.projects.values():
        entity = Entity("project", project.id, project.name)
        index.add_name(entity, project.name)
        index.add(entity, project.key.replace("-", " ").replace("_", " "), KEY)
        index.add(entity, _camel_split(project.name), VARIANT)
        for word in _acronyms(project.name):  # "the KI project": "KI-assistent for saksbehandling"
            index.add(entity, word, PARTIAL, short=True)
    regions = sorted({o.region for o in net.orgs.values() if o.region})
    families: dict[str, list[str]] = {}
    for region in regions:
        index.add(Entity("region", region, region, (region,)), region, FULL)
        for word in fold(region).split():
            if significant(word) and word not in ("og", "and"):
                families.setdefault(word, []).append(region)
    for word, members in families.items():
        if len(members) == 1:
            index.add(Entity("region", members[0], members[0], tuple(members)), word, PARTIAL)
            continue
        label = next((w for r in members for w in r.replace("-", " ").split() if fold(w) == word), word)
        index.add(Entity("region", f"~{word}", label, tuple(members)), word, PARTIAL)
    index.freeze()
    return index


def _group_variants(name: str) -> list[str]:
    words = fold(name).split()
    out: list[str] = []
    for k, word in enumerate(words):
        for base, renderings in _GLOSSARY.items():
            if word == base or word in renderings:
                for other in (base, *renderings):
                    out.append(" ".join([*words[:k], other, *words[k + 1:]]))
        for suffix, alts in (("gruppe", ("gruppa", "gruppen")), ("gruppa", ("gruppe", "gruppen")),
                             ("utvalg", ("utvalget",)), ("utval", ("utvalet",)), ("forum", ("forumet",)),
                             ("nettverk", ("nettverket",)), ("rad", ("radet",)), ("styre", ("styret",))):
            if word.endswith(suffix):
                for alt in alts:
                    out.append(" ".join([*words[:k], word[: -len(suffix)] + alt, *words[k + 1:]]))
    return out


def _acronyms(name: str) -> list[str]:
    """Short words written in capitals that start a name or a compound: "KI-assistent", "IoT pilot"."""
    out = []
    for word in re.split(r"[\s\-–/]+", name):
        if 2 <= len(word) <= 4 and word.isalpha() and word.isupper() and fold(word) not in GENERAL \
                and fold(word) not in STOPWORDS and fold(word) not in KEYWORDS:
            out.append(word)
    return out


def _camel_split(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if i and ch.isupper() and name[i - 1].islower():
            out.append(" ")
        out.append(ch)
    return "".join(out)
