"""What the bot sends about a survey, put into words from facts (like handlers/notify/content.py):

    survey_invitation  {"survey": SurveyFacts}
    survey_reminder    {"survey": SurveyFacts, "left": <questions not answered>, "submitted_all": false,
                        "sent": <ISO time>}

and the summary the secretariat gets at close (built from the report when planned; it has no facts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from handlers.surveys.report import MIN_SUBMITTED, SurveyReport
from handlers.surveys.report_messages import format_figure, format_percent
from messages.formatting import format_datetime
from messages.i18n import Lang, t
from messages.model import Button, Field, Message

START_ACTION = "survey_start"  # the answering conversation's action; value = the survey id


@dataclass(frozen=True)
class SurveyFacts:
    key: str
    title: str
    intro: str | None
    deadline: datetime | None
    questions: int
    anonymous: bool
    per_organization: bool
    timezone: str

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "intro": self.intro,
                "deadline": self.deadline.isoformat() if self.deadline else None, "questions": self.questions,
                "anonymous": self.anonymous, "per_organization": self.per_organization, "timezone": self.timezone}

    @classmethod
    def from_json(cls, data: Any) -> SurveyFacts | None:
        if not isinstance(data, dict) or not isinstance(data.get("key"), str) or not isinstance(
                data.get("title"), str) or not isinstance(data.get("timezone"), str):
            return None
        deadline = data.get("deadline")
        intro = data.get("intro")
        return cls(data["key"], data["title"], intro if isinstance(intro, str) and intro else None,
                   datetime.fromisoformat(deadline) if isinstance(deadline, str) else None,
                   int(data.get("questions") or 0), bool(data.get("anonymous")),
                   bool(data.get("per_organization")), data["timezone"])


def _questions(lang: Lang, count: int) -> str:
    return t(lang, "svo_questions_one") if count == 1 else t(lang, "svo_questions_many", count=count)


def _due(survey: SurveyFacts, lang: Lang) -> str:
    if survey.deadline is None:
        return "—"
    return format_datetime(survey.deadline, lang, survey.timezone, weekday=True)


def invitation(survey: SurveyFacts, lang: Lang) -> Message:
    """Title, intro, deadline, number of questions and a Start button."""
    text = t(lang, "svo_invite_text", questions=_questions(lang, survey.questions), due=_due(survey, lang))
    notes = [t(lang, "svo_for_organization")] if survey.per_organization else []
    if survey.anonymous:
        notes.append(t(lang, "svo_anonymous"))
    return Message(
        title=t(lang, "svo_invite_title", title=survey.title),
        text=f"{survey.intro}\n\n{text}" if survey.intro else text,
        fields=[Field(t(lang, "svo_deadline"), _due(survey, lang)),
                Field(t(lang, "svo_questions"), str(survey.questions))],
        buttons=[Button(t(lang, "svo_start"), START_ACTION, survey.key, style="primary")],
        button_hint=t(lang, "svo_invite_how", id=survey.key),
        context=" ".join(notes) or None,
    )


def reminder(survey: SurveyFacts, left: int, lang: Lang) -> Message:
    """What is left ("2 spørsmål att, frist torsdag 10. desember ...") and a Continue button."""
    due = _due(survey, lang)
    if left <= 0:
        text = t(lang, "svo_reminder_unsent", due=due)
    elif left == 1:
        text = t(lang, "svo_reminder_left_one", due=due)
    else:
        text = t(lang, "svo_reminder_left", left=left, due=due)
    return Message(
        title=t(lang, "svo_reminder_title", title=survey.title),
        text=text,
        buttons=[Button(t(lang, "svo_continue"), START_ACTION, survey.key, style="primary")],
        button_hint=t(lang, "svo_reminder_how", id=survey.key),
    )


def invitation_facts(survey: SurveyFacts) -> dict[str, Any]:
    return {"survey": survey.as_json()}


def reminder_facts(survey: SurveyFacts, left: int, sent: datetime) -> dict[str, Any]:
    return {"survey": survey.as_json(), "left": left, "sent": sent.isoformat()}


def survey_message_from_facts(kind: str, facts: dict[str, Any], lang: Lang) -> Message | None:
    survey = SurveyFacts.from_json(facts.get("survey"))
    if survey is None:
        return None
    if kind == "survey_invitation":
        return invitation(survey, lang)
    if kind == "survey_reminder":
        left = facts.get("left")
        return reminder(survey, left if isinstance(left, int) else survey.questions, lang)
    return None


def summary(report: SurveyReport, lang: Lang, *, unlinked: bool) -> Message:
    """The secretariat's message at close: the response rate and one line per question (no names, no texts)."""
    text = t(lang, "svo_summary_text", submitted=report.submitted, invited=report.invited,
             rate=format_percent(report.submitted, report.invited, lang))
    if report.suppressed:
        hidden = t(lang, "sr_suppressed", submitted=report.submitted, invited=report.invited, min=MIN_SUBMITTED)
        text = f"{text} {hidden}"
    items = []
    for number, q in enumerate(report.questions, start=1):
        name = q.text or q.key
        if q.mean is not None:
            items.append(t(lang, "svo_summary_line_mean", number=number, text=name, answers=q.answers,
                           mean=format_figure(q.mean, lang)))
        else:
            items.append(t(lang, "svo_summary_line", number=number, text=name, answers=q.answers))
    notes = [t(lang, "svo_summary_unlinked")] if unlinked else []
    notes.append(t(lang, "svo_summary_more", id=report.survey))
    return Message(title=t(lang, "svo_summary_title", title=report.title), text=text, items=items,
                   context=" ".join(notes))
