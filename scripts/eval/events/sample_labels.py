#!/usr/bin/env python3
"""Hand labels of the sample corpus (scripts/sample/) for the event and quote
evaluation (issue 18): primary event (the headline's; "" when the article
reports none of the types), the event types the headline and lead report,
and every direct or partial quote with its speaker ("" when unnamed)."""
L = {
 "cq-0001": ("election", ["election"], []),
 "cq-0002": ("summit", ["summit"], [("Xi Jinping", "multipolar")]),
 "cq-0003": ("call", ["call", "agreement"], []),
 "cq-0004": ("aid", ["aid", "summit", "statement"], [("", "Amazon initiative")]),  # audit: "as Bolsonaro bristles", a leader's protest in the headline's background, is a statement (as "France fumes", cq-0027)
 "cq-0005": ("statement", ["statement"], []),
 "cq-0006": ("", [], []),
 "cq-0007": ("summit", ["summit"], []),  # audit: hosting a summit's leaders is the summit, no visit (LABELLING, summits)
 "https://news.example.org/2019/12/06/opec-agrees-deeper-oil-output-cuts-into-2020": ("agreement", ["agreement"], []),
 "cq-0009": ("agreement", ["agreement", "summit", "meeting"], []),
 "cq-0010": ("statement", ["statement", "military"], []),
 "cq-0011": ("agreement", ["agreement", "statement"], [("Imran Khan", "spoilers")]),  # audit: "welcomes U.S.-Taliban deal": the praised deal is the direct object, so primary (rule 5)
 "cq-0012": ("agreement", ["agreement", "call", "meeting"], []),  # audit: "after days of talks" in the lead's background is a meeting (as cq-0048, cq-0061)
 "cq-0013": ("vote", ["vote"], [("Subrahmanyam Jaishankar", "reformed multilateralism")]),
 "cq-0014": ("agreement", ["agreement", "summit"], []),
 "cq-0015": ("agreement", ["agreement", "meeting"], []),
 "cq-0016": ("military", ["military", "agreement"], []),
 "cq-0017": ("agreement", ["agreement"], []),
 "cq-0018": ("summit", ["summit"], []),  # audit: a pledge of "equitable access" to vaccines gives nothing: no aid (LABELLING, aid)
 "cq-0019": ("agreement", ["agreement", "summit"], []),
 "cq-0020": ("call", ["call", "election"], []),
 "cq-0021": ("summit", ["summit", "aid"], []),
 "cq-0022": ("agreement", ["agreement", "summit"], []),
 "cq-0023": ("statement", ["statement"], []),
 "cq-0024": ("call", ["call", "summit"], []),
 "cq-0025": ("call", ["call", "summit"], []),
 "cq-0026": ("summit", ["summit"], []),
 "cq-0027": ("agreement", ["agreement", "statement"], []),
 "cq-0028": ("summit", ["summit", "statement", "agreement"], []),  # audit: leaders "agreed to begin the process of admitting Iran" (two parties agreeing)
 "cq-0029": ("meeting", ["meeting", "summit", "agreement"], []),  # audit: the summit "ended with a declaration", a joint statement (as fit-304)
 "cq-0030": ("summit", ["summit"], [("Boris Johnson", "one minute to midnight")]),
 "cq-0031": ("meeting", ["meeting", "election"], []),  # audit: "since President Ebrahim Raisi took office" names an inauguration (LABELLING, events named as a span's start)
 "cq-0032": ("election", ["election"], []),
 "cq-0033": ("call", ["call", "statement"], [("Joe Biden", "strong economic and other measures")]),
 "cq-0034": ("military", ["military", "statement"], [("Kassym-Jomart Tokayev", "terrorist gangs")]),
 "cq-0035": ("military", ["military"], []),
 "cq-0036": ("military", ["military", "statement"], [("Vladimir Putin", "special military operation")]),  # audit: "West vows sanctions" is a vow (a statement, as cq-0082, fit-370); the sanctions it threatens are no event
 "cq-0037": ("meeting", ["meeting", "military", "visit"], []),
 "cq-0038": ("vote", ["vote"], []),
 "cq-0039": ("meeting", ["meeting", "military"], []),  # audit: "first meeting since the invasion began" names the invasion (as fit-014)
 "cq-0040": ("military", ["military", "meeting"], []),  # audit: "pledges to scale back ... after Istanbul talks": the talks are background (rule 1)
 "cq-0041": ("election", ["election", "vote"], []),
 "cq-0042": ("summit", ["summit", "agreement"], []),
 "cq-0043": ("statement", ["statement", "agreement"], []),
 "cq-0044": ("agreement", ["agreement"], [("António Guterres", "a beacon of hope")]),
 "cq-0045": ("visit", ["visit", "military"], []),
 "cq-0046": ("summit", ["summit", "meeting", "military"], [("Narendra Modi", "today’s era is not an era of war")]),  # audit: "their first meeting since the invasion of Ukraine" names the invasion (as fit-014)
 "cq-0047": ("agreement", ["agreement"], []),
 "cq-0048": ("agreement", ["agreement", "meeting"], []),
 "cq-0049": ("summit", ["summit", "meeting", "agreement"], []),  # audit: Biden and Xi "met ... and agreed to resume climate and other talks" (background counts)
 "cq-0050": ("election", ["election"], []),
 "cq-0051": ("agreement", ["agreement", "meeting"], []),  # audit: "after talks in Beijing" in the lead's background is a meeting
 "cq-0052": ("visit", ["visit", "agreement"], []),
 "cq-0053": ("visit", ["visit"], []),
 "cq-0054": ("statement", ["statement"], [("", "when allies agree and conditions are met")]),  # audit: the summit is named only in the second sentence, after the lead
 "cq-0055": ("aid", ["aid"], []),
 "cq-0056": ("statement", ["statement"], []),
 "cq-0057": ("statement", ["statement", "agreement"], []),  # audit: "BRICS invites" is a request, a statement (as cq-0043, fit-075); the summit is named only after the lead
 "cq-0058": ("statement", ["statement", "summit"], []),  # audit: no headline; the lead's "expressed concern" is its first event in no background ("as Indonesia hosted ... summit", rule 1)
 "cq-0059": ("summit", ["summit"], []),
 "cq-0060": ("summit", ["summit"], []),
 "cq-0061": ("agreement", ["agreement", "meeting"], []),
 "cq-0062": ("summit", ["summit", "agreement"], []),  # audit: the headline's subject, COP28, is an event (rule 2)
 "cq-0063": ("vote", ["vote", "military"], []),
 "cq-0064": ("", [], []),
 "cq-0065": ("election", ["election"], []),
 "cq-0066": ("agreement", ["agreement", "summit", "meeting"], []),
 "cq-0067": ("summit", ["summit"], []),
 "cq-0068": ("call", ["call", "election"], []),
 "cq-0069": ("summit", ["summit", "aid"], []),
 "cq-0070": ("visit", ["visit"], []),
 "cq-0071": ("summit", ["summit"], []),
 "cq-0072": ("summit", ["summit"], []),
 "cq-0073": ("statement", ["statement", "summit"], []),  # audit: "back hunger alliance" is of no type, "call for more climate finance" a statement (rule 4, as fit-340); the summit is an "as" clause
 "https://news.example.org/2024/12/16/ecowas-gives-sahel-juntas-six-more-months-before-exit-takes-effect": ("agreement", ["agreement"], []),
 "cq-0075": ("election", ["election"], [("Narendra Modi", "dear friend")]),
 "cq-0076": ("agreement", ["agreement", "call"], []),  # audit: "agree ... after phone call": a call after "after" is background (rule 1; rule 3 is the call as frame, "in call")
 "cq-0077": ("meeting", ["meeting", "agreement"], []),
 "cq-0078": ("visit", ["visit", "meeting"], []),
 "cq-0079": ("agreement", ["agreement"], []),
 "cq-0080": ("sanctions", ["sanctions"], []),
 "cq-0081": ("election", ["election"], []),
 "cq-0082": ("military", ["military", "statement"], []),
 "cq-0083": ("agreement", ["agreement", "military"], []),
 "cq-0084": ("agreement", ["agreement", "summit"], []),
 "cq-0085": ("statement", ["statement", "summit"], []),  # audit: "leaders condemn tariffs at Rio summit": the main verb decides, the summit is where (rule 1, as fit-340)
 "cq-0086": ("summit", ["summit"], []),
 "cq-0087": ("expulsion", ["expulsion"], [("Theresa May", "the largest collective expulsion of Russian intelligence officers in history"), ("Dmitry Peskov", "The Russian side will be guided by the principle of reciprocity")]),
 "cq-0088": ("expulsion", ["expulsion", "military"], [("Annalena Baerbock", "every day against our freedom")]),  # audit: "after Russian troops withdrew" in the lead is a military movement (as cq-0035)
 "cq-0089": ("expulsion", ["expulsion"], [("Justin Trudeau", "Canada will never tolerate any attempt by a foreign government to threaten and harm Canadian citizens")]),
 # text/ and html/ files, by title
 "title:EU embargo and G7 price cap on Russian oil take effect": ("sanctions", ["sanctions"], [("Volodymyr Zelenskyy", "not a serious decision")]),
 "title:After Goa, SCO foreign ministers leave old rivalries unresolved": ("meeting", ["meeting"], [("", "The SCO works best when it sticks to practical cooperation & connectivity, Goa was a reminder of how hard that is.")]),
 "title:COP29 opens in Baku with fight over climate finance": ("summit", ["summit"], [("Ilham Aliyev", "gift of God")]),
 "file:2023-03-03-sharif-erdogan-earthquake-call.txt": ("call", ["call", "aid"], [("Shehbaz Sharif", "shoulder to shoulder")]),
 "file:2024-07-09-modi-putin-moscow-talks.txt": ("meeting", ["meeting", "visit", "military"], []),  # audit: "first visit to Russia since the start of the war" names the war's start (as fit-066)
}
