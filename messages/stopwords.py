"""Stop words: the little words a summary of free-text answers leaves out, in bokmål, nynorsk and English.

Used by handlers/surveys/themes.py. Lower case; the lists overlap on purpose (answers mix forms).
"""

from __future__ import annotations

STOPWORDS_NB: frozenset[str] = frozenset("""
alle alt andre at av bare begge ble bli blir blitt både da de deg dem den denne der dere deres det dette
disse du eller en enn er et ett etter for fordi fra før ha hadde han hans har hun hva hvem hvilke hvilken
hvis hvor hvordan hvorfor i ikke ingen inn innen jeg kan kunne man med meg mellom men mer mest min mine
mitt mot mye må måtte ned noe noen nok nå når og også om opp oss over på samme seg selv sin sine sitt
skal skulle slik som så til ut uten var vi vil ville vår være vært å blant ca få flere ganske gjennom
hele her heller helst hos kun litt mange meget mindre minst mulig nye ny også sa sammen se ser siden
slik store stor svært særlig enda enkelte ellers foran fram fremdeles godt ja nei osv pga dvs mtp lite liten lita
""".split())

STOPWORDS_NN: frozenset[str] = frozenset("""
alle alt andre at av berre bli blei blir blitt både då dei deim deira deires den denne der dykk dykkar
det dette desse du eg eit ein eller enn er etter for fordi frå før ha hadde han hans har ho hennar kva
kven kvar korleis kvifor kor kvifor kva for i ikkje ingen inn innan kan kunne med meg mellom men meir
mest min mine mitt mot mykje må måtte ned noko nokon nokre nok no når og òg om opp oss over på same seg
sjølv si sine sitt skal skulle slik som så til ut utan var vi vil ville vår vere vore vert verte vart
å blant få fleire ganske gjennom heile her heller hjå berre litt mange mindre minst mogleg nye ny saman
sjå ser sidan store stor svært særleg enno ellers fram godt ja nei sine ein eitt kvarandre lite liten lita
""".split())

STOPWORDS_EN: frozenset[str] = frozenset("""
a about all also an and any are as at be been but by can could do does for from had has have he her his
how i if in into is it its more most my no not of on or our out over she so some such than that the
their them then there these they this those to too up very was we were what when where which who why
will with would you your yes
""".split())

STOPWORDS: frozenset[str] = STOPWORDS_NB | STOPWORDS_NN | STOPWORDS_EN
