"""Deadlines, meetings and surveys of a network file (see parse.py for the rest)."""

from __future__ import annotations

from datetime import datetime, time, tzinfo
from typing import Any

from storage import models as m
from storage.importer.records import (
    Audience,
    DeadlineRec,
    MeetingRec,
    QuestionRec,
    SurveyRec,
)
from storage.importer.values import Entry, describe, length
from storage.vocabulary import (
    AUDIENCE_KEYS,
    DEADLINE_KINDS,
    ORG_STATUSES,
    QUESTION_TYPES,
    RESPONDENTS,
    ROLES,
)

END_OF_DAY = time(23, 59)
START_OF_DAY = time(0, 0)


def _local(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).replace(tzinfo=None).isoformat(timespec="minutes")


def parse_audience(e: Entry, name: str = "audience") -> Audience:
    """{roles, statuses, organizations, groups, regions}, each optional; stored as given."""
    value = e.raw(name)
    if value is None:
        return Audience()
    if not isinstance(value, dict):
        e.problem(name, f"expected a mapping with {', '.join(AUDIENCE_KEYS)}, got {describe(value)}")
        return Audience()
    sub = Entry(value, e.at(name), e.problems, e.zone)
    for key in value:
        if key not in AUDIENCE_KEYS:
            # An ignored filter would silently widen who is asked, so a misspelt key is refused.
            sub.problem(str(key), f"unknown audience key (expected {', '.join(AUDIENCE_KEYS)})")
    audience = Audience()
    if "roles" in value:
        audience.data["roles"] = sub.choices("roles", ROLES)
    if "statuses" in value:
        audience.data["statuses"] = sub.choices("statuses", ORG_STATUSES)
    if "organizations" in value:
        audience.organizations = sub.refs("organizations")
        audience.data["organizations"] = [r.key for r in audience.organizations]
    if "groups" in value:
        audience.groups = sub.refs("groups")
        audience.data["groups"] = [r.key for r in audience.groups]
    if "regions" in value:
        audience.data["regions"] = sub.texts("regions")
    return audience


def parse_deadline(e: Entry) -> DeadlineRec | None:
    key = e.key("id")
    title = e.text("title", required=True, max_len=length(m.Deadline.title))
    due = e.moment("due", required=True, date_means=END_OF_DAY)
    rec = DeadlineRec(
        pos=e.index, key=key or "", title=title or "", due=due or datetime.min,
        kind=e.choice("kind", DEADLINE_KINDS, "other") or "other",
        audience=parse_audience(e), contact=e.person_ref("contact"), reminders=e.durations("reminders"),
        project=e.ref("project"), survey=e.ref("survey"),
    )
    return rec if key is not None and title is not None and due is not None else None


def parse_meeting(e: Entry) -> MeetingRec | None:
    key = e.key("id")
    title = e.text("title", required=True, max_len=length(m.Meeting.title))
    start = e.moment("start", required=True)
    end = e.moment("end")
    if start is not None and end is not None and end < start:
        e.problem("end", f"{_local(end, e.zone)} is before start {_local(start, e.zone)}")
    group = e.ref("group")  # with an audience as well, both are invited
    rec = MeetingRec(
        pos=e.index, key=key or "", title=title or "", start=start or datetime.min, end=end,
        group=group, audience=parse_audience(e),
        location=e.text("location", max_len=length(m.Meeting.location)),
        url=e.text("url", max_len=length(m.Meeting.url)),
        agenda=e.text("agenda"), notices=e.durations("notices"), cancelled=e.boolean("cancelled", False),
    )
    return rec if key is not None and title is not None and start is not None else None


def parse_survey(e: Entry) -> SurveyRec | None:
    key = e.key("id")
    title = e.text("title", required=True, max_len=length(m.Survey.title))
    opens = e.moment("opens", date_means=START_OF_DAY)
    deadline = e.moment("deadline", date_means=END_OF_DAY)
    if opens is not None and deadline is not None and deadline < opens:
        e.problem("deadline", f"{_local(deadline, e.zone)} is before opens {_local(opens, e.zone)}")
    rec = SurveyRec(
        pos=e.index, key=key or "", title=title or "", intro=e.text("intro"), audience=parse_audience(e),
        respondent=e.choice("respondent", RESPONDENTS, "organization") or "organization",
        anonymous=e.boolean("anonymous", False), opens=opens, deadline=deadline,
        reminders=e.durations("reminders"), questions=_questions(e),
    )
    return rec if key is not None and title is not None else None


def _questions(e: Entry) -> list[QuestionRec]:
    questions: list[QuestionRec] = []
    first: dict[str, int] = {}
    for path, item in e.items("questions"):
        if not isinstance(item, dict):
            e.problems.add(path, f"expected a mapping, got {describe(item)}")
            continue
        question = _question(Entry(item, path, e.problems, e.zone))
        if question is None:
            continue
        if question.key in first:
            also = f"{e.at('questions')}[{first[question.key]}]"
            e.problems.add(f"{path}.id", f'duplicate question id "{question.key}" (also {also})')
            continue
        first[question.key] = int(path[path.rindex("[") + 1 : -1])  # its index in the file
        question.position = len(questions)
        questions.append(question)
    return questions


def _question(e: Entry) -> QuestionRec | None:
    key = e.key("id")
    text = e.text("text", required=True)
    kind = e.choice("type", QUESTION_TYPES)
    if e.raw("type") is None:
        e.problem("type", f"missing (expected {', '.join(QUESTION_TYPES)})")
    low, high = e.number("min"), e.number("max")
    options = e.texts("options")
    rec = QuestionRec(key=key or "", position=0, text=text or "", type=kind or "text", min=low, max=high,
                      labels=_labels(e), options=options, multiple=e.boolean("multiple", False),
                      required=e.boolean("required", True))
    if kind == "scale":
        if low is None or high is None:
            e.problem("max" if low is not None else "min", "a scale question needs both min and max")
        elif not low < high:
            e.problem("max", f"a scale question needs min < max, got min {low:g} and max {high:g}")
        else:
            _check_scale_labels(e, rec.labels, low, high)
    elif low is not None and high is not None and low > high:
        e.problem("max", f"{high:g} is less than min {low:g}")
    if kind == "choice" and not options and not e.raw("options"):
        e.problem("options", "a choice question needs a list of options")
    if options:
        seen: set[str] = set()
        for i, option in enumerate(options):
            if option in seen:
                e.problems.add(f"{e.at('options')}[{i}]", f'duplicate option "{option}"')
            seen.add(option)
    ok = key is not None and text is not None and kind is not None
    return rec if ok else None


def _labels(e: Entry) -> dict[str, Any]:
    value = e.raw("labels")
    if value is None:
        return {}
    if not isinstance(value, dict):
        e.problem("labels", f"expected a mapping such as {{1: low, 5: high}}, got {describe(value)}")
        return {}
    labels: dict[str, Any] = {}
    for key, text in value.items():
        if isinstance(key, float) and key.is_integer():
            key = int(key)
        if isinstance(key, bool) or not isinstance(key, str | int | float):
            e.problem("labels", f"a label key must be a number or text, got {describe(key)}")
            continue
        if isinstance(text, int | float) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str):
            e.problem(f"labels.{key}", f"expected text, got {describe(text)}")
            continue
        labels[str(key)] = text
    return labels


def _check_scale_labels(e: Entry, labels: dict[str, Any], low: float, high: float) -> None:
    for key in labels:
        try:
            point = float(key)
        except ValueError:
            e.problem(f"labels.{key}", "not a point on the scale (expected a number)")
            continue
        if not low <= point <= high:
            e.problem(f"labels.{key}", f"outside the scale {low:g}..{high:g}")

