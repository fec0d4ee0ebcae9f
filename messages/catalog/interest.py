"""Texts of calls for interest (handlers/interest) and of "what waits for my answer" (handlers/waiting.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "interest_answer_yes": {"nb": "Ja", "nn": "Ja", "en": "Yes"},
    "interest_answer_no": {"nb": "Nei", "nn": "Nei", "en": "No"},
    "interest_answer_unsure": {"nb": "Usikker", "nn": "Usikker", "en": "Unsure"},
    "interest_skip": {"nb": "Hopp over", "nn": "Hopp over", "en": "Skip"},
    "interest_which": {
        "nb": "Flere interesseforespørsler venter på svar fra dere. Velg hvilken du svarer på:",
        "nn": "Fleire interesseførespurnader ventar på svar frå dykk. Vel kva for ein du svarar på:",
        "en": "Several calls for interest wait for your organization's answer. Choose which one you are answering:",
    },
    "interest_question": {
        "nb": "Svar for {org} innen {due}: Ja, Nei eller Usikker?",
        "nn": "Svar for {org} innan {due}: Ja, Nei eller Usikker?",
        "en": "Answer for {org} by {due}: Yes, No or Unsure?",
    },
    "interest_not_answered_yet": {
        "nb": "{org} har ikke svart ennå.",
        "nn": "{org} har ikkje svart enno.",
        "en": "{org} has not answered yet.",
    },
    "interest_not_answered_short": {"nb": "ikke svart ennå", "nn": "ikkje svart enno", "en": "not answered yet"},
    "interest_answered_already": {
        "nb": "{org} har svart {answer}.",
        "nn": "{org} har svart {answer}.",
        "en": "{org} has answered {answer}.",
    },
    "interest_can_change": {
        "nb": "Du kan endre svaret fram til fristen.",
        "nn": "Du kan endre svaret fram til fristen.",
        "en": "You can change the answer until the deadline.",
    },
    "interest_answered_by": {
        "nb": "{answer} ({who}, {when})",
        "nn": "{answer} ({who}, {when})",
        "en": "{answer} ({who}, {when})",
    },
    "interest_someone": {"nb": "en som ikke er med lenger", "nn": "ein som ikkje er med lenger",
                         "en": "someone no longer listed"},
    "interest_with_comment": {
        "nb": "{text} Kommentar: «{comment}».",
        "nn": "{text} Kommentar: «{comment}».",
        "en": "{text} Comment: “{comment}”.",
    },
    "interest_recorded": {
        "nb": "Registrert: {org} svarer {answer} på «{title}».",
        "nn": "Registrert: {org} svarar {answer} på «{title}».",
        "en": "Recorded: {org} answers {answer} to “{title}”.",
    },
    "interest_replaces": {
        "nb": "Det erstatter svaret {answer}.",
        "nn": "Det erstattar svaret {answer}.",
        "en": "This replaces the answer {answer}.",
    },
    "interest_ask_comment": {
        "nb": "Vil du legge til en kommentar? Skriv den i neste melding, eller trykk «Hopp over».",
        "nn": "Vil du leggje til ein kommentar? Skriv han i neste melding, eller trykk «Hopp over».",
        "en": "Would you like to add a comment? Type it in your next message, or press “Skip”.",
    },
    "interest_answer_hint": {
        "nb": "Svar Ja, Nei eller Usikker (eller 1, 2 eller 3).",
        "nn": "Svar Ja, Nei eller Usikker (eller 1, 2 eller 3).",
        "en": "Answer Yes, No or Unsure (or 1, 2 or 3).",
    },
    "interest_saved": {
        "nb": "Takk! Svaret {answer} fra {org} er lagret, uten kommentar.",
        "nn": "Takk! Svaret {answer} frå {org} er lagra, utan kommentar.",
        "en": "Thank you! The answer {answer} from {org} is saved, without a comment.",
    },
    "interest_saved_comment": {
        "nb": "Takk! Svaret {answer} fra {org} er lagret med kommentaren «{comment}».",
        "nn": "Takk! Svaret {answer} frå {org} er lagra med kommentaren «{comment}».",
        "en": "Thank you! The answer {answer} from {org} is saved with the comment “{comment}”.",
    },
    "interest_change_hint": {
        "nb": "Dere kan endre svaret fram til {due}: skriv «svar {id}».",
        "nn": "De kan endre svaret fram til {due}: skriv «svar {id}».",
        "en": "You can change the answer until {due}: type “answer {id}”.",
    },
    "interest_comment_lost": {
        "nb": "En kollega har endret svaret fra {org} i mellomtiden, så kommentaren ble ikke lagret. "
              "Skriv «svar» for å se svaret som gjelder nå.",
        "nn": "Ein kollega har endra svaret frå {org} i mellomtida, så kommentaren vart ikkje lagra. "
              "Skriv «svar» for å sjå svaret som gjeld no.",
        "en": "A colleague has changed the answer from {org} in the meantime, so the comment was not saved. "
              "Type “answer” to see the answer that stands now.",
    },
    "interest_unknown": {
        "nb": "Jeg finner ingen interesseforespørsel med id «{id}», så ingenting ble lagret.",
        "nn": "Eg finn inga interesseførespurnad med id «{id}», så ingenting vart lagra.",
        "en": "I cannot find a call for interest with the id “{id}”, so nothing was saved.",
    },
    "interest_not_addressed": {
        "nb": "«{title}» er ikke sendt til deg, så du kan ikke svare på den. Ingenting ble lagret.",
        "nn": "«{title}» er ikkje send til deg, så du kan ikkje svare på han. Ingenting vart lagra.",
        "en": "“{title}” was not sent to you, so you cannot answer it. Nothing was saved.",
    },
    "interest_other_org": {
        "nb": "Denne knappen gjelder en annen organisasjon enn din ({org}), så ingenting ble endret.",
        "nn": "Denne knappen gjeld ein annan organisasjon enn din ({org}), så ingenting vart endra.",
        "en": "This button is for another organization than yours ({org}), so nothing was changed.",
    },
    "interest_closed": {
        "nb": "Fristen for «{title}» gikk ut {due}. Svar kan ikke lenger registreres, så ingenting ble lagret.",
        "nn": "Fristen for «{title}» gjekk ut {due}. Svar kan ikkje lenger registrerast, så ingenting vart lagra.",
        "en": "The deadline for “{title}” was {due}. Answers can no longer be recorded, so nothing was saved.",
    },
    "interest_button_invalid": {
        "nb": "Denne knappen er ikke gyldig, så ingenting ble endret. Skriv «svar» for å se hva som venter på "
              "svar fra deg.",
        "nn": "Denne knappen er ikkje gyldig, så ingenting vart endra. Skriv «svar» for å sjå kva som ventar på "
              "svar frå deg.",
        "en": "This button is not valid, so nothing was changed. Type “answer” to see what waits for your answer.",
    },
    "interest_call_title": {
        "nb": "Interesseforespørsel",
        "nn": "Interesseførespurnad",
        "en": "Call for interest",
    },
    "interest_call_text": {
        "nb": "«{title}»: svar Ja, Nei eller Usikker for {org}, frist {due}.",
        "nn": "«{title}»: svar Ja, Nei eller Usikker for {org}, frist {due}.",
        "en": "“{title}”: answer Yes, No or Unsure for {org}, deadline {due}.",
    },
    "interest_call_context": {
        "nb": "Ett svar gjelder for hele {org}, og en kollega kan endre det fram til fristen. Trykk på en knapp, "
              "eller skriv «svar {id}».",
        "nn": "Eitt svar gjeld for heile {org}, og ein kollega kan endre det fram til fristen. Trykk på ein knapp, "
              "eller skriv «svar {id}».",
        "en": "One answer counts for all of {org}, and a colleague can change it until the deadline. Press a "
              "button, or type “answer {id}”.",
    },
    "interest_reminder_text": {
        "nb": "{org} har ikke svart ennå. Svar Ja, Nei eller Usikker med knappene, eller skriv «svar {id}».",
        "nn": "{org} har ikkje svart enno. Svar Ja, Nei eller Usikker med knappane, eller skriv «svar {id}».",
        "en": "{org} has not answered yet. Answer Yes, No or Unsure with the buttons, or type “answer {id}”.",
    },
    "interest_status_title": {
        "nb": "Interesse: {title}",
        "nn": "Interesse: {title}",
        "en": "Interest: {title}",
    },
    "interest_status_text": {
        "nb": "Frist {due}. {counts}.",
        "nn": "Frist {due}. {counts}.",
        "en": "Deadline {due}. {counts}.",
    },
    "interest_counts": {
        "nb": "Ja {yes} · Nei {no} · Usikker {unsure} · ikke svart {none}",
        "nn": "Ja {yes} · Nei {no} · Usikker {unsure} · ikkje svart {none}",
        "en": "Yes {yes} · No {no} · Unsure {unsure} · no answer {none}",
    },
    "interest_status_line": {"nb": "{org}: {answer}", "nn": "{org}: {answer}", "en": "{org}: {answer}"},
    "interest_status_line_none": {
        "nb": "{org}: ikke svart ennå",
        "nn": "{org}: ikkje svart enno",
        "en": "{org}: no answer yet",
    },
    "interest_status_usage": {
        "nb": "Skriv «status» og id-en til interesseforespørselen, for eksempel «status interesse-skjonn-2018».",
        "nn": "Skriv «status» og id-en til interesseførespurnaden, til dømes «status interesse-skjonn-2018».",
        "en": "Type “status” and the id of the call for interest, for example “status interesse-skjonn-2018”.",
    },
    "interest_status_refused": {
        "nb": "Bare sekretariatet kan se hva organisasjonene har svart. Skriv «svar» for å se ditt eget svar.",
        "nn": "Berre sekretariatet kan sjå kva organisasjonane har svart. Skriv «svar» for å sjå ditt eige svar.",
        "en": "Only the secretariat can see what the organizations have answered. Type “answer” to see your own.",
    },
    "interest_home_title": {
        "nb": "Åpne interesseforespørsler",
        "nn": "Opne interesseførespurnader",
        "en": "Open calls for interest",
    },
    "interest_home_line": {
        "nb": "{title} (frist {due}): {counts}. Skriv «status {id}» for svaret fra hver organisasjon.",
        "nn": "{title} (frist {due}): {counts}. Skriv «status {id}» for svaret frå kvar organisasjon.",
        "en": "{title} (deadline {due}): {counts}. Type “status {id}” for each organization’s answer.",
    },
    "waiting_title": {
        "nb": "Dette venter på svar fra deg",
        "nn": "Dette ventar på svar frå deg",
        "en": "This waits for your answer",
    },
    "waiting_line": {
        "nb": "{title} (frist {due}): {state}. Skriv «svar {id}».",
        "nn": "{title} (frist {due}): {state}. Skriv «svar {id}».",
        "en": "{title} (deadline {due}): {state}. Type “answer {id}”.",
    },
    "waiting_line_no_due": {
        "nb": "{title}: {state}. Skriv «svar {id}».",
        "nn": "{title}: {state}. Skriv «svar {id}».",
        "en": "{title}: {state}. Type “answer {id}”.",
    },
    "waiting_hint": {
        "nb": "Trykk på en knapp for å svare eller endre svaret.",
        "nn": "Trykk på ein knapp for å svare eller endre svaret.",
        "en": "Press a button to answer or to change the answer.",
    },
    "waiting_none": {
        "nb": "Ingenting venter på svar fra deg nå.",
        "nn": "Ingenting ventar på svar frå deg no.",
        "en": "Nothing waits for your answer right now.",
    },
    "waiting_unknown": {
        "nb": "Jeg finner ikke «{id}» blant det som venter på svar fra deg. Skriv «svar» for å se listen.",
        "nn": "Eg finn ikkje «{id}» blant det som ventar på svar frå deg. Skriv «svar» for å sjå lista.",
        "en": "I cannot find “{id}” among what waits for your answer. Type “answer” to see the list.",
    },
}
