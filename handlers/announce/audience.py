"""Who an announcement goes to: reading, checking and describing an audience.

An audience is `{roles, groups, regions, statuses, organizations}` (every given key must match, an empty
audience means everyone), the same shape deadlines and meetings use. On the command line it is written

    roles=chief_executive,coordinator;regions=Sogn;groups=styringsgruppe;statuses=member;organizations=4601

Values are checked against the network: roles and statuses against their enums, groups, regions and
organizations against what the network has. A value is matched without regard to case and stored in
the network's own spelling (organizations also by their name, when that is unique).
"""

from __future__ import annotations

from collections.abc import Iterable

from messages.formatting import join_names
from messages.i18n import t
from storage.snapshot import NetworkSnapshot
from storage.vocabulary import ORG_STATUSES, ROLES

AUDIENCE_KEYS = ("roles", "groups", "regions", "statuses", "organizations")
MAX_LISTED = 12  # valid values named in an error message

Audience = dict[str, list[str]]
Problems = dict[str, str]  # field -> message in the user's language


def parse_audience(text: str, lang: str) -> tuple[Audience, Problems]:
    """The CLI form `key=v1,v2;key=v3` as a dict; syntax problems under "audience" (values are not checked)."""
    audience: Audience = {}
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        key, sep, values = part.partition("=")
        key = key.strip().lower()
        if not sep or not key:
            return {}, {"audience": t(lang, "ann_audience_syntax", part=part)}
        if key not in AUDIENCE_KEYS:
            return {}, {"audience": t(lang, "ann_audience_unknown_key", name=key, keys=_quoted(AUDIENCE_KEYS, lang))}
        items = [v.strip() for v in values.split(",") if v.strip()]
        if not items:
            return {}, {"audience": t(lang, "ann_audience_syntax", part=part)}
        merged = audience.setdefault(key, [])
        merged += [v for v in items if v not in merged]
    return audience, {}


def check_audience(network: NetworkSnapshot, audience: Audience, lang: str) -> tuple[Audience, Problems]:
    """The audience in the network's spelling, and a problem per key (field) with values the network lacks."""
    choices = audience_choices(network)
    checked: Audience = {}
    problems: Problems = {}
    for key in AUDIENCE_KEYS:
        given = [str(v).strip() for v in audience.get(key) or [] if str(v).strip()]
        if not given:
            continue
        known = {_fold(value): value for value in choices[key]}
        if key == "organizations":
            known.update(_unique_org_names(network))
        unknown = [v for v in given if _fold(v) not in known]
        if unknown:
            problems[key] = t(lang, f"ann_unknown_{key}", values=_quoted(unknown, lang), network=network.name,
                              valid=_valid_list(network, key, choices[key], lang))
            continue
        canonical: list[str] = []
        for value in given:
            if (found := known[_fold(value)]) not in canonical:
                canonical.append(found)
        checked[key] = canonical
    return checked, problems


def audience_choices(network: NetworkSnapshot) -> dict[str, list[str]]:
    """What each audience key can hold in this network, in a stable order."""
    return {
        "roles": list(ROLES),
        "groups": sorted((g.key for g in network.groups.values()), key=str.lower),
        "regions": sorted({o.region for o in network.orgs.values() if o.region}, key=str.lower),
        "statuses": list(ORG_STATUSES),
        "organizations": [o.key for o in sorted(network.orgs.values(), key=lambda o: o.name.lower())],
    }


def value_label(network: NetworkSnapshot, key: str, value: str, lang: str) -> str:
    """How a value reads to people: a role's or status's name, a group's or organization's name."""
    if key == "roles":
        return t(lang, f"ann_role_{value}")
    if key == "statuses":
        return t(lang, f"ann_status_{value}")
    if key == "groups":
        return next((g.name for g in network.groups.values() if g.key == value), value)
    if key == "organizations":
        return next((o.name for o in network.orgs.values() if o.key == value), value)
    return value


def describe_audience(network: NetworkSnapshot, audience: Audience, lang: str) -> str:
    """ "Roller: Kommunedirektør og Koordinator; Regionar: Sogn", or "Alle i DigiTest"."""
    parts = [
        f"{t(lang, f'ann_key_{key}')}: {join_names([value_label(network, key, v, lang) for v in values], lang)}"
        for key in AUDIENCE_KEYS if (values := audience.get(key))
    ]
    return "; ".join(parts) if parts else t(lang, "ann_everyone", network=network.name)


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def _unique_org_names(network: NetworkSnapshot) -> dict[str, str]:
    by_name: dict[str, list[str]] = {}
    for org in network.orgs.values():
        by_name.setdefault(_fold(org.name), []).append(org.key)
    return {name: keys[0] for name, keys in by_name.items() if len(keys) == 1}


def _quoted(values: Iterable[str], lang: str) -> str:
    quote = ("“{}”" if lang == "en" else "«{}»").format
    return join_names([quote(v) for v in values], lang)


def _valid_list(network: NetworkSnapshot, key: str, values: list[str], lang: str) -> str:
    """The values one may use, quoted, with their names where they differ ("«coordinator» (Koordinator)")."""
    if not values:
        return t(lang, "ann_none")
    shown = []
    for value in values[:MAX_LISTED]:
        label = value_label(network, key, value, lang)
        shown.append(_quoted([value], lang) + (f" ({label})" if label != value else ""))
    if len(values) > MAX_LISTED:
        return ", ".join(shown) + " …"
    return join_names(shown, lang)
