"""Texts of the survey conversation (handlers/surveys/conversation.py): questions, refusals, the summary."""

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ starting and resuming
    "survey_intro": {
        "nb": "{questions} spørsmål. Frist: {deadline}.",
        "nn": "{questions} spørsmål. Frist: {deadline}.",
        "en": "{questions} questions. Deadline: {deadline}.",
    },
    "survey_resume": {
        "nb": "Du har svart på {answered} av {total}. Vi fortsetter med spørsmål {next}.",
        "nn": "Du har svart på {answered} av {total}. Vi held fram med spørsmål {next}.",
        "en": "You have answered {answered} of {total}. We continue with question {next}.",
    },
    "survey_resume_shared": {
        "nb": "{organization} har svart på {answered} av {total}:",
        "nn": "{organization} har svart på {answered} av {total}:",
        "en": "{organization} has answered {answered} of {total}:",
    },
    "survey_continue_with": {
        "nb": "Vi fortsetter med spørsmål {next}.",
        "nn": "Vi held fram med spørsmål {next}.",
        "en": "We continue with question {next}.",
    },
    "survey_answer_by": {
        "nb": "{answer} ({who})",
        "nn": "{answer} ({who})",
        "en": "{answer} ({who})",
    },
    "survey_someone": {"nb": "en kollega", "nn": "ein kollega", "en": "a colleague"},
    "survey_paused": {
        "nb": "Greit, vi tar en pause. Svarene dine er lagret. Skriv «svar {id}» når du vil fortsette.",
        "nn": "Greitt, vi tek ein pause. Svara dine er lagra. Skriv «svar {id}» når du vil halde fram.",
        "en": "Fine, we'll pause. Your answers are saved. Type “answer {id}” when you want to continue.",
    },
    # ------------------------------------------------------------ one question
    "survey_question_title": {
        "nb": "Spørsmål {n} av {total}",
        "nn": "Spørsmål {n} av {total}",
        "en": "Question {n} of {total}",
    },
    "survey_optional": {"nb": "(valgfritt)", "nn": "(valfritt)", "en": "(optional)"},
    "survey_current": {"nb": "Svar nå", "nn": "Svar no", "en": "Current answer"},
    "survey_hint_number": {
        "nb": "Skriv et tall.", "nn": "Skriv eit tal.", "en": "Type a number.",
    },
    "survey_hint_number_min": {
        "nb": "Skriv et tall, minst {min}.", "nn": "Skriv eit tal, minst {min}.",
        "en": "Type a number, at least {min}.",
    },
    "survey_hint_number_max": {
        "nb": "Skriv et tall, høyst {max}.", "nn": "Skriv eit tal, høgst {max}.",
        "en": "Type a number, at most {max}.",
    },
    "survey_hint_number_range": {
        "nb": "Skriv et tall fra {min} til {max}.", "nn": "Skriv eit tal frå {min} til {max}.",
        "en": "Type a number from {min} to {max}.",
    },
    "survey_hint_date": {
        "nb": "Skriv en dato, for eksempel 17.10.2026 eller 17. oktober.",
        "nn": "Skriv ein dato, til dømes 17.10.2026 eller 17. oktober.",
        "en": "Type a date, for example 17 October 2026 or 2026-10-17.",
    },
    "survey_hint_text": {"nb": "Skriv svaret ditt.", "nn": "Skriv svaret ditt.", "en": "Type your answer."},
    "survey_hint_buttons": {
        "nb": "Trykk på en knapp, eller skriv nummeret eller teksten.",
        "nn": "Trykk på ein knapp, eller skriv nummeret eller teksten.",
        "en": "Press a button, or type its number or text.",
    },
    "survey_hint_multiple": {
        "nb": "Velg alle som passer (trykk igjen for å fjerne), og trykk «Ferdig».",
        "nn": "Vel alle som passar (trykk igjen for å fjerne), og trykk «Ferdig».",
        "en": "Choose all that apply (press again to remove), then press “Done”.",
    },
    "survey_steer": {
        "nb": "«tilbake» går til forrige spørsmål, «pause» stopper.",
        "nn": "«tilbake» går til førre spørsmål, «pause» stoppar.",
        "en": "“back” goes to the previous question, “pause” stops.",
    },
    "survey_steer_optional": {
        "nb": "«tilbake» går til forrige spørsmål, «hopp over» hopper over dette, «pause» stopper.",
        "nn": "«tilbake» går til førre spørsmål, «hopp over» hoppar over dette, «pause» stoppar.",
        "en": "“back” goes to the previous question, “skip” skips this one, “pause” stops.",
    },
    "survey_yes": {"nb": "Ja", "nn": "Ja", "en": "Yes"},
    "survey_no": {"nb": "Nei", "nn": "Nei", "en": "No"},
    "survey_done_button": {"nb": "Ferdig", "nn": "Ferdig", "en": "Done"},
    "survey_picked": {"nb": "Valgt så langt", "nn": "Valt så langt", "en": "Chosen so far"},
    "survey_saved": {"nb": "Lagret: {answer}", "nn": "Lagra: {answer}", "en": "Saved: {answer}"},
    "survey_first_question": {
        "nb": "Dette er det første spørsmålet.",
        "nn": "Dette er det første spørsmålet.",
        "en": "This is the first question.",
    },
    # ------------------------------------------------------------ refused answers (nothing stored)
    "survey_refused_number": {
        "nb": "«{text}» er ikke et tall. Skriv for eksempel 4 eller 4,5.",
        "nn": "«{text}» er ikkje eit tal. Skriv til dømes 4 eller 4,5.",
        "en": "“{text}” is not a number. Type, for example, 4 or 4.5.",
    },
    "survey_refused_below": {
        "nb": "{value} er under minsteverdien {min}. Ingenting er lagret.",
        "nn": "{value} er under minsteverdien {min}. Ingenting er lagra.",
        "en": "{value} is below the minimum {min}. Nothing was saved.",
    },
    "survey_refused_above": {
        "nb": "{value} er over høyeste tillatte verdi, {max}. Ingenting er lagret.",
        "nn": "{value} er over høgaste tillatne verdi, {max}. Ingenting er lagra.",
        "en": "{value} is above the maximum {max}. Nothing was saved.",
    },
    "survey_refused_scale": {
        "nb": "Svar med et helt tall fra {min} til {max}, eller trykk på en knapp.",
        "nn": "Svar med eit heilt tal frå {min} til {max}, eller trykk på ein knapp.",
        "en": "Answer with a whole number from {min} to {max}, or press a button.",
    },
    "survey_refused_yes_no": {
        "nb": "Svar «ja» eller «nei», eller trykk på en knapp.",
        "nn": "Svar «ja» eller «nei», eller trykk på ein knapp.",
        "en": "Answer “yes” or “no”, or press a button.",
    },
    "survey_refused_choice": {
        "nb": "Det er ikke ett av valgene. Skriv et nummer fra 1 til {count} eller teksten på en knapp.",
        "nn": "Det er ikkje eitt av vala. Skriv eit nummer frå 1 til {count} eller teksten på ein knapp.",
        "en": "That is not one of the options. Type a number from 1 to {count} or the text of a button.",
    },
    "survey_refused_date": {
        "nb": "«{text}» er ikke en dato. Skriv for eksempel 17.10.2026 eller 17. oktober.",
        "nn": "«{text}» er ikkje ein dato. Skriv til dømes 17.10.2026 eller 17. oktober.",
        "en": "“{text}” is not a date. Type, for example, 17 October 2026 or 2026-10-17.",
    },
    "survey_refused_no_such_date": {
        "nb": "Datoen «{text}» finnes ikke. Ingenting er lagret.",
        "nn": "Datoen «{text}» finst ikkje. Ingenting er lagra.",
        "en": "The date “{text}” does not exist. Nothing was saved.",
    },
    "survey_refused_empty": {
        "nb": "Svaret var tomt. Skriv svaret ditt.",
        "nn": "Svaret var tomt. Skriv svaret ditt.",
        "en": "The answer was empty. Type your answer.",
    },
    "survey_refused_long": {
        "nb": "Svaret er for langt (høyst {limit} tegn). Ingenting er lagret.",
        "nn": "Svaret er for langt (høgst {limit} teikn). Ingenting er lagra.",
        "en": "The answer is too long (at most {limit} characters). Nothing was saved.",
    },
    "survey_refused_button": {
        "nb": "Denne knappen hører ikke til spørsmålet du er på, så ingenting ble endret.",
        "nn": "Denne knappen høyrer ikkje til spørsmålet du er på, så ingenting vart endra.",
        "en": "This button does not belong to the question you are on, so nothing was changed.",
    },
    "survey_refused_required": {
        "nb": "Dette spørsmålet må besvares, så det kan ikke hoppes over.",
        "nn": "Dette spørsmålet må svarast på, så det kan ikkje hoppast over.",
        "en": "This question must be answered, so it cannot be skipped.",
    },
    "survey_refused_none_picked": {
        "nb": "Velg minst ett alternativ før du trykker «Ferdig».",
        "nn": "Vel minst eitt alternativ før du trykkjer «Ferdig».",
        "en": "Choose at least one option before you press “Done”.",
    },
    "survey_refused_no_question": {
        "nb": "Undersøkelsen har ikke noe spørsmål {n}; den har {total}.",
        "nn": "Undersøkinga har ikkje noko spørsmål {n}; ho har {total}.",
        "en": "The survey has no question {n}; it has {total}.",
    },
    "survey_summary_unclear": {
        "nb": "Skriv «send» for å sende inn, «endre N» for å endre svar N, eller «pause».",
        "nn": "Skriv «send» for å sende inn, «endre N» for å endre svar N, eller «pause».",
        "en": "Type “submit” to submit, “change N” to change answer N, or “pause”.",
    },
    # ------------------------------------------------------------ refused surveys
    "survey_unknown": {
        "nb": "Jeg finner ingen undersøkelse med id «{id}». Skriv «svar» for å se hva som venter på svar fra deg.",
        "nn": "Eg finn inga undersøking med id «{id}». Skriv «svar» for å sjå kva som ventar på svar frå deg.",
        "en": "I cannot find a survey with the id “{id}”. Type “answer” to see what is waiting for your answer.",
    },
    "survey_not_yours": {
        "nb": "Undersøkelsen «{title}» er ikke sendt til deg, så du kan ikke svare på den.",
        "nn": "Undersøkinga «{title}» er ikkje send til deg, så du kan ikkje svare på henne.",
        "en": "The survey “{title}” was not sent to you, so you cannot answer it.",
    },
    "survey_not_open": {
        "nb": "Undersøkelsen «{title}» er ikke åpnet ennå. Den åpner {opens}.",
        "nn": "Undersøkinga «{title}» er ikkje opna enno. Ho opnar {opens}.",
        "en": "The survey “{title}” is not open yet. It opens {opens}.",
    },
    "survey_closed": {
        "nb": "Undersøkelsen «{title}» ble stengt {closed}, så svar tas ikke imot lenger. Ingenting ble lagret.",
        "nn": "Undersøkinga «{title}» vart stengd {closed}, så svar blir ikkje tekne imot lenger. Ingenting vart "
        "lagra.",
        "en": "The survey “{title}” closed {closed}, so answers are no longer accepted. Nothing was saved.",
    },
    # ------------------------------------------------------------ colleagues
    "survey_changed_by_others": {
        "nb": "Siden sist har andre endret svar:",
        "nn": "Sidan sist har andre endra svar:",
        "en": "Since you last looked, others changed answers:",
    },
    "survey_removed": {"nb": "svaret ble fjernet", "nn": "svaret vart fjerna", "en": "the answer was removed"},
    # ------------------------------------------------------------ summary and submit
    "survey_summary_title": {
        "nb": "Oppsummering: {title}", "nn": "Oppsummering: {title}", "en": "Summary: {title}",
    },
    "survey_not_answered": {"nb": "ikke besvart", "nn": "ikkje svart", "en": "not answered"},
    "survey_missing": {"nb": "mangler svar", "nn": "manglar svar", "en": "answer missing"},
    "survey_summary_help": {
        "nb": "Skriv «endre N» for å endre svar N, eller «send» for å sende inn.",
        "nn": "Skriv «endre N» for å endre svar N, eller «send» for å sende inn.",
        "en": "Type “change N” to change answer N, or “submit” to submit.",
    },
    "survey_summary_submitted": {
        "nb": "Sendt inn {when} av {who}. Du kan endre svar fram til fristen {deadline}.",
        "nn": "Sendt inn {when} av {who}. Du kan endre svar fram til fristen {deadline}.",
        "en": "Submitted {when} by {who}. You can change answers until the deadline, {deadline}.",
    },
    "survey_submit_button": {"nb": "Send inn", "nn": "Send inn", "en": "Submit"},
    "survey_submit_missing": {
        "nb": "Kan ikke sendes inn ennå: spørsmål {numbers} må besvares. Vi går til spørsmål {first}.",
        "nn": "Kan ikkje sendast inn enno: spørsmål {numbers} må svarast på. Vi går til spørsmål {first}.",
        "en": "Cannot be submitted yet: question {numbers} must be answered. We go to question {first}.",
    },
    "survey_submitted": {
        "nb": "Takk! Svaret på «{title}» er sendt inn. Du kan endre det fram til fristen {deadline}: skriv "
        "«svar {id}».",
        "nn": "Takk! Svaret på «{title}» er sendt inn. Du kan endre det fram til fristen {deadline}: skriv "
        "«svar {id}».",
        "en": "Thank you! Your answer to “{title}” is submitted. You can change it until the deadline, "
        "{deadline}: type “answer {id}”.",
    },
    "survey_no_deadline": {"nb": "ingen frist", "nn": "ingen frist", "en": "no deadline"},
    # ------------------------------------------------------------ what waits (the `svar` list)
    "survey_waiting_progress": {
        "nb": "{answered} av {total} besvart",
        "nn": "{answered} av {total} svart",
        "en": "{answered} of {total} answered",
    },
    "survey_waiting_submitted": {
        "nb": "sendt inn, kan endres til fristen",
        "nn": "sendt inn, kan endrast til fristen",
        "en": "submitted, can be changed until the deadline",
    },
    "survey_start_button": {"nb": "Start", "nn": "Start", "en": "Start"},
}
