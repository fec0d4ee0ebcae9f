"""Survey results for the report tests: the seed 001 letter as a survey, answered by 12 of 15 municipalities,
and helpers to build other results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from handlers.surveys.results import QuestionSpec, Respondent, Response, SurveyResults, SurveySpec

SAMARBEID_OPTIONS = ("Nabokommunar", "Interkommunalt IKT-samarbeid", "Regionråd", "Ingen formelle avtalar")

SEED_001_QUESTIONS = (
    QuestionSpec("arsverk", "number", "Kor mange årsverk arbeidar med oppgåver knytt til IKT-drift og "
                 "digitalisering i din kommune?", min=0),
    QuestionSpec("samarbeid", "choice", "Kva kommunar er det inngått formelle samarbeidsavtaler med på "
                 "IKT-området?", options=SAMARBEID_OPTIONS, multiple=True),
    QuestionSpec("utfordringar", "text", "Kva utfordringar har kommunen på IKT-området, spesielt med tanke på "
                 "kapasitet, kompetanse og tryggleik?"),
    QuestionSpec("tiltak", "text", "Kva tiltak må til for at kommunen skal «henge med»?"),
    QuestionSpec("regionalt", "yes_no", "Er det funksjonar, tenester eller oppgåver som kan løysast meir "
                 "effektivt med regionale eller fylkesvise løysingar?"),
    QuestionSpec("bidrag", "text", "Kva kan Fylkesmannen og KS bidra med i desse prosessane?", required=False),
)

# (municipality, status, region, person, answers) for the twelve who answered
NABO, IKT, REGION, INGEN = SAMARBEID_OPTIONS
SEED_001_ANSWERS: list[tuple[str, str, str, str, dict[str, object]]] = [
    ("Bømlo", "member", "Sunnhordland", "Bjørg Bømlo-Rådmann", {
        "arsverk": 1.5, "samarbeid": [NABO, IKT], "regionalt": True,
        "utfordringar": "For lite kapasitet og manglande kompetanse på tryggleik",
        "tiltak": "Felles løysingar i regionen", "bidrag": "Finansiering av felles prosjekt"}),
    ("Etne", "invited", "Sunnhordland", "Eirik Etne-Rådmann", {
        "arsverk": 2, "samarbeid": [NABO], "regionalt": True,
        "utfordringar": "Kompetanse og kapasitet i ei lita IKT-avdeling",
        "tiltak": "Meir samarbeid med nabokommunane", "bidrag": "Nettverk og erfaringsdeling"}),
    ("Fitjar", "member", "Sunnhordland", "Frida Fitjar-Rådmann", {
        "arsverk": 2.5, "samarbeid": [NABO, REGION], "regionalt": False,
        "utfordringar": "Informasjonstryggleik og personvern",
        "tiltak": "Felles løysingar og felles innkjøp", "bidrag": "Finansiering"}),
    ("Kvinnherad", "member", "Sunnhordland", "Kjell Kvinnherad-Rådmann", {
        "arsverk": 3, "samarbeid": [IKT], "regionalt": True,
        "utfordringar": "Kapasiteten er for liten", "tiltak": "Auka bemanning"}),
    ("Stord", "member", "Sunnhordland", "Siri Stord-Rådmann", {
        "arsverk": 3, "samarbeid": [NABO, IKT, REGION], "regionalt": True,
        "utfordringar": "Rekruttering av kompetanse", "tiltak": "Samarbeid om drift",
        "bidrag": "Kompetanse og rettleiing"}),
    ("Sveio", "invited", "Sunnhordland", "Sverre Sveio-Rådmann", {
        "arsverk": 3, "samarbeid": [INGEN], "regionalt": False,
        "utfordringar": "Kompetansen til dei tilsette", "tiltak": "Felles løysingar for drift"}),
    ("Kvam", "member", "Hardanger", "Karin Kvam-Rådmann", {
        "arsverk": 4, "samarbeid": [NABO], "regionalt": True,
        "utfordringar": "Tryggleik, kapasitet og gamle system", "tiltak": "Betre leiarforankring",
        "bidrag": "Skjønnsmidlar til prosjekt"}),
    ("Voss", "member", "Hardanger", "Vidar Voss-Rådmann", {
        "arsverk": 4, "samarbeid": [IKT, REGION], "regionalt": True,
        "utfordringar": "Manglande kompetanse om digitalisering", "tiltak": "Samarbeid og felles løysingar"}),
    ("Ulvik", "invited", "Hardanger", "Unni Ulvik-Rådmann", {
        "arsverk": 5, "samarbeid": [INGEN], "regionalt": True,
        "utfordringar": "Gamle fagsystem og integrasjonar", "tiltak": "Kompetanseheving",
        "bidrag": "Erfaringsdeling mellom kommunane"}),
    ("Ullensvang", "member", "Hardanger", "Ulf Ullensvang-Rådmann", {
        "arsverk": 6, "samarbeid": [NABO, IKT], "regionalt": True,
        "utfordringar": "Kapasitet til utvikling", "tiltak": "Meir ressursar til digitalisering",
        "bidrag": "Rettleiing om regelverk"}),
    ("Masfjorden", "member", "Nordhordland", "Marit Masfjorden-Rådmann", {
        "arsverk": 8, "samarbeid": [NABO], "regionalt": False,
        "utfordringar": "Kompetanse på informasjonstryggleik", "tiltak": "Regionalt samarbeid om innkjøp"}),
    ("Osterøy", "member", "Nordhordland", "Olav Osterøy-Rådmann", {
        "arsverk": 12, "samarbeid": [NABO, IKT], "regionalt": True,
        "utfordringar": "Økonomi", "tiltak": "Ressursar og samarbeid", "bidrag": "Finansiering og koordinering"}),
]
# invited, but never submitted (Alver began and stopped half-way)
SEED_001_SILENT = [
    ("Tysnes", "member", "Sunnhordland", "Tone Tysnes-Rådmann", {}),
    ("Eidfjord", "member", "Hardanger", "Egil Eidfjord-Rådmann", {}),
    ("Alver", "member", "Nordhordland", "Astrid Alver-Rådmann", {"arsverk": 40, "utfordringar": "Alver: alt"}),
]

START = datetime(2017, 10, 3, 8, 0, tzinfo=UTC)


def names_in(results: SurveyResults) -> set[str]:
    """Every organization and person name of the respondents."""
    out: set[str] = set()
    for r in results.responses:
        out.add(r.respondent.organization_name)
        if r.respondent.person_name:
            out.add(r.respondent.person_name)
        if r.respondent.person_email:
            out.add(r.respondent.person_email)
    return out


def seed_001(*, anonymous: bool = True) -> SurveyResults:
    survey = SurveySpec("ikt-status-2017", "Status og utfordringar på IKT-området", SEED_001_QUESTIONS,
                        anonymous=anonymous, respondent="organization")
    responses = []
    for n, (org, status, region, person, answers) in enumerate(SEED_001_ANSWERS + SEED_001_SILENT):
        submitted = n < len(SEED_001_ANSWERS)
        responses.append(Response(
            respondent=Respondent(organization_id=f"46{n:02d}", organization_name=org, status=status,
                                  region=region, person_name=person,
                                  person_email=f"radmann{n}@{org.lower()}.kommune.no"),
            submitted=submitted, submitted_at=START + timedelta(hours=7 * n) if submitted else None,
            answers=answers))
    return SurveyResults(survey, tuple(responses))
