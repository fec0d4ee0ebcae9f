"""Surveys: the questions the secretariat asks the network, the answers, and the reports made of them.

The conversation (a person answering):
    start.py          `svar <id>`, the invitation's Start button (`survey_start`), the survey source of `svar`
    conversation.py   the `survey` flow: one question at a time, the summary, submit
    access.py         who may answer which survey, and when
    answers_parse.py  typed and pressed answers, one parser per question type
    words.py          the steering words (tilbake, hopp over, pause, endre N, send) in nb, nn and en
    summary.py        questions, answers, the summary and colleagues' changes as messages

The report (the secretariat): results.py, report*.py, breakdown.py, themes.py.
"""
