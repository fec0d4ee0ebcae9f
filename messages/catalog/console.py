"""Texts of the terminal chat."""

TEXTS: dict[str, dict[str, str]] = {
    "console_prompt_hint": {
        "nb": "Skriv et spørsmål og trykk Enter. «avslutt» eller Ctrl-D avslutter.",
        "nn": "Skriv eit spørsmål og trykk Enter. «avslutt» eller Ctrl-D avsluttar.",
        "en": "Type a question and press Enter. “quit” or Ctrl-D ends the chat.",
    },
}
