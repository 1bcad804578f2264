#!/usr/bin/env python3
"""Scores event types and quote attribution (issue 18) against hand labels.

Usage: python3 scripts/eval/events/score.py [--bin build/bin/communique-index]
           [--half tune|report|all] [--ids fit-N..fit-M] [--errors] [--check]
           [--lang en|ru|zh|ja|ar|fr|es|de|multilingual]

Articles: the sample corpus (scripts/sample/: JSONL, text and HTML) and the
short articles of scripts/eval/events/articles.jsonl (written for this
evaluation by new_articles.py); labels in sample_labels.py and
labels-new.jsonl. The split is fixed by a hash of the label key: the rules
were fitted on `--half tune` (first byte of its SHA-1 even); the figures to
report are `--half report`. Articles with ids "fit-" were written later to
show the rules shapes the tune half lacked (attribution before a quote,
roles and pronouns, passive triggers; in the third round headline grammar:
"X calls Y", "Name: claim", passive headlines, requests, congratulations
on an election; in the fourth to seventh, fit-089..175, verbal attacks,
requests by no government, wordings per type, quote shapes, wire
shorthand; in the ninth to thirteenth, fit-176..245, the sample corpus's
range of styles: analysis and comment, features and markets with no event,
long leads, events in the background, wire slugs; in the fourteenth,
fit-246..275, the types recalled least (aid, military, meeting,
statement) and articles with no event; in the fifteenth, fit-276..305, the
shapes of the tune half's primary errors (main verbs the vocabulary lacked,
goods that arrive, summits named by bloc and place, condemnations, features),
and fit-306..325, the sample corpus's mix written after that round's rules;
in the sixteenth, fit-326..365, several per type in wire headline forms
('X, Y agree', 'After ...' first, a quote first, 'X says'), and
fit-366..385, in the sample corpus's manner, written before that round's
rules were committed; in the seventeenth, fit-386..410, the sample
corpus's longer articles (five-sentence bodies, multi-event leads,
background events, features, one without a headline);
each batch labelled (by LABELLING.md from the fifteenth round)
before the recogniser read it and scored alone with --ids before fitting,
the honest measure of how the rules generalise): they are
always in the tune half, so the report half stays the 92 articles it was.
`--half tune --errors` lists the errors to fit on. Metrics:
  primary     share of articles whose primary event (or none) is the label's
  events      precision and recall of (article, type) pairs, headline and lead
  quotes      precision and recall of quotes whose speaker and text both match:
              text when the folded words agree (>= 0.8 token F1), speaker when
              the label's surname is among the predicted speaker's words (an
              unnamed speaker, "", matches only "").
Other languages (--lang ru ... de, or `multilingual` for a row each): the
multilingual sample (scripts/sample/multilingual/*.gold but unseen9.gold,
`expected` stripped) with labels-multilingual.jsonl, labelled by the
conventions above (primary or "", the types of headline and lead) before any
trigger of the language was written, and its quotes (LABELLING.md, "Quotes
in other languages") before any of schema/quotes.json's other languages'
rules was fitted on them. The same hash splits them: the triggers of
schema/events.json and the attribution data of schema/quotes.json were
written on the tune half; the report half is reported (primary accuracy,
event precision and recall, quote precision and recall), and --floor gates
each language at ML_FLOORS. A quote's text matches as in English over words
of any script, each Han, kana or Hangul letter a word (ml_fold); its
speaker when the predicted gazetteer id is the label's (a name the
gazetteer lacks: the label's last word among the predicted name's).
The quote-rich fit articles of articles-multilingual.jsonl (fit-ml-<lang>-NN,
written by new_articles_multilingual.py, labelled in
labels-fit-multilingual.jsonl before the recogniser read them) are always in
the tune half; `--lang fr --ids fit-ml-fr-01..fit-ml-fr-08` scores a batch
alone.
With --floor, exits 1 when the report half falls below the figures it last
reached, less about one article or quote (FLOORS; what ctest runs). With --check, exits 1 when it misses the issue's targets
(primary >= 0.90, event precision >= 0.80, quote precision >= 0.90, quote
recall >= 0.85).
"""
import argparse
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
import sample_labels  # noqa: E402

TARGETS = {"primary": 0.90, "event_precision": 0.80, "quote_precision": 0.90, "quote_recall": 0.85}
# What the report half scored after the fourteenth round, scored once after
# it (0.859, 0.835, 0.942, 0.891; ninth to thirteenth 0.848, 0.827, 0.923,
# 0.873; fourth to seventh 0.848,
# 0.826, 0.904, 0.855; third round 0.848, 0.814,
# 0.922, 0.855; second round 0.826, 0.831, 0.922, 0.855; when the
# recognisers landed: 0.804, 0.828, 0.917, 0.80), less about one article or
# one quote: --floor fails when a change makes them worse. The later rounds
# moved the fit half and fresh fit batches (primary on each new batch before
# fitting: about 0.55, 0.54, 0.82, 0.80) but not the report half's primary
# accuracy, still short of its target (issue 18 stays open); they raised
# event precision (floor 0.80 -> 0.81) and cost quote precision one or two
# quotes (unnamed people now speak as ""), which leaves that floor at the
# issue's target with less than a quote to spare. The ninth to thirteenth
# rounds (fresh batches before fitting: 0.44, 0.63, 0.79, 0.75, 0.70
# primary) won back quote precision and recall (floor 0.83 -> 0.85) and
# left primary accuracy where it was. The fourteenth (fit-246..275 before
# fitting: primary 0.733, event precision 0.75, recall 0.857, quotes 0.556 /
# 0.455 on 11; after: 0.933, 0.872, 0.971, 1.0 / 1.0) changed how the
# primary is chosen (a headline with events only in its background defers to
# the lead; what any verb is on, over or about is its topic) and who speaks
# unnamed: every report figure rose, and every floor with it (primary 0.83 ->
# 0.84, event precision 0.81 -> 0.82, quote precision 0.90 -> 0.92, quote
# recall 0.85 -> 0.87). Primary accuracy is still short of its target.
# The fifteenth measured the tune half's primary errors (24 of 371 with
# fit-276..305: 11 types never read, 6 chosen wrongly, 6 events in articles
# with none, 1 label against the others, corrected by LABELLING.md), fitted
# wordings, feature headlines, hyphenated and noun modifiers and calls within
# another trigger (fit-276..305 before fitting: primary 0.567, event
# precision 0.756, recall 0.791; fit-306..325, written after the rules and
# scored before fitting on them: 0.80, 0.80, 0.923, the same as the
# fourteenth round's rules gave it; after: 0.90), and found a learned
# selector no better held out (selector_cv.py: 0.978 against the rules'
# 0.992). The report half, scored once after it: primary 0.859 -> 0.848 (one
# article fewer), event precision 0.835 -> 0.836, recall 0.879 -> 0.886,
# quotes unchanged (0.942, 0.891); the floors stay where they were.
# The sixteenth wrote fit-326..365 (40, several per type in wire headline
# forms) and scored it before fitting: primary 0.925, event precision
# 0.814, recall 0.906, quotes 0.6 / 0.6 on 5; after its rules ('X, Y agree
# ...', fears as conditions, a statement's object and a clause of its own
# read within a trigger's gap): 0.95, 0.831, 0.925. fit-366..385, written in
# the sample corpus's manner before those rules were committed and scored
# after them: 0.90, 0.833, 0.833 (the fifteenth round's rules gave it the
# same). Tune half 0.982 -> 0.984 on the same 434 articles. The report
# half, scored once after it: unchanged (0.848, 0.836, 0.886, 0.942,
# 0.891); the floors stay where they were.
# The seventeenth tested two explanations of the sample corpus's lower
# primary accuracy. Label drift: every sample-corpus label (both halves) was
# read again against LABELLING.md, articles and labels only, no prediction
# read; the rules the guide lacked were written into it as the majority of
# all labels read them, and 26 labels corrected by them (each '# audit:'
# in sample_labels.py and new_articles.py; primary changed on 8 sample
# articles, 6 of them in the report half). Tune half with the corrected
# labels (454 articles): 0.980 -> 0.971 with the sixteenth round's rules.
# Shape gap: fit-386..410, 25 articles in the sample corpus's longer
# manner, labelled first, scored before fitting: primary 0.84, event
# precision 0.82, recall 0.932, quotes 1.0 / 0.962 on 26. The rules fitted on
# the tune half's errors (a call after "after" is background, as
# LABELLING's rule 3 now says; data: reduced military activity, OPEC+
# output decisions, EU enlargement decisions, final communiques, a G7 that
# ends, leaders hosted for a summit, pledges won and vaccine pledges, a
# leader leaving a country, "no"): tune half 0.969 -> 0.985 (479
# articles), fit-386..410 0.84 -> 0.92 (0.86, 0.977). The report half,
# scored once after both: primary 0.848 -> 0.902, event precision 0.836 ->
# 0.872, recall 0.886 -> 0.898, quotes unchanged (0.942, 0.891). The rise
# mixes the corrected labels and the rules; the lead divided it afterwards
# by scoring the corrected labels with the sixteenth round's binary: 0.880
# (event precision 0.871, recall 0.891), so the audit gave three articles
# and the rules two. The issue's primary target is reached by one article,
# and only with the audit. The primary and event-precision floors rise with
# the figures.
FLOORS = {"primary": 0.89, "event_precision": 0.86, "quote_precision": 0.92, "quote_recall": 0.87}
# The report half of each other language, measured once after its triggers
# were written on the tune half (2026-12-04; primary, event precision,
# recall): ru 1.000 0.952 1.000 (14 articles), zh 0.913 1.000 0.929 (23),
# ja 0.941 1.000 0.968 (17), ar 0.941 1.000 0.864 (17), fr 0.783 0.906
# 1.000 (23), es 0.905 0.763 0.906 (21), de 0.867 1.000 0.900 (15); less
# about one article: --floor --lang multilingual fails below them. fr and
# de primary accuracy and es event precision are short of the issue's
# targets. The sixteenth round's data (fr: a place before a leader is no
# visit; de: 'X bei Y' meets, a country that votes elects) and its rule for
# events within a trigger's gap, written on the tune half, and the report
# half scored once after them: fr 0.783 -> 0.870 primary, event precision
# 0.906 -> 0.929, recall 1.000 -> 0.897; de 0.867 -> 0.800, 1.000 -> 0.947,
# recall 0.900; es unchanged (0.905, 0.763, 0.906); the others unchanged.
# fr floors rise with them; de's stay, its primary now at its floor.
# Quotes (issue 18, 2026-12-04): the report half's quote precision and
# recall per language, measured once after the attribution data of the
# other languages was fitted on the tune half (before fitting: ru 1.0 / 1.0
# on 1 quote, zh 0.0 / - on none, ja 0.5 / 0.333 on 3, ar - / - on none,
# fr 0.5 / 0.111 on 18, es 0.333 / 0.1 on 10, de 0.5 / 0.333 on 3; after:
# ru 0.333 / 1.0, zh 0.0 / -, ja 0.5 / 0.667, ar 1.0 / 1.0, fr 0.714 / 0.556,
# es 0.714 / 0.5, de 0.667 / 0.667): floors at those figures, rounded down,
# since one quote is a third of some languages' figures. Every language is
# short of the issue's quote targets; zh and ar wire copy quotes no one
# (LABELLING.md), so their figures count only quotes found where none is.
# The next round (2026-12-04) wrote fit-ml-<lang>-NN (46 quote-rich
# articles: 8 each in fr es de ru ja, 3 each in zh ar; 131 quotes), labelled
# them before the attributor read them and scored them alone before fitting
# (quote precision / recall: ru 0.85 / 0.739 on 23, ja 0.6 / 0.3 on 20, fr
# 0.7 / 0.583 on 24, es 0.609 / 0.583 on 24, de 0.773 / 0.654 on 26, zh
# 1.0 / 1.0 on 7, ar 1.0 / 0.571 on 7), then fitted general rules and
# per-language data of schema/quotes.json on them and the tune half (after:
# ru 0.955 / 0.913, ja 0.941 / 0.8, fr 0.917 / 0.917, es 0.958 / 0.958,
# de 0.962 / 0.962, zh 1.0 / 1.0, ar 1.0 / 0.714; the tune half's own
# articles: es recall 0.889 -> 1.0, the others unchanged, ru 1.0 / 1.0, ja
# 1.0 / 0.778, fr 1.0 / 1.0, de 1.0 / 0.8). The report half, scored once
# after it: ru 0.333 / 1.0 (unchanged, 1 quote), zh 0.0 / - (unchanged),
# ja 0.5 / 0.667 -> 0.75 / 1.0, ar 1.0 / 1.0, fr 0.714 / 0.556 -> 0.857 /
# 0.667, es 0.714 / 0.5 and de 0.667 / 0.667 unchanged; events unchanged,
# English quotes unchanged (0.942, 0.891; every English labelled article's
# quotes byte-identical). ja and fr floors rise with them. Still short of
# the targets: the misses left are mostly names the gazetteer spells
# otherwise or lacks (Yván Gil, عبد العاطي, ペスコフ, a president's term).
# unseen11 (2026-12-04): 42 articles written blind, 6 per language, with
# their events and quotes labelled by LABELLING.md before any run, joined
# the multilingual sample; the hash puts about half in each half. Scored
# whole and once on the rules of the time, before any fit (--set unseen11
# --half all; primary, event precision, recall, quotes, quote precision,
# recall): ru 0.833 0.875 0.875 13 0.500 0.462; zh 0.667 1.000 0.625 2 0.667
# 1.000; ja 0.667 0.818 0.818 16 0.727 0.500; ar 0.833 0.667 0.750 2 0.667
# 1.000; fr 0.667 0.750 0.750 20 0.909 0.500; es 0.833 0.700 0.636 16 0.700
# 0.438; de 0.167 0.600 0.375 17 0.500 0.412. Held out, the other languages'
# events and quotes are far from the issue's targets (German triggers for
# an election won, arms delivered, a deal sealed; German speakers taken
# from places). The report half grew by unseen11's half, so its floors were
# measured again on it (ru 18 articles, zh 25, ja 18, ar 22, fr 26, es 24,
# de 17), less about one article or quote.
# Vocabulary pass (issue 18, 2026-12-04): the common headline and lead verbs
# and nouns of wire services for each of the twelve types in de, fr, es, ru,
# ja, zh, ar (elections won, sworn in, re-elected; arms and aid delivered,
# released, donated; deals sealed, reached, agreed; missiles fired, troops
# sent, shelling; tariffs, export controls, frozen assets; diplomats
# expelled, ambassadors recalled, ties cut; votes, abstentions; statements of
# congratulation, rejection, displeasure), German compounds listed whole,
# written as data and checked on the tune half (errors there only); the
# report half scored once after it. Primary, event precision, recall before
# -> after; tune: ru 0.917 0.944 0.944 -> 0.958 0.946 0.972, zh 0.889 1.000
# 0.920 -> 0.944 1.000 0.960, ja 0.923 0.961 0.961 -> 0.962 0.962 0.980, ar
# 1.000 0.929 0.929 unchanged, fr 0.947 0.963 0.963 unchanged, es 0.955 0.844
# 0.871 -> 1.000 0.848 0.903, de 0.880 0.946 0.814 -> 0.920 0.951 0.907;
# report: ru 1.000 0.960 1.000 unchanged, zh 0.923 1.000 0.906 -> 0.923
# 0.968 0.938, ja 0.944 1.000 0.969 unchanged, ar 0.905 0.885 0.852 -> 0.952
# 0.920 0.852, fr 0.815 0.879 0.853 -> 0.889 0.886 0.912, es 0.905 0.763
# 0.906 -> 0.905 0.744 0.906, de 0.667 0.864 0.826 -> 0.833 0.875 0.913;
# unseen11 whole (no longer blind: its misses were read for their classes,
# German compounds, aid that arrives, 'llama a' a leader): ru 0.833 0.875
# 0.875 -> 1.000 0.889 1.000, zh 0.667 1.000 0.625 -> 0.833 1.000 0.875, ja
# 0.667 0.818 0.818 -> 0.833 0.833 0.909, ar 0.833 0.667 0.750 -> 1.000 0.750
# 0.750, fr 0.667 0.750 0.750 -> 1.000 0.800 1.000, es 0.833 0.700 0.636 ->
# 1.000 0.727 0.727, de 0.167 0.600 0.375 -> 0.833 0.778 0.875. Quotes
# unchanged. English unchanged (tune and report). ML_FLOORS are left to be
# raised by the lead.
# The vocabulary pass was measured on the split of the ids unseen11 had
# then (ml-<lang>-r1..r6); with k1..k6 the halves hold other unseen11
# articles, so the report figures the lead measured after the merge are
# the ones ML_FLOORS records below.
# After the merges of that session (the quote round, the vocabulary pass,
# the fixes of unseen11's entity misses, the heads of organisations), the
# report half on the k1..k6 split (primary, event precision, recall, quote
# precision, recall; before -> after): ru 0.944 0.923 0.960 0.500 0.556 ->
# 1.000 0.926 1.000 0.600 0.667; zh 0.920 1.000 0.933 0.286 1.0 -> 0.920
# 0.966 0.933 0.222 1.0; ja 0.889 1.000 0.938 0.667 0.800 -> 0.944 1.000
# 0.969 0.833 1.000; ar 0.909 0.889 0.828 0.5 1.0 -> 0.955 0.923 0.828 0.5
# 1.0; fr 0.846 0.909 0.882 0.737 0.500 -> 0.885 0.912 0.912 0.895 0.607;
# es 0.917 0.744 0.889 0.667 0.444 -> 0.917 0.727 0.889 0.750 0.500; de
# 0.706 0.864 0.864 0.556 0.500 -> 0.824 0.870 0.909 0.556 0.500. Not
# blind: unseen11's report-half articles are in it and the vocabulary pass
# read unseen11's misses. unseen11 whole after them: ru 1.000 0.889 1.000
# 0.667 0.615; zh 0.833 1.000 0.875 0.667 1.0; ja 0.833 0.833 0.909 0.833
# 0.625; ar 1.000 0.750 0.750 0.667 1.0; fr 1.000 0.800 1.000 1.000 0.550;
# es 1.000 0.727 0.727 0.800 0.500; de 0.833 0.778 0.875 0.500 0.412 (its
# blind first run above). Quote recall stays near 0.5 in fr, es and de.
# Stopped, cancelled and refused events (issues 14/18, 2026-12-05): what is
# stopped, suspended, called off, postponed or refused is no event of its
# type and the decision a statement, unless an agreement or vote decides it
# (LABELLING.md, written as the labels read it: ev-026, fit-400, cq-0039,
# fit-408; ml-de-06, tune half, corrected to it), in every language as
# events.json data ('cancellation', 'cancelled'; sanctions not
# 'cancellable'); with it the German and Spanish tune-half classes (a call
# a request also reads, 'beraten', a condition set, drones, a day inside
# 'llamó a consultas'). English, primary, event precision, recall, quote
# precision, recall, before -> after: tune 0.985 0.902 0.949 0.987 0.963 ->
# 0.985 0.904 0.949 0.987 0.963; report unchanged (0.902 0.872 0.898 0.942
# 0.891). Other languages, tune (primary, event precision, recall): de
# 0.912 0.961 0.891 -> 0.971 0.981 0.945 (the corrected label included),
# es 1.000 0.902 0.949 -> 1.000 0.927 0.974, the others unchanged. The
# report half, scored once after: unchanged in every language (de 0.824
# 0.870 0.909, es 0.917 0.727 0.889): none of its articles has the tune
# half's shapes, so ML_FLOORS stay. 15 of the 15,090 bench articles
# (Reuters-21578, BBC) changed events before the agent and clause guard, 12
# after it.
# Titles that refer back (issues 14/18, 2026-12-05): a subject with a
# title and no name (der SPD-Politiker, die Grünen-Politikerin, le chef de
# la diplomatie) is the first leader named in the latest sentence before
# the quote; a preposition ends the subject after an inverted verb (sagte
# Van der Bellen vor Anhängern in der Wiener Innenstadt); a former office
# (der frühere Präsident) names no holder on the date; German entgegnete,
# erwiderte. Data in quotes.json (person_titles, subject_ends, former; no
# word that folds to an English one). Fitted on the tune half with the
# fit-ml articles (quote precision / recall before -> after): de 0.868 /
# 0.805 -> 0.974 / 0.927, ru 0.903 / 0.875 -> 0.935 / 0.906, the others
# unchanged. The report half, scored after it: de 0.556 / 0.500 -> 0.667 /
# 0.600, ru 0.600 / 0.667, zh 0.222 / 1.0, ja 0.833 / 1.0, ar 0.5 / 1.0,
# fr 0.889 / 0.571, es 0.750 / 0.500 unchanged; events unchanged; English
# unchanged (tune 0.987 / 0.963, report 0.942 / 0.891; every English
# labelled article's quotes and the 2,225 BBC articles' byte-identical).
# de's quote floors rise with it (0.45 -> 0.55, 0.40 -> 0.50).
# unseen12 (2026-12-05): 56 articles written blind, 8 per language, events
# and quotes labelled by LABELLING.md before any run. Scored whole once on
# the merged main of that session, before any fix (--set unseen12 --half
# all; primary, event precision, recall, quotes, quote precision, recall):
# ru 0.875 0.833 0.909 14 0.786 0.786; zh 0.875 0.923 0.923 0 -; ja 0.625
# 0.706 0.857 15 0.833 0.667; ar 0.750 0.692 0.692 0 -; fr 0.500 0.818
# 0.692 21 1.000 0.762; es 0.500 0.727 0.667 17 0.778 0.412; de 0.750 0.900
# 0.600 14 0.909 0.714. (At a9025f7, before the cancellation rule, the
# German and Spanish classes and the titles that refer back: ru event
# precision 0.909, es 0.636 / 0.583 and quotes 0.667 / 0.353, the rest the
# same.) Held out, primary accuracy is 0.50-0.88: far from the English bar.
# Classes round (2026-12-05): the tune half's errors of every language and
# short probe sentences written for the classes behind them (calls held by
# phone or video read as meetings; thanks and congratulations and their
# occasion; zh/ja clauses of time closed after the event, 会晤后, 访问期间;
# a Japanese leader's words in 「」 after his name; Arabic names read as a
# prefix and a verb; councils that adopt resolutions; recalls and summons;
# a people that votes to elect; a return to power), fixed as general rules
# and data. Tune (primary, event precision, recall) before -> after: ru
# unchanged; zh 0.955 1.000 0.935 -> 1.000 1.000 0.968; ja 0.912 0.921
# 0.951 -> 0.971 0.923 0.984; ar 1.000 0.935 0.967 -> 1.000 0.968 1.000;
# fr 0.929 0.881 0.974 unchanged; es 1.000 0.927 0.974 -> 1.000 0.905
# 0.974; de unchanged. Report half, scored once after: es event precision
# 0.727 -> 0.762, every other figure unchanged. unseen12, scored once after
# (summary only): ar 0.750 0.692 0.692 -> 0.875 0.769 0.769, es 0.500
# 0.727 0.667 -> 0.500 0.800 0.667, the rest unchanged. English unchanged
# (report 0.902 0.872 0.898; tune event precision 0.904 -> 0.906).
ML_FLOORS = {
    "ru": {"primary": 0.94, "event_precision": 0.87, "quote_precision": 0.48, "quote_recall": 0.55},
    "zh": {"primary": 0.88, "event_precision": 0.92, "quote_precision": 0.00, "quote_recall": 0.50},
    "ja": {"primary": 0.88, "event_precision": 0.94, "quote_precision": 0.63, "quote_recall": 0.80},
    "ar": {"primary": 0.90, "event_precision": 0.87, "quote_precision": 0.00, "quote_recall": 0.00},
    "fr": {"primary": 0.84, "event_precision": 0.87, "quote_precision": 0.85, "quote_recall": 0.57},
    "es": {"primary": 0.87, "event_precision": 0.68, "quote_precision": 0.69, "quote_recall": 0.44},
    "de": {"primary": 0.76, "event_precision": 0.81, "quote_precision": 0.55, "quote_recall": 0.50},
}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", s.replace("’", "'").replace("'", ""))


def text_match(a, b):
    return f1_at_least(fold(a), fold(b), 0.8)


def speaker_match(gold, pred):
    gold = gold["speaker"]
    if not gold:
        return not pred.get("speaker")
    surname = fold(gold)[-1]
    return surname in fold(pred.get("speaker", "")) or surname in fold(pred.get("speaker_id", ""))


def ml_fold(s):
    """Words of `s` in any script, folded as fold() folds Latin: a run of
    letters or digits is a word, and each Han, kana or Hangul letter is one
    (Chinese and Japanese write no spaces), so token F1 reads them too."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    out = []
    for w in re.findall(r"[^\W_]+", s.replace("’", "'").replace("'", "")):
        run = ""
        for c in w:
            if unicodedata.name(c, "").startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA", "HANGUL")):
                out += [run] if run else []
                out.append(c)
                run = ""
            else:
                run += c
        out += [run] if run else []
    return out


def ml_text_match(a, b):
    """text_match over ml_fold's words."""
    return f1_at_least(ml_fold(a), ml_fold(b), 0.8)


def ml_speaker_match(gold, pred):
    """The label's gazetteer id is the predicted one; without an id, its
    surname (as written, any script) is among the predicted speaker's
    words; "" matches only an unnamed speaker."""
    if gold.get("speaker_id"):
        return pred.get("speaker_id", "") == gold["speaker_id"]
    if not gold["speaker"]:
        return not pred.get("speaker")
    return ml_fold(gold["speaker"])[-1] in ml_fold(pred.get("speaker", ""))


def f1_at_least(x, y, least):
    if not x or not y:
        return False
    common = 0
    pool = list(y)
    for w in x:
        if w in pool:
            pool.remove(w)
            common += 1
    p, r = common / len(x), common / len(y)
    return p + r > 0 and 2 * p * r / (p + r) >= least


def extract(binary, paths, stdin=None):
    """Records `communique-index --extract` prints for `paths` (or for the
    JSONL articles of `stdin`, paths ["-"])."""
    args = [binary, "--extract"] + (["--format", "jsonl"] if stdin is not None else []) + paths
    out = subprocess.run(args, input=stdin, capture_output=True, text=True)
    records = []
    for line in out.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            records.append(json.loads(line))
    return records


def load(binary):
    """(key, label, record) triples."""
    labels = {}
    for k, (primary, events, quotes) in sample_labels.L.items():
        labels[k] = {"primary": primary, "events": events,
                     "quotes": [{"speaker": s, "text": t} for s, t in quotes]}
    with open(os.path.join(HERE, "labels-new.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            labels[d["id"]] = d
    found = {}
    for r in extract(binary, [os.path.join(ROOT, "scripts", "sample", "articles.jsonl"),
                              os.path.join(HERE, "articles.jsonl")]):
        found[r["id"]] = r
    for path in sorted(glob.glob(os.path.join(ROOT, "scripts", "sample", "html", "*.html"))):
        for r in extract(binary, [path]):
            found["title:" + r["title"]] = r
    for path in sorted(glob.glob(os.path.join(ROOT, "scripts", "sample", "text", "*.txt"))):
        for r in extract(binary, [path]):
            found["file:" + os.path.basename(path)] = r
    missing = [k for k in labels if k not in found]
    if missing:
        sys.exit("labels without an extracted article: %s" % ", ".join(missing))
    return [(k, labels[k], found[k]) for k in sorted(labels)]


ML_CORPUS = os.path.join(ROOT, "scripts", "sample", "multilingual")
# Being written while these labels were: neither labelled nor read.
# (unseen11 was kept out while the quote round of fit-ml articles ran
# beside its blind scoring; it is labelled and scored like the others.)
ML_SKIPPED = {"unseen9.gold"}
# Held out of the halves, scored only whole with --set: unseen12 (blind
# for events and quotes: its entity misses were read, these never were),
# so that fitting on the tune half never sees it; unseen13 (written blind
# on 2026-12-05, scored whole before any fix of its misses).
ML_HELD_OUT = {"unseen12.gold", "unseen13.gold"}
# Quote-rich articles of each language written to fit the attributor on
# (new_articles_multilingual.py; ids fit-ml-<lang>-NN, always in the tune
# half like English fit- ids), labelled in labels-fit-multilingual.jsonl.
ML_FIT_ARTICLES = os.path.join(HERE, "articles-multilingual.jsonl")
ML_FIT_LABELS = os.path.join(HERE, "labels-fit-multilingual.jsonl")
ML_LANGUAGES = ("ru", "zh", "ja", "ar", "fr", "es", "de")


def load_multilingual(binary, language, only_set=None):
    """(key, label, record) triples of the multilingual sample in `language`,
    or of one of its files (`only_set`: "unseen11" for unseen11.gold)."""
    labels = {}
    for labels_path in (os.path.join(HERE, "labels-multilingual.jsonl"), ML_FIT_LABELS):
        with open(labels_path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["language"] == language:
                    labels[d["id"]] = d
    lines = []
    paths = [p for p in sorted(glob.glob(os.path.join(ML_CORPUS, "*.gold")))
             if os.path.basename(p) not in ML_SKIPPED]
    for path in paths + [ML_FIT_ARTICLES]:
        base = os.path.basename(path)
        if (only_set and base != only_set + ".gold") or (not only_set and base in ML_HELD_OUT):
            for line in open(path, encoding="utf-8"):
                labels.pop(json.loads(line)["id"], None)
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                if a["id"] in labels:
                    lines.append(json.dumps({k: v for k, v in a.items() if k != "expected"},
                                            ensure_ascii=False))
    found = {r["id"]: r for r in extract(binary, ["-"], "\n".join(lines) + "\n")}
    missing = [k for k in labels if k not in found]
    if missing:
        sys.exit("labels without an extracted article: %s" % ", ".join(missing))
    return [(k, labels[k], found[k]) for k in sorted(labels)]


def half_of(key):
    if key.startswith("fit-"):
        return "tune"  # written while fitting the second round: never reported on
    return "tune" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "report"


def score(items, errors, texts=text_match, speakers=speaker_match):
    n = primary_ok = 0
    ev_tp = ev_fp = ev_fn = 0
    q_tp = q_pred = q_gold = 0
    for key, lab, rec in items:
        n += 1
        events = rec.get("events", [])
        prim = next((e["type"] for e in events if e.get("primary")), "")
        if prim == lab["primary"]:
            primary_ok += 1
        elif errors:
            print("PRIMARY %s: got %r, want %r (%s)" % (key, prim, lab["primary"], rec["title"]))
        got = {e["type"] for e in events}
        want = set(lab["events"])
        ev_tp += len(got & want)
        ev_fp += len(got - want)
        ev_fn += len(want - got)
        if errors and got != want:
            print("EVENTS %s: extra %s, missing %s" % (key, sorted(got - want), sorted(want - got)))
        preds = list(rec.get("quotes", []))
        q_pred += len(preds)
        q_gold += len(lab["quotes"])
        used = set()
        for g in lab["quotes"]:
            hit = None
            for i, p in enumerate(preds):
                if i not in used and texts(g["text"], p["text"]) and speakers(g, p):
                    hit = i
                    break
            if hit is not None:
                used.add(hit)
                q_tp += 1
            elif errors:
                print("QUOTE MISSED %s: %r by %r; got %s" % (
                    key, g["text"], g["speaker"], [(p["speaker"], p["text"]) for p in preds]))
        if errors:
            for i, p in enumerate(preds):
                if i not in used:
                    print("QUOTE EXTRA %s: %r by %r" % (key, p["text"], p["speaker"]))

    def ratio(a, b):
        return a / b if b else 1.0
    return {"articles": n, "primary": ratio(primary_ok, n),
            "event_precision": ratio(ev_tp, ev_tp + ev_fp), "event_recall": ratio(ev_tp, ev_tp + ev_fn),
            "quotes_labelled": q_gold,
            "quote_precision": ratio(q_tp, q_pred), "quote_recall": ratio(q_tp, q_gold)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin", "communique-index"))
    ap.add_argument("--half", choices=("tune", "report", "all"), default="report")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--check", action="store_true", help="fail below the issue's targets")
    ap.add_argument("--ids", metavar="FIRST..LAST",
                    help="only the fit articles in this range (fit-176..fit-193; with --lang, fit-ml-fr-01..fit-ml-fr-08): a fresh batch scored before fitting")
    ap.add_argument("--floor", action="store_true", help="fail below the figures when written (a regression gate)")
    ap.add_argument("--lang", default="en", choices=("en", "multilingual") + ML_LANGUAGES,
                    help="the English set (en), one other language, or a row for each other language")
    ap.add_argument("--set", metavar="NAME",
                    help="other languages: only the articles of scripts/sample/multilingual/NAME.gold "
                         "(a held-out set scored whole: --set unseen11 --half all)")
    args = ap.parse_args()
    # The report half's errors are not for fitting on: listing them takes
    # saying so (--half report), never the default.
    if args.errors and args.half != "tune" and not args.ids and not any(a.startswith("--half") for a in sys.argv[1:]):
        sys.exit("--errors lists the errors to fit on: give --half tune (or --ids for a fresh "
                 "batch); the report half's figures are for reporting")
    if not os.access(args.bin, os.X_OK):
        sys.exit("%s: not an executable (build communique-index first)" % args.bin)
    if args.lang != "en":
        return main_multilingual(args)
    if args.ids and args.ids.startswith("fit-ml-"):
        sys.exit("--ids %r: the multilingual fit articles are read with --lang" % args.ids)
    # A fit batch is always in the tune half: --ids alone reads it there
    # (without it, the default report half held none of its articles).
    if args.ids and not any(a.startswith("--half") for a in sys.argv[1:]):
        args.half = "tune"
    items = [t for t in load(args.bin) if args.half == "all" or half_of(t[0]) == args.half]
    if args.ids:
        first, _, last = args.ids.partition("..")
        if not (first.startswith("fit-") and last.startswith("fit-")):
            sys.exit("--ids %r: want FIRST..LAST of fit- ids (fit-176..fit-193)" % args.ids)
        items = [t for t in items if t[0].startswith("fit-") and
                 int(first[4:]) <= int(t[0][4:]) <= int(last[4:])]
    m = score(items, args.errors)
    print(json.dumps({"half": args.half, **{k: (round(v, 3) if isinstance(v, float) else v)
                                            for k, v in m.items()}}))
    for wanted, limits, what in ((args.check, TARGETS, "target"), (args.floor, FLOORS, "floor")):
        failed = [k for k, t in limits.items() if m[k] < t] if wanted else []
        if failed:
            print("below %s: " % what + ", ".join("%s %.3f < %.2f" % (k, m[k], limits[k]) for k in failed))
            return 1
    missed = [k for k, t in TARGETS.items() if m[k] < t]
    if missed:
        print("not yet at the issue's targets: " + ", ".join("%s %.3f < %.2f" % (k, m[k], TARGETS[k]) for k in missed))
    return 0


def main_multilingual(args):
    """Events of the other languages: a row per language (primary accuracy,
    event precision and recall), gated by ML_FLOORS (--floor) or the issue's
    event targets (--check)."""
    languages = ML_LANGUAGES if args.lang == "multilingual" else (args.lang,)
    targets = {k: TARGETS[k] for k in ("primary", "event_precision", "quote_precision", "quote_recall")}
    failed = []
    print("| lang | half | articles | primary | event precision | event recall | quotes | quote precision | quote recall |")
    print("|---|---|---|---|---|---|---|---|---|")
    if args.ids and not any(a.startswith("--half") for a in sys.argv[1:]):
        args.half = "tune"  # a fit batch is in the tune half
    for lang in languages:
        items = [t for t in load_multilingual(args.bin, lang, args.set)
                 if args.half == "all" or half_of(t[0]) == args.half]
        if args.ids:
            # fit-ml-fr-01..fit-ml-fr-08, or fit-ml-..fit-ml-~ for every batch:
            # ids compare as text (zero-padded numbers).
            first, _, last = args.ids.partition("..")
            items = [t for t in items if t[0].startswith("fit-") and first <= t[0] <= last]
        m = score(items, args.errors, ml_text_match, ml_speaker_match)
        print("| %s | %s | %d | %.3f | %.3f | %.3f | %d | %.3f | %.3f |" % (
            lang, args.half, m["articles"], m["primary"], m["event_precision"], m["event_recall"],
            m["quotes_labelled"], m["quote_precision"], m["quote_recall"]))
        for wanted, limits, what in ((args.check, targets, "target"),
                                     (args.floor, ML_FLOORS.get(lang, {}), "floor")):
            if wanted:
                failed += ["%s %s %.3f < %.2f (%s)" % (lang, k, m[k], t, what)
                           for k, t in limits.items() if m[k] < t]
    if failed:
        print("below: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
