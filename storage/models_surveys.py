"""What respondents answered: one response per respondent and survey, one row per answered question.

A respondent is an organization (`respondent: organization`: colleagues share one response) or a person,
named by `respondent` ("org:<id>" or "person:<id>"). Every answer is its own row, written the moment it is
given (last write per question wins), with who gave it and when. `version` rises with every write, so a
colleague's conversation can tell that something changed under it.

`survey_turnout` says who submitted and when, without any content. When an anonymous survey closes, the
responses lose every link to their respondent (storage/surveys.py `unlink`); the turnout is what is left
of who took part, so response rates still hold and nothing ties an answer to a municipality.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base


class SurveyResponse(Base):
    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("survey_id", "respondent"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    respondent: Mapped[str | None] = mapped_column(String(40))  # None once unlinked
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    started_at: Mapped[datetime | None]
    updated_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class SurveyAnswer(Base):
    __tablename__ = "survey_answers"

    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id", ondelete="CASCADE"),
                                             primary_key=True)
    question_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None]


class SurveyTurnout(Base):
    __tablename__ = "survey_turnout"

    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), primary_key=True)
    respondent: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime]
