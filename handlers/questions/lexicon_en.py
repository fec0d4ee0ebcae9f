"""The English lexicon: every word the question engine knows in English (Norwegian users' English included).

lexicon.py merges the three languages (nb, nn, en); a word or phrase may be listed for several concepts.
Phrases of several words are separated by "|".
"""

from __future__ import annotations

CONCEPTS: dict[str, str] = {
    "role:chief_executive": (
        "ceo ceos executive executives chief cheif|chief executive|chief executives|chief executive officer|"
        "chief administrative officer|municipal director|chief officer|administrative head|city manager|"
        "town manager|head of administration"),
    "role:coordinator": (
        "coordinator coordinators coordinates|digitalisation coordinator|digitalization coordinator|"
        "digital coordinator"),
    "role:ict_lead": (
        "cio cto|ict lead|ict leads|ict leader|ict manager|ict head|it lead|it manager|it leader|it head|"
        "head of it|head of ict|it director|ict director"),
    "role:secretariat": "secretariat secretariats|programme office|program office|project office",
    "role:project_leader": (
        "|project leader|project leaders|project manager|project managers|project lead|project leads"),
    "topic:project": "project projects projekt",
    "topic:deadline": "deadline deadlines due",
    "topic:meeting": "meeting meetings meet meets",
    "topic:group": "group groups committee committees board boards",
    "topic:org": "organisation organisations organization organizations",
    "topic:person": "people person persons",
    "topic:network": "network",
    "kind:municipality": "municipality municipalities municipal|member municipality|member municipalities",
    "kind:county": "county counties",
    "kind:ks": "ks",
    "kind:state": "state",
    "status:member": (
        "member members membership|member municipality|member municipalities|member organisations|"
        "member organizations|still in|still a member|still member"),
    "status:invited": "invited invitation",
    "status:observer": "observer observers",
    "status:former": (
        "former ex|left the network|have left|has left|no longer member|no longer members|not members anymore|"
        "not a member anymore|no longer in"),
    "pstatus:active": "active ongoing running current",
    "pstatus:planned": "planned upcoming",
    "pstatus:completed": "completed finished done closed",
    "pstatus:paused": "paused halted hold|on hold",
    "attr:population": (
        "population populations inhabitants residents citizens live lives living big large size|how big|"
        "more inhabitants"),
    "attr:region": "region subregion regions area located|sub region|belong to|belongs to|part of",
    "attr:status": "status",
    "attr:start": "start starts started begins began begin",
    "attr:end": "ends ended finish finishes",
    "attr:joined": "joined join|member since|since when",
    "attr:fee": (
        "fee fees contribution contributions pay pays paying cost costs dues charge|membership fee|annual fee|"
        "yearly fee"),
    "attr:owner": "owner owners owns own owned ownership responsible|behind",
    "attr:lead": "leads lead leader leaders leading led heads head drives driver runs",
    "attr:chair": "chair chairs chairperson chairman chairwoman|led by",
    "attr:participants": (
        "participant participants participate participates participating partner partners involved|take part|"
        "takes part|taking part|part in"),
    "attr:members": "members member consists|is in|are in|who is in",
    "attr:description": "description describe about purpose goal goals",
    "attr:agenda": "agenda topics items",
    "attr:where": "where location venue address",
    "attr:when": "when date time",
    "attr:contact": "contact contacts ask|contact person|reach out",
    "attr:phone": "phone telephone mobile cellphone",
    "attr:email": "email mail|e mail",
    "attr:title": "job title position role roles",
    "attr:url": "link url teams zoom video",
    "q:count": "|how many|number of|count of",
    "q:sum": "total|in total|all together|altogether",
    "q:most": "largest biggest most highest",
    "q:least": "smallest fewest least lowest",
    "q:compare": "bigger larger smaller than fewer|more inhabitants",
    "q:list": "which list overview all every|what are|show me",
    "q:who": "who whom",
    "ref:me": "my me myself",
    "ref:us": "our us we ours|my municipality|our municipality",
    "time:next": "upcoming next coming soon future",
    "time:prev": "previous last expired past|already passed|have passed|has passed|missed|overdue",
}

# Words that carry no meaning for matching but must never be taken for names either.
STOPWORDS = (
    "the a an of in on at to for by with and or but is are was were be been being does do did has have had its "
    "it their there this that these those any some what who when where which how why please thanks thank hi "
    "hello hey tell give show find know want need can could would will should shall may might currently now "
    "right just only also still actually get got about regarding concerning per many much times concerns "
    "concern your you yours me if whether then than other all whole yes no ok wonder wondering like be nice "
    "happening happens going ahead coming soon remaining left vi's works work working employed"
)

# Named word lists (periods and words that shape a question); lexicon.py merges them by name.
WORDS: dict[str, str] = {
    "day": "day days",
    "week": "week weeks",
    "month": "month months",
    "year": "year years",
    "this": "this current",
    "next": "next coming following upcoming",
    "previous": "last previous past",
    "in": "in",
    "before": "before by until",
    "after": "after",
    "from": "from",
    "between": "between",
    "the": "the in within",
    "and": "and to or",
    "until": "and to until",
    "within": "within",
    "lead_in": "on in for during over",
    "christmas": "christmas xmas",
    "weekend": "weekend",
    "romjul": "",
    "new_year": "newyear",
    "today": "today tonight",
    "tomorrow": "tomorrow",
    "yesterday": "yesterday",
    "after_i:today": "",
    "after_i:tomorrow": "",
    "after_i:day_after": "",
    "after_i:yesterday": "",
    "short_months": "may mar sep jan",
    "prepositions": "in of at from about for",
    "locative": "in at",
    "name_after": "does did",
    "org_name_after": "is pays pay has",
    "a_one": "a an",
    "i_before": "am do did should must can could have will shall",
    "i_after": "am have lead need should must do chair take belong work",
    "todo": "respond answer submit reply deliver do send",
    "orgs_plural": "municipalities members organisations organizations councils",
    "meeting_endings": "meeting",
    "ago": "ago",
    "easter": "easter",
    "at_holiday": "in over during at",
    "quarter": "quarter quarters",
    "season_lead": "in this next the during over",
    "spring": "spring",
    "summer": "summer",
    "summer_holiday": "summer holiday|summer holidays|summer break|summer vacation",
    "past_tense": "was were had did happened",
    "autumn": "autumn fall",
    "winter": "winter",
    "year_end": (
        "by year end|by the end of the year|by the end of year|by end of year|before year end|"
        "before the end of the year|before the year end|until the end of the year|until year end|"
        "rest of the year|rest of year|end of the year|end of year|year end"),
}

NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "couple": 2,
}
ORDINALS: dict[str, int] = {"1": 1, "first": 1, "2": 2, "second": 2, "3": 3, "third": 3, "4": 4, "fourth": 4}
# What people type for months besides the names messages/formatting.py writes.
MONTH_SHORT: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11,
    "dec": 12,
}


# Command words (see lexicon_nb.COMMANDS)
COMMANDS: dict[str, str] = {
    "help": "help",
    "calendar": "calendar",
    "report": "report",
    "announcements": "announcements",
    "announce": "announce announcement",
    "survey": "survey",
    "answer": "answer",
    "status": "status",
    "yes": "yes",
    "no": "no",
    "unsure": "unsure",
}
