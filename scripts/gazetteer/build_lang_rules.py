#!/usr/bin/env python3
"""Build schema/gazetteer/rules/<lang>.json: one language's recognition rules
and aliases, read by Gazetteer::LoadDir (schema/gazetteer.h LanguageRules).

Usage: python3 scripts/gazetteer/build_lang_rules.py [--lang-dir scripts/gazetteer/lang]
                                                      [--out-dir schema/gazetteer/rules]

Inputs:
  scripts/gazetteer/lang/<lang>.json  curated by the team: word lists, context
      rules, role phrases, and per entity the names, adjectives (demonyms) and
      capitals (metonyms) in that language, leaders' names and organisations'
      names and acronyms, all in their dictionary form.
  scripts/gazetteer/lang/names/<lang>.json  curated by the team: more
      leaders' names in the language (ar, ru, zh, ja; and de, fr, es for
      names from Persian, Arabic, Turkish and Hebrew, which each of those
      languages transliterates its own way: Ruhani, Netanyahou, Naser
      Burita), for the selection of
      leaders its `selection` states (leader_name_gaps.py reports who of it
      lacks a name); `leaders` is merged into the `leaders` table of
      lang/<lang>.json (and, for ru, into the Cyrillic names fr and de
      transliterate) as if written there; `surnames` lists surnames safe only as context aliases
      (short, common, inside other names, or a relative's too).
  schema/gazetteer/countries.json     `names_i18n[lang]`: ICU's name for every
      country in that language (build_countries.py), so countries the curated
      table leaves out are still named; for Japanese, which countries.json does
      not carry, icu_country_names.cpp is compiled and asked directly.

What is generated, by rule rather than typed:
  ru  the five oblique cases of names («России», «Пакистаном», «Путина», «Си
      Цзиньпина»; a woman's surname as an adjective, «Захаровой»), adjectives in every gender, case and number («российского»,
      «российская»); leading adjectives of a name agree with its noun
      («Саудовской Аравии»). Generating forms is preferred to stemming: the
      recogniser stays an exact trie over folded tokens, the forms are visible
      and testable data, and a stem would collide («Нигер» / «Нигерия»,
      «Того» / «того»); the generator refuses a form two entities share.
  ar  the clitics written onto the first word (و ف ب ك ل and وب ول, with ل +
      ال = لل), and an adjective's feminine and plural (الروسية، الروسيين).
  fr  elided articles on names that start with a vowel (l'Iran, d'Iran); the
      adjectives' feminine and plural (française, russes).
  es  the adjectives' feminine and plural (rusa, estadounidenses).
  de  the genitive -s of names (Russlands) and the adjective endings
      (russische, russischen ...).
  zh, ja  no inflection.
Also generated, from data:
  organisations  their names in the language from SupraVerden
      (../shared/data/orgs/supraverden_igos.json `names`, by the `supraverden`
      id of organisations_curated.json): «Conseil de sécurité des Nations
      unies», «Совет Безопасности ООН», 联合国人权理事会; and, by the
      language's `parent_forms` (lang/<lang>.json), the same body under the
      other ways of naming its parent («Conseil de sécurité de l'ONU»,
      «UN-Sicherheitsrat»), so a UN organ is not read as the UN itself.
  zh, ja  the curated names of leaders outside the Han-name countries in
      lang/names/<lang>.json (默克尔, メルケル): its `leaders` merged into the
      language's `leaders` table, its `surnames` as context aliases (a
      short or common surname alone: 鲁托, ジョンソン).
  zh, ja  the Han names of lang/han_names.json and the Han names of Chinese,
      Japanese and Korean leaders elsewhere (leaders.json, the zh and ja
      tables) in each language's characters (ICU Traditional-Simplified,
      Simplified-Traditional), and surname + short title (林外相, 李总理) as
      context aliases, which the recogniser keeps only when one of the
      people who share them held office on the article's date.
  cities  CLDR's dateline places also in capitals for the languages whose
      wires write datelines so (ADDIS-ABEBA, MOSKAU, ХЕЛЬСИНКИ), and in Arabic
      also without vowel marks (عمّان, عمان); a language's own `cities`
      (lang/<lang>.json: AFP's bracketed French departments, «OUISTREHAM
      (Calvados)»; Spanish «GRANADA», the city) win over CLDR's.
  Arabic names are also written with «عبد» joined to or apart from the
  word after it (عبد العزيز, عبدالعزيز); Cyrillic given names with a form of
  their own in a language (`cyrillic.given_names`: Александр is Alexander
  in German) take it instead of the letter-by-letter one.
Adjectives match in any case (they are written in lower case in ru, fr, es,
de). Exits naming the file and entry on bad input. Python 3 standard library
(plus a C++ compiler and ICU for the Japanese names).
"""
import argparse
import collections
import json
import os
import re
import sys

from icu_tool import run_icu_tool

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))

# --- Russian -----------------------------------------------------------------
RU_VOWELS = "аеёиоуыэюя"
RU_CASES = ("gen", "dat", "acc", "ins", "prep")
RU_FEMININE_SOFT = {"беларусь"}  # -ь nouns of the third declension


def ru_noun(w, surname=False):
    """Case forms of a noun (a name's head word), {} when indeclinable."""
    lw = w.lower()
    if not lw or (len(w) > 1 and w.isupper()):
        return {}  # an acronym: США, КНР
    if lw.endswith("ия") or lw.endswith("ея"):
        b = w[:-1]
        return {"gen": b + "и", "dat": b + "и", "acc": b + "ю", "ins": b + "ей", "prep": b + "и"}
    if lw.endswith("я"):
        b = w[:-1]
        return {"gen": b + "и", "dat": b + "е", "acc": b + "ю", "ins": b + "ей", "prep": b + "е"}
    if surname and lw[-3:] in ("ова", "ева", "ёва", "ина", "ына"):
        # A woman's surname declines as an adjective (Захарова: Захаровой,
        # Захарову), not as a noun in -а.
        b = w[:-1]
        return {"gen": b + "ой", "dat": b + "ой", "acc": b + "у", "ins": b + "ой", "prep": b + "ой"}
    if lw.endswith("а"):
        b = w[:-1]
        y = "и" if lw[-2:-1] in ("г", "к", "х", "ж", "ш", "ч", "щ") else "ы"
        ins = "ей" if lw[-2:-1] in ("ж", "ш", "ч", "щ", "ц") else "ой"
        return {"gen": b + y, "dat": b + "е", "acc": b + "у", "ins": b + ins, "prep": b + "е"}
    if lw.endswith("ы"):  # a plural noun: Штаты
        b = w[:-1]
        return {"gen": b + "ов", "dat": b + "ам", "acc": w, "ins": b + "ами", "prep": b + "ах"}
    if lw.endswith("ь") and lw in RU_FEMININE_SOFT:
        b = w[:-1]
        return {"gen": b + "и", "dat": b + "и", "acc": w, "ins": b + "ью", "prep": b + "и"}
    if lw.endswith("й") or lw.endswith("ь"):
        b = w[:-1]
        # -ий takes -ии in the prepositional (о Маврикии, о Дмитрии).
        prep = b + ("и" if lw.endswith("ий") else "е")
        return {"gen": b + "я", "dat": b + "ю", "acc": w, "ins": b + "ем", "prep": prep}
    if lw[-1] in RU_VOWELS or not lw[-1].isalpha():
        return {}  # Того, Перу, Моди, Си: indeclinable
    ins = "ем" if lw[-1] in "жшчщц" else "ом"
    forms = {"gen": w + "а", "dat": w + "у", "acc": w + "а" if surname else w, "ins": w + ins,
             "prep": w + "е"}
    if surname and (lw.endswith("ин") or lw.endswith("ов") or lw.endswith("ев") or lw.endswith("ёв")
                    or lw.endswith("ын")):
        # Russian surnames in -ин/-ов take -ым (Путиным); foreign names that
        # merely end so take -ом (Цзиньпином): both are generated.
        forms["ins2"] = w + "ым"
        forms["ins"] = w + "ом"
    return forms


RU_ADJ_ENDINGS = {  # nominative masculine ending -> every form's ending
    "ий": ["ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ое", "ие", "их", "ими"],
    "ый": ["ый", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ое", "ые", "ых", "ыми"],
    "ой": ["ой", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ое", "ые", "ых", "ыми"],
}


def ru_is_adjective(w):
    lw = w.lower()
    return lw[-2:] in ("ий", "ый", "ой", "ая", "ое", "ые", "ие") and len(lw) > 4


def ru_adjective_all(w):
    """Every form of an adjective given in the masculine nominative."""
    lw = w.lower()
    end = lw[-2:]
    if end not in RU_ADJ_ENDINGS:
        return [w]
    stem = w[:-2]
    soft = stem[-1:].lower() in ("к", "г", "х", "ж", "ш", "ч", "щ")
    out = []
    for e in RU_ADJ_ENDINGS[end]:
        if soft:
            e = e.replace("ы", "и")
        out.append(stem + e)
    return out


def ru_adjective_case(w, case):
    """An adjective inside a name, agreeing with its noun: Саудовская -> Саудовской."""
    lw, stem = w.lower(), w[:-2]
    # и after a guttural or hissing consonant and in soft adjectives (-ний,
    # -ние); a hard -ный keeps ы: Международный -> Международным.
    soft = stem[-1:].lower() in ("к", "г", "х", "ж", "ш", "ч", "щ") or lw[-2:] in ("ий", "ие")
    y = "и" if soft else "ы"
    if lw.endswith("ая"):
        return stem + ("ую" if case == "acc" else "ой")
    if lw.endswith("ое"):
        return stem + {"gen": "ого", "dat": "ому", "acc": "ое", "ins": y + "м", "prep": "ом"}[case]
    if lw.endswith("ые") or lw.endswith("ие"):
        return stem + {"gen": y + "х", "dat": y + "м", "acc": lw[-2:], "ins": y + "ми",
                       "prep": y + "х"}[case]
    return stem + {"gen": "ого", "dat": "ому", "acc": lw[-2:], "ins": y + "м", "prep": "ом"}[case]


def ru_particle(w):
    """A particle inside a person's name, written in lower case and not
    declined: «бен», «ибн», «де», «фон» (not «аль-Асад», whose name part does)."""
    return w[:1].islower() and "-" not in w


def ru_name_forms(name, person=False):
    """Oblique cases of a multi-word name. People: every word declines (Имрана
    Хана); other names: leading adjectives and the first noun, the rest is a
    genitive complement that stays (Организации Объединённых Наций)."""
    words = name.split(" ")
    out = set()
    for case in RU_CASES + ("ins2",):
        forms, changed, head_done = [], False, False
        for k, w in enumerate(words):
            if head_done:
                forms.append(w)
                continue
            # An adjective agrees with the noun after it (Саудовская Аравия);
            # a name's last word is its noun, whatever its ending: Ханой
            # declines as Ханоя, Ханое, not as an adjective, whose forms of
            # a short stem are another name's (Ханом is Хан's instrumental).
            if not person and k + 1 < len(words) and ru_is_adjective(w):
                forms.append(ru_adjective_case(w, "ins" if case == "ins2" else case))
                changed = True
                continue
            parts = w.split("-")  # Нью-Дели, Эр-Рияд: the last part declines
            # A particle inside a person's name stays (Мухаммедом бен Сальманом).
            f = {} if person and ru_particle(w) else ru_noun(parts[-1], surname=person)
            if f:
                parts[-1] = f.get(case, f["ins"] if case == "ins2" else parts[-1])
                changed = True
            forms.append("-".join(parts))
            if not person:
                head_done = True
        if changed:
            out.add(" ".join(forms))
        # A woman's foreign surname ending in a consonant does not decline
        # while her given name does (Ангелы Меркель, Терезу Мэй): a given
        # name in -а/-я before a surname ending in a consonant or -ь is also
        # declined alone. A man's given name in -а (Абдалла) gets a form no
        # text writes, which costs nothing.
        if (person and len(words) > 1 and words[0][-1:].lower() in ("а", "я")
                and words[-1][-1:].lower() not in RU_VOWELS and words[-1][-1:].isalpha()):
            f = ru_noun(words[0])
            if f:
                out.add(" ".join([f.get(case, f["ins"] if case == "ins2" else words[0])] + words[1:]))
        # East Asian names decline only their last word (Ким Чен Ыном, Нгуен
        # Фу Чонга), as a foreign given name before a surname may not; an
        # Arabic compound given name only its last part, with the surname
        # (Абдель Фаттахом ас-Сиси).
        if person and len(words) > 1:
            for tail in (1, 2):
                if tail == 2 and len([w for w in words if not ru_particle(w)]) < 3:
                    continue
                forms, done = [], 0
                for w in reversed(words):
                    if done < tail and not ru_particle(w):
                        parts = w.split("-")
                        f = ru_noun(parts[-1], surname=True)
                        if f:
                            parts[-1] = f.get(case, f["ins"] if case == "ins2" else parts[-1])
                        w = "-".join(parts)
                        done += 1
                    forms.insert(0, w)
                out.add(" ".join(forms))
    out.discard(name)
    return sorted(out)


# --- Arabic ------------------------------------------------------------------
def ar_prefixed(name):
    first, _, rest = name.partition(" ")
    tail = (" " + rest) if rest else ""
    forms = []
    if first.startswith("ال"):
        for p in ("و", "ف", "ب", "ك", "وب", "فب"):
            forms.append(p + first)
        forms.append("ل" + first[1:])  # ل + ال = لل
        forms.append("ول" + first[1:])
        forms.append("فل" + first[1:])
    else:
        for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فل"):
            forms.append(p + first)
    return [f + tail for f in forms]


def ar_spellings(name):
    """`name` and its other usual spelling: «عبد» ("servant of") is written
    apart from the divine name after it or joined to it («عبد العزيز»,
    «عبدالعزيز»; Gulf and Jordanian wires mostly join it)."""
    out = [name]
    joined = re.sub("(^| )عبد (?=ال)", "\\1عبد", name)
    apart = re.sub("(^| )عبد(?=ال)", "\\1عبد ", name)
    for v in (joined, apart):
        if v not in out:
            out.append(v)
    return out


def ar_adjective_all(adj):
    out = [adj]
    if adj.endswith("ي"):
        out += [adj + "ة", adj + "ين", adj + "ون"]
    return out


# --- French, Spanish, German -------------------------------------------------
FR_VOWELS = "aeiouyéèêàâîôûAEIOUYÉÈÊÀÂÎÔÛ"


def fr_adjective_all(a):
    if a.endswith("ien"):
        return [a, a + "ne", a + "s", a + "nes"]
    if a.endswith("e"):
        return [a, a + "s"]
    if a.endswith("s"):
        return [a, a + "e", a + "es"]
    if a.endswith("c"):
        return [a, a + "s"]
    return [a, a + "e", a + "s", a + "es"]


def es_adjective_all(a):
    if a.endswith("o"):
        return [a, a[:-1] + "a", a + "s", a[:-1] + "as"]
    for acc, plain in (("és", "es"), ("án", "an")):
        if a.endswith(acc):
            b = a[:-2] + plain
            return [a, b + "a", b + "es", b + "as"]
    if a.endswith("í"):
        return [a, a + "es", a + "s"]
    if a.endswith("e"):
        return [a, a + "s"]
    return [a, a + "es"]


def de_adjective_all(a):
    return [a] + [a + e for e in ("e", "en", "er", "es", "em")]


DE_ADJECTIVE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]*(isch|al|ig|lich|t|ar|är|ent|ant)(e|er|es)$")


def de_weak_forms(name):
    """A name led by an adjective after the article of another case:
    «Internationaler Währungsfonds» -> «Internationalen Währungsfonds» (des,
    dem, den), «Afrikanische Union» -> «Afrikanischen Union». Its genitive -s
    comes from de_genitive."""
    words = name.split(" ")
    m = DE_ADJECTIVE.match(words[0]) if len(words) > 1 else None
    if not m:
        return []
    weak = words[0][:len(words[0]) - len(m.group(2))] + "en"
    return [" ".join([weak] + words[1:])]


def de_genitive(name):
    if name[-1] in "sSzZxXß" or name.isupper():
        return []
    return [name + "s"]


# --- Japanese names from ICU -------------------------------------------------
def icu_names(lang, codes):
    out = run_icu_tool("icu_country_names", [lang] + list(codes))
    return {code: names.get(lang) for code, names in json.loads(out).items() if names.get(lang)}


# Japanese writes ヴ and ビ/バ/ベ/ボ/ブ for the same sound: both spellings are found.
JA_VU = {"ヴィ": "ビ", "ヴァ": "バ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ"}


def icu_cities(lang):
    """CLDR's time-zone cities in `lang` ({"リマ": "PE"}), from ICU: dateline places."""
    out = run_icu_tool("icu_exemplar_cities", [lang])
    cities = json.loads(out)
    if lang == "ja":
        for name, code in list(cities.items()):
            variant = name
            for a, b in JA_VU.items():
                variant = variant.replace(a, b)
            cities.setdefault(variant, code)
    return cities


def transliterate(ident, texts):
    """`texts` through ICU transliterator `ident`, in order."""
    if not texts:
        return []
    out = run_icu_tool("icu_transliterate", [ident], stdin="\n".join(texts) + "\n")
    lines = out.split("\n")[:len(texts)]
    if len(lines) != len(texts):
        sys.exit("icu_transliterate %s: %d lines for %d" % (ident, len(lines), len(texts)))
    return lines


HAN_COUNTRIES = {"CN", "JP", "KR", "KP", "TW", "HK", "MO"}


def is_han(text):
    return bool(text) and all(0x3400 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF for ch in text)


def han_leader_names(lang, han, leaders, tables):
    """{leader id: [names in `lang`'s characters]} and [(id, surname + title)].

    `han` is lang/han_names.json, `leaders` leaders.json by id, `tables` the
    zh and ja `leaders` tables. A name is taken in the characters it is
    written in and folded to the other language's: Traditional-Simplified
    for Chinese; Simplified-Traditional for a Chinese name in Japanese (李强
    is 李強); Japanese and Korean names stay as written in Japanese."""
    written = {k: v for k, v in han.get("written", {}).items() if k != "why"}
    where = "scripts/gazetteer/lang/han_names.json"
    # (id, name as written, its script, surname or "")
    rows = []
    for ident, parts in han.get("names", {}).items():
        if ident not in leaders:
            sys.exit("%s: names: unknown leader %s" % (where, ident))
        if len(parts) != 2 or not all(is_han(p) for p in parts):
            sys.exit("%s: names: %s: want [surname, given name] in Han characters" % (where, ident))
        script = written.get(leaders[ident]["country"])
        if not script:
            sys.exit("%s: names: %s: no script for %s" % (where, ident, leaders[ident]["country"]))
        rows.append((ident, parts[0] + parts[1], script, parts[0]))
    for ident, l in sorted(leaders.items()):
        script = written.get(l["country"])
        if l["country"] not in HAN_COUNTRIES or not script:
            continue
        for a in l.get("aliases", []):
            if is_han(a) and len(a) >= 2:
                rows.append((ident, a, script, ""))
    for table_lang, table in sorted(tables.items()):
        for ident, names in sorted(table.items()):
            if ident in leaders and leaders[ident]["country"] in HAN_COUNTRIES:
                for n in names:
                    if is_han(n) and len(n) >= 2:
                        rows.append((ident, n, "zh" if table_lang == "zh" else "ja", ""))
    if lang == "zh":
        convert = [r[1] for r in rows if r[2] != "zh"] + [r[3] for r in rows if r[2] != "zh"]
        folded = dict(zip(convert, transliterate("Traditional-Simplified", convert)))
        form = lambda text, script: text if script == "zh" else folded[text]
    else:
        convert = [r[1] for r in rows if r[2] == "zh"] + [r[3] for r in rows if r[2] == "zh"]
        folded = dict(zip(convert, transliterate("Simplified-Traditional", convert)))
        form = lambda text, script: folded[text] if script == "zh" else text
    names, context = {}, []
    titles = han.get("titles", {}).get(lang, {})
    shinjitai = han.get("shinjitai", {}).get("map", {}) if lang == "ja" else {}
    for ident, text, script, surname in rows:
        n = form(text, script)
        # A Chinese or Korean name also in Japanese's own forms (林剣, 趙顕).
        for f in [n] + ([] if script == "ja" else ["".join(shinjitai.get(ch, ch) for ch in n)]):
            if f not in names.setdefault(ident, []):
                names[ident].append(f)
        if not surname:
            continue
        s = form(surname, script)
        for role in sorted({r["role"] for r in leaders[ident]["roles"]}):
            for t in titles.get(role, []):
                if (ident, s + t) not in context:
                    context.append((ident, s + t))
    return names, context


def consonant_key(latin):
    """The consonants of a Latin-script name, with the digraph folds of
    analysis/text/transliteration_key.cpp (kh, sh, ch, zh, ts): what
    ICU's Latin of a Russian spelling and an English one share (Han and
    Khan: "n"; Sarif and Sharif: "srf"; Bajden and Biden: "bdn")."""
    w = latin.casefold()
    for digraph, letter in (("tsch", "c"), ("tsz", "c"), ("sch", "s"), ("ts", "c"), ("tz", "c"),
                            ("cz", "c"), ("sh", "s"), ("ch", "c"), ("kh", "h"), ("zh", "z"),
                            ("ph", "f"), ("th", "t"), ("ck", "k")):
        w = w.replace(digraph, letter)
    w = w.replace("q", "k").replace("x", "ks").replace("w", "v")
    return "".join(c for c in w if "a" <= c <= "z" and c not in "aeiouyhj")


def is_cyrillic(text):
    return any(0x0400 <= ord(ch) <= 0x04FF for ch in text) and not any(
        ch.isascii() and ch.isalpha() for ch in text)


def cyrillic_word(word, table):
    """One Cyrillic word in a language's transliteration (lang/<lang>.json
    `cyrillic`): «Токаев» -> Tokajew (de), Tokaïev (fr)."""
    vowels = "аеёиоуыэюя"
    letters, after_vowel = table["letters"], table.get("after_vowel", {})
    between, endings = table.get("between_vowels", {}), table.get("endings", {})
    low = word.lower()
    tail = ""
    for ending in sorted(endings, key=len, reverse=True):
        if low.endswith(ending) and len(low) > len(ending):
            low, tail = low[:-len(ending)], endings[ending]
            break
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else (tail[:1] if tail else "")
        if ch in after_vowel and (not prev or prev in vowels or prev in "ьъ"):
            out.append(after_vowel[ch])
        elif ch in between and prev and prev in vowels and nxt and nxt in vowels + "aeiouy":
            out.append(between[ch])
        elif ch in letters:
            out.append(letters[ch])
        else:
            return None  # not a Cyrillic letter the table knows
    text = "".join(out) + tail
    if word[:1].isupper():
        text = text[:1].upper() + text[1:]
    return text


def cyrillic_names(table, leaders, ru_table):
    """{leader id: [full names], [surnames]} of the leaders of the countries
    in `table["countries"]`, from their Cyrillic names in leaders.json and the
    Russian table, in the language's transliteration."""
    countries = set(table.get("countries", []))
    out = {}
    for ident, l in sorted(leaders.items()):
        if l["country"] not in countries:
            continue
        names = [a for a in l.get("aliases", []) + l.get("context_aliases", []) if is_cyrillic(a)]
        names += [n for n in ru_table.get(ident, []) if is_cyrillic(n)]
        for n in names:
            parts = []
            for w in n.split(" "):
                # A given name with a customary form of its own in this
                # language (Александр is Alexander in German, not Aleksandr).
                t = [table.get("given_names", {}).get(p) or cyrillic_word(p, table)
                     for p in w.split("-")]
                parts.append(None if None in t else "-".join(t))
            if None in parts:
                continue
            full = " ".join(parts)
            out.setdefault(ident, ([], []))
            bucket = out[ident][0] if len(parts) > 1 else out[ident][1]
            if full not in bucket:
                bucket.append(full)
    return out


def katakana_context(spec, leaders):
    """[(leader id, katakana surname + title)] for leaders outside the Han
    countries in office on or after `spec["since"]`: each Latin one-word
    name of theirs (Lula, Ruto) through ICU Latin-ASCII and Latin-Katakana
    (ルラ, ルト), with each title of their roles and the honorific (ルト大統領,
    ルト氏). ICU spells by letters, so a name not pronounced as written comes
    out wrong (Trump -> テルンプ) and simply never matches; those names are
    in the curated table (トランプ). For the countries of
    `spec["given_name_countries"]`, whose people have no family name and are
    called by the first word of their name (Joko Widodo is ジョコ大統領), that
    word is taken too. Context aliases: kept only when one of their people
    held office on the article's date."""
    since = spec.get("since", "")
    titles = {k: v for k, v in spec.get("titles", {}).items() if k != "why"}
    rows = []
    for ident, l in sorted(leaders.items()):
        if l["country"] in HAN_COUNTRIES:
            continue
        if not any((r.get("end") or "9999") >= since for r in l["roles"]):
            continue
        names = l.get("aliases", []) + l.get("context_aliases", [])
        # Where a person is called by the first word of their name (Indonesia:
        # Joko Widodo is ジョコ大統領), that word too.
        if l["country"] in spec.get("given_name_countries", []):
            names = names + [a.split(" ")[0] for a in l.get("aliases", []) if " " in a]
        for a in names:
            if " " in a or "-" in a or len(a) < 3 or not a[0].isupper() or not a.isalpha():
                continue
            rows.append((ident, a))
    if not rows:
        return []
    ascii_ = transliterate("Latin-ASCII", [a for _, a in rows])
    kana = transliterate("Latin-Katakana", [a.lower() for a in ascii_])
    out = []
    for (ident, _), k in zip(rows, kana):
        if not k or not all(0x30A0 <= ord(ch) <= 0x30FF for ch in k):
            continue  # a letter ICU left in Latin: no reliable form
        ends = [t for r in sorted({r["role"] for r in leaders[ident]["roles"]})
                for t in titles.get(r, [])] + spec.get("honorifics", [])
        for t in ends:
            if (ident, k + t) not in out:
                out.append((ident, k + t))
    return out


def supraverden_names(lang, curated_orgs, supraverden):
    """{organisation id: [its names in `lang`]} from SupraVerden."""
    by_id = {r["id"]: r for r in supraverden}
    out = {}
    for o in curated_orgs:
        # `supraverden` is the body's own row; `supraverden_names` rows whose
        # names are also the body's (the World Bank and the World Bank Group
        # for the curated "WB", whose row is the IBRD's in other sources).
        for sv in [o.get("supraverden", "")] + o.get("supraverden_names", []):
            name = (by_id.get(sv) or {}).get("names", {}).get(lang)
            if name:
                # Written capitalised in running text, which the recogniser
                # asks of a name ("communauté des États indépendants").
                out.setdefault(o["id"], []).append(name[0].upper() + name[1:])
    return out


def parent_variants(name, groups):
    """`name` under the other ways of naming its parent body: with the group
    ["{} des Nations unies", "{} de l'ONU"], «Conseil de sécurité des Nations
    unies» is also «Conseil de sécurité de l'ONU»."""
    out = []
    for group in groups:
        for pattern in group:
            before, _, after = pattern.partition("{}")
            if len(name) > len(before) + len(after) and name.startswith(before) and name.endswith(after):
                organ = name[len(before):len(name) - len(after)]
                for other in group:
                    v = other.replace("{}", organ)
                    if v != name and v not in out:
                        out.append(v)
    return out


# Languages whose wires write the dateline's place in capitals.
# Languages whose wires may write the dateline's place in capitals (AFP's
# «PARIS», EFE's «MADRID», TASS's «МОСКВА, 14 сентября. /ТАСС/.»).
CAPITAL_DATELINES = {"fr", "es", "de", "ru"}
# Arabic short vowels, tanwin, shadda and sukun (U+064B..U+0652) and the
# superscript alef (U+0670): CLDR writes «عمّان», wires mostly «عمان».
ARABIC_MARKS = re.compile("[\u064B-\u0652\u0670]")


def dateline_cities(lang, curated):
    """Dateline places as `lang` writes them: CLDR's cities, then the curated
    ones (which win); in capitals too where its wires write them so, and
    without the Arabic vowel marks most wires leave out."""
    curated = {k: v for k, v in curated.items() if k != "why"}
    cities = dict(icu_cities(lang) if lang != "en" else {}, **curated)
    if lang in CAPITAL_DATELINES:
        for name, code in list(cities.items()):
            cities.setdefault(name.upper(), code)
    if lang == "ar":
        for name, code in list(cities.items()):
            cities.setdefault(ARABIC_MARKS.sub("", name), code)
    return dict(sorted(cities.items()))


def read_json(path):
    """The JSON of `path`; exits naming the file and line when it is not JSON."""
    with open(path, encoding="utf-8") as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as e:
            sys.exit("%s:%d: %s" % (os.path.relpath(path, REPO_ROOT), e.lineno, e.msg))


def leader_table(lang_dir, lang, leaders):
    """A language's curated leaders: ({id: [names]}, {id: [surnames]}).

    The names are lang/<lang>.json's `leaders` table followed by the
    `leaders` of lang/names/<lang>.json, the separate curated file of names
    of leaders outside the Han-name countries (zh, ja), whose `surnames` are
    surnames safe only as context aliases. Exits naming the file and entry
    on an id leaders.json does not know."""
    own = read_json(os.path.join(lang_dir, lang + ".json")).get("leaders", {})
    table = {k: list(v) for k, v in own.items()}
    surnames = {}
    path = os.path.join(lang_dir, "names", lang + ".json")
    if not os.path.exists(path):
        return table, surnames
    where = os.path.relpath(path, REPO_ROOT)
    extra = read_json(path)
    if extra.get("language") != lang:
        sys.exit("%s: \"language\" is not %s" % (where, lang))
    for key in ("leaders", "surnames"):
        for ident, names in extra.get(key, {}).items():
            if ident not in leaders:
                sys.exit("%s: %s: unknown leader %s" % (where, key, ident))
            if not names or not all(isinstance(n, str) and n for n in names):
                sys.exit("%s: %s: %s: want a list of names" % (where, key, ident))
            bucket = table if key == "leaders" else surnames
            bucket.setdefault(ident, [])
            bucket[ident] += [n for n in names if n not in bucket[ident]]
    return table, surnames


def build(lang_path, countries, sources):
    where = os.path.relpath(lang_path, REPO_ROOT)
    src = read_json(lang_path)
    lang = src.get("language")
    if not lang:
        sys.exit("%s: no \"language\"" % where)
    inflect = src.get("inflect", "")
    src["leaders"], curated_surnames = leader_table(os.path.dirname(lang_path), lang,
                                                    sources["leaders"])
    codes = {c["code"] for c in countries}
    aliases = []
    seen = {}  # folded text -> (kind, id): refuse a generated form two entities share

    def add(kind, ident, text, type_, any_case=False, generated=False, ambiguous=False):
        key = text.casefold()
        if type_ == "context":  # shared on purpose: the date decides (李总理)
            if not any(a["text"] == text and a["id"] == ident for a in aliases):
                aliases.append({"kind": kind, "id": ident, "type": type_, "text": text,
                                "generated": True})
            return
        if (key, type_ == "blocker") in seen and seen[(key, type_ == "blocker")] != (kind, ident):
            if generated:
                return  # a generated form that names another entity: leave it out
            other = seen[(key, type_ == "blocker")]
            sys.exit("%s: %r names both %s %s and %s %s" % (where, text, other[0], other[1], kind, ident))
        if (key, type_ == "blocker") in seen and any(
                a["text"] == text and a["type"] == type_ and a["id"] == ident for a in aliases):
            return
        seen[(key, type_ == "blocker")] = (kind, ident)
        a = {"kind": kind, "id": ident, "type": type_, "text": text}
        if any_case:
            a["any_case"] = True
        if ambiguous:
            a["ambiguous"] = True
        if generated:
            a["generated"] = True
        aliases.append(a)

    first_names = set(src.get("words", {}).get("first_name_countries", []))

    def names_with_forms(kind, ident, names, type_, person=False):
        if inflect == "ar":
            names = [v for n in names for v in ar_spellings(n)]
        # A name the table writes with a lower-case first word («papa
        # Francisco», «pape François»: a title es and fr write so) is matched
        # as written, not only capitalised.
        for n in names:
            add(kind, ident, n, type_, ambiguous=n in first_names, any_case=n[:1].islower())
        for n in names:
            forms = []
            if inflect == "ru":
                forms = ru_name_forms(n, person=person)
            elif inflect == "ar":
                forms = ar_prefixed(n)
            elif inflect == "fr" and n[0] in FR_VOWELS and kind != "leader":
                forms = ["l'" + n, "d'" + n]
            elif inflect == "de" and kind != "leader":
                forms = de_genitive(n)
                if kind == "organisation":
                    weak = de_weak_forms(n)
                    forms += weak + [g for w in weak for g in de_genitive(w)]
            # An elided article is written in lower case ("l'Iran"): the
            # form is matched in any case.
            for f in forms:
                add(kind, ident, f, type_, generated=True, any_case=inflect == "fr")

    def adjectives(ident, adjs):
        for a in adjs:
            if inflect == "ru":
                forms = ru_adjective_all(a)
            elif inflect == "ar":
                forms = [p for base in ar_adjective_all(a) for p in [base] + ar_prefixed(base)]
            elif inflect == "fr":
                forms = fr_adjective_all(a)
            elif inflect == "es":
                forms = es_adjective_all(a)
            elif inflect == "de":
                forms = de_adjective_all(a)
            else:
                forms = [a]
            for k, f in enumerate(forms):
                add("country", ident, f, "demonym", any_case=True, generated=k > 0)

    for a in src.get("aliases", []):
        if "why" in a:
            a = {k: v for k, v in a.items() if k != "why"}
        aliases.append(a)
        # An Arabic blocker with its attached prefixes, as the names it
        # blocks have them («لمجلس الأمن القومي» against «لمجلس الأمن»).
        if inflect == "ar" and a.get("type") == "blocker":
            for f in ar_prefixed(a["text"]):
                aliases.append(dict(a, text=f, generated=True))
    # The source's demonyms in this language (countries.json demonyms_i18n:
    # French only), for the countries the curated table gives no adjectives.
    dem_i18n = {c["code"]: c.get("demonyms_i18n", {}).get(lang, []) for c in countries}
    curated = src.get("countries", {})
    for code, c in curated.items():
        if code not in codes:
            sys.exit("%s: countries: unknown code %s" % (where, code))
        names_with_forms("country", code, c.get("names", []), "name")
        adjectives(code, c["adjectives"] if "adjectives" in c else dem_i18n.get(code, []))
        names_with_forms("country", code, c.get("capitals", []), "metonym")
    # Every other country by its ICU name in this language.
    i18n = {c["code"]: c.get("names_i18n", {}).get(lang) for c in countries if not c.get("historical")}
    if lang == "ja":
        i18n = icu_names("ja", sorted(k for k in i18n))
    for code, name in sorted(i18n.items()):
        if name and code not in curated:
            names_with_forms("country", code, [name], "name")
    for code in sorted(i18n):
        if code not in curated:
            adjectives(code, dem_i18n.get(code, []))
    # A name the table lists for several leaders (the surname a father and
    # son share: 别尔德穆哈梅多夫, «Бердымухамедов») is each one's context
    # alias: the date of the article decides who it is.
    listed = collections.Counter(n for names in src.get("leaders", {}).values() for n in set(names))
    for ident, names in src.get("leaders", {}).items():
        names_with_forms("leader", ident, [n for n in names if listed[n] == 1], "name", person=True)
        names_with_forms("leader", ident, [n for n in names if listed[n] > 1], "context",
                         person=True)
    # A surname the curated names file keeps apart (lang/names/<lang>.json
    # `surnames`: short, common, part of other names, or a relative's too:
    # «القذافي» is also Saif al-Islam's): a context alias, which counts when
    # the text names the leader in full, a title stands before it, or
    # exactly one of its people held office on the date.
    for ident, names in sorted(curated_surnames.items()):
        for n in names:
            other = seen.get((n.casefold(), False))
            if other and other != ("leader", ident):
                sys.exit("%s: surnames: %r of %s is also a name of %s %s" %
                         (os.path.relpath(os.path.join(os.path.dirname(lang_path), "names",
                                                       lang + ".json"), REPO_ROOT),
                          n, ident, other[0], other[1]))
        names_with_forms("leader", ident, names, "context", person=True)
    # A surname that is also a country's word in this language («السوداني»,
    # al-Sudani, is "the Sudanese"): the bare word is also the leader's
    # context alias, so the recogniser reads it as the leader when the text
    # names them in full and as the country otherwise.
    for ident, names in src.get("leaders", {}).items():
        for n in names:
            words = n.split(" ")
            if len(words) > 1 and seen.get((words[-1].casefold(), False), ("",))[0] == "country":
                add("leader", ident, words[-1], "context")
    # A leader's surname alone, as English keeps bare surnames (leaders.json
    # `context_aliases`): «Хан» in the headline «Путин и Хан обсудили…» over
    # a body that names Имран Хан in full. The last word is the surname only
    # where English says so: its consonants are those of one of the leader's
    # one-word English context aliases (Хан/Khan, Моди/Modi), so a given name
    # written last (Си Цзиньпин, Xi) is not one.
    if inflect == "ru":
        candidates = [(ident, n.split(" ")[-1]) for ident, names in src.get("leaders", {}).items()
                      for n in names if " " in n and is_cyrillic(n.split(" ")[-1])]
        latin = transliterate("Any-Latin; Latin-ASCII", [w for _, w in candidates])
        for (ident, surname), spelled in zip(candidates, latin):
            english = {consonant_key(c)
                       for c in sources["leaders"].get(ident, {}).get("context_aliases", [])
                       if " " not in c}
            key = consonant_key(spelled)
            if key and key in english:
                names_with_forms("leader", ident, [surname], "context", person=True)
    # Leaders of Cyrillic-script countries in this language's transliteration
    # («Токаев» is Tokajew in German, Tokaïev in French): full names as names,
    # a surname alone as a context alias, as English keeps bare surnames.
    if "cyrillic" in src:
        for ident, (full, bare) in cyrillic_names(src["cyrillic"], sources["leaders"],
                                                  sources["ru_table"]).items():
            for n in full:
                if (n.casefold(), False) not in seen:
                    add("leader", ident, n, "name", generated=True)
            for n in bare:
                add("leader", ident, n, "context")
    if "katakana" in src:
        for ident, text in katakana_context(src["katakana"], sources["leaders"]):
            add("leader", ident, text, "context")
    if lang in ("zh", "ja"):
        han_names, han_context = han_leader_names(lang, sources["han"], sources["leaders"],
                                                  sources["han_tables"])
        for ident, names in sorted(han_names.items()):
            for n in names:
                if (n.casefold(), False) not in seen:
                    add("leader", ident, n, "name", generated=True)
        for ident, text in han_context:
            add("leader", ident, text, "context")
    curated_orgs = src.get("organisations", {})
    for ident, o in curated_orgs.items():
        names_with_forms("organisation", ident, o.get("names", []), "name")
        for a in o.get("acronyms", []):
            add("organisation", ident, a, "acronym")
            if inflect == "ar":
                for f in ar_prefixed(a):
                    add("organisation", ident, f, "acronym", generated=True)
            if inflect == "fr" and a[0] in FR_VOWELS:  # l'ONU, d'OTAN
                for f in ("l'" + a, "d'" + a):
                    add("organisation", ident, f, "name", generated=True, any_case=True)
    # Then SupraVerden's names in this language and every name under the
    # other forms of its parent: a name another entity already holds (a
    # curated one first) is left out, not refused.
    groups = src.get("parent_forms", {}).get("groups", [])
    extra = supraverden_names(lang, sources["orgs"], sources["supraverden"]) if lang != "en" else {}
    for ident in sorted(set(curated_orgs) | set(extra)):
        names = list(curated_orgs.get(ident, {}).get("names", []))
        for n in extra.get(ident, []):
            if n not in names:
                names.append(n)
        for n in list(names):
            names += [v for v in parent_variants(n, groups) if v not in names]
        for n in names:
            if (n.casefold(), False) not in seen:
                names_with_forms("organisation", ident, [n], "name")
    words = dict(src.get("words", {}))
    if inflect == "ar" and "neutral_before" in words:
        # A clause's verb or particle with a conjunction attached («وقال», «فإن»).
        neutral = list(words["neutral_before"])
        neutral += [p + w for p in ("و", "ف") for w in words["neutral_before"]
                    if p + w not in neutral]
        words["neutral_before"] = neutral
    roles = []
    for r in src.get("roles", []):
        roles.append({k: v for k, v in r.items() if k in ("phrase", "role", "side", "country")})
        if inflect == "ar":  # والرئيس، للرئيس
            for f in ar_prefixed(r["phrase"]):
                roles.append(dict(roles[-1], phrase=f))
    out = {"language": lang,
           "generated_by": "scripts/gazetteer/build_lang_rules.py from " + where +
                           (" and countries.json names_i18n" if lang != "en" else ""),
           "words": words,
           # Month names and date signs (analysis/dates/date_parser.h DateVocabulary).
           "dates": {k: v for k, v in src.get("dates", {}).items() if k != "why"},
           # Country names compounded from one character each (中俄, 日米).
           "compounds": {k: v for k, v in src.get("compounds", {}).items() if k != "why"},
           "anaphoric_roles": src.get("anaphoric_roles", []),
           "context_rules": [{k: v for k, v in c.items() if k != "why"}
                             for c in src.get("context_rules", [])],
           "roles": roles,
           # Dateline places as this language writes them: CLDR's cities,
           # then the curated ones (which win).
           "cities": dateline_cities(lang, src.get("cities", {})),
           # National agencies' credits -> their country (DatelineResolver::WireCountry).
           "wires": {k: v for k, v in src.get("wires", {}).items() if k != "why"},
           "aliases": aliases}
    return lang, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang-dir", default=os.path.join(HERE, "lang"))
    ap.add_argument("--countries", default=os.path.join(REPO_ROOT, "schema", "gazetteer", "countries.json"))
    ap.add_argument("--out-dir", default=os.path.join(REPO_ROOT, "schema", "gazetteer", "rules"))
    ap.add_argument("--leaders", default=os.path.join(REPO_ROOT, "schema", "gazetteer", "leaders.json"))
    ap.add_argument("--organisations-curated", default=os.path.join(HERE, "organisations_curated.json"))
    ap.add_argument("--supraverden", default=os.path.join(REPO_ROOT, "..", "shared", "data", "orgs",
                                                         "supraverden_igos.json"))
    args = ap.parse_args()
    with open(args.countries, encoding="utf-8") as f:
        countries = json.load(f)
    if not os.path.exists(args.supraverden):
        sys.exit("%s: missing (organisations' names in other languages; pass --supraverden)" %
                 args.supraverden)
    sources = {}
    for key, path in (("leaders", args.leaders), ("orgs", args.organisations_curated),
                      ("supraverden", args.supraverden),
                      ("han", os.path.join(args.lang_dir, "han_names.json"))):
        sources[key] = read_json(path)
    sources["leaders"] = {l["id"]: l for l in sources["leaders"]}
    sources["ru_table"] = leader_table(args.lang_dir, "ru", sources["leaders"])[0]
    sources["han_tables"] = {}
    for lang in ("zh", "ja"):
        sources["han_tables"][lang] = leader_table(args.lang_dir, lang, sources["leaders"])[0]
    os.makedirs(args.out_dir, exist_ok=True)
    for name in sorted(os.listdir(args.lang_dir)):
        if not name.endswith(".json") or name == "han_names.json":
            continue
        lang, out = build(os.path.join(args.lang_dir, name), countries, sources)
        path = os.path.join(args.out_dir, lang + ".json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write("{\n")
            keys = list(out)
            for i, k in enumerate(keys):
                sep = "," if i + 1 < len(keys) else ""
                if k == "aliases":
                    f.write(' "aliases": [\n')
                    f.write(",\n".join("  " + json.dumps(a, ensure_ascii=False) for a in out[k]))
                    f.write("\n ]%s\n" % sep)
                else:
                    f.write(" %s: %s%s\n" % (json.dumps(k), json.dumps(out[k], ensure_ascii=False), sep))
            f.write("}\n")
        os.replace(path + ".tmp", path)
        print("%s: %d aliases, %d role phrases, %d context rules" % (
            os.path.relpath(path, REPO_ROOT), len(out["aliases"]), len(out["roles"]),
            len(out["context_rules"])))


if __name__ == "__main__":
    main()
