"""General knowledge the extractor and resolver need: states with their demonyms and metonyms, and
well-known bodies with the short names the press uses for them.

Nothing here comes from the sample articles; it is the kind of list any newsroom style guide
or gazetteer holds.  Keys are lowercase.
"""

from __future__ import annotations

import unicodedata as _unicodedata

# (canonical name, demonyms / adjectives (space-separated), other names separated by "|":
# official names, capitals used as metonyms for the government, seats of power)
_STATES = [
    ("Afghanistan", "afghan afghani afghans", "kabul"),
    ("Albania", "albanian", "tirana"),
    ("Algeria", "algerian", "algiers"),
    ("Angola", "angolan", "luanda"),
    ("Argentina", "argentine argentinian", "buenos aires"),
    ("Armenia", "armenian armenians", "yerevan"),
    ("Australia", "australian", "canberra"),
    ("Austria", "austrian", "vienna"),
    ("Azerbaijan", "azerbaijani azeri azerbaijanis azeris", "baku"),
    ("Bahrain", "bahraini", "manama"),
    ("Bangladesh", "bangladeshi", "dhaka"),
    ("Belarus", "belarusian belarussian", "minsk"),
    ("Belgium", "belgian", "brussels"),
    ("Bosnia and Herzegovina", "bosnian", "sarajevo bosnia"),
    ("Brazil", "brazilian", "brasilia"),
    ("Bulgaria", "bulgarian", "sofia"),
    ("Burkina Faso", "burkinabe", "ouagadougou"),
    ("Burundi", "burundian", "bujumbura|gitega"),
    ("Cambodia", "cambodian", "phnom penh"),
    ("Cameroon", "cameroonian", "yaounde"),
    ("Canada", "canadian", "ottawa"),
    ("Central African Republic", "centrafrican", "bangui|car"),
    ("Chad", "chadian", "ndjamena|n'djamena"),
    ("Chile", "chilean", "santiago"),
    ("China", "chinese", "beijing|people's republic of china|prc"),
    ("Colombia", "colombian", "bogota"),
    ("Croatia", "croatian croat", "zagreb"),
    ("Cuba", "cuban", "havana"),
    ("Cyprus", "cypriot", "nicosia"),
    ("Czech Republic", "czech", "prague|czechia"),
    ("Democratic Republic of the Congo", "congolese",
     "kinshasa|drc|dr congo|democratic republic of congo|congo"),
    ("Denmark", "danish dane", "copenhagen"),
    ("Djibouti", "djiboutian", ""),
    ("Egypt", "egyptian", "cairo"),
    ("Eritrea", "eritrean", "asmara"),
    ("Estonia", "estonian", "tallinn"),
    ("Ethiopia", "ethiopian ethiopians", "addis ababa"),
    ("Finland", "finnish finn", "helsinki"),
    ("France", "french", "paris elysee élysée"),
    ("Georgia", "georgian", "tbilisi"),
    ("Germany", "german", "berlin"),
    ("Ghana", "ghanaian", "accra"),
    ("Greece", "greek", "athens"),
    ("Guatemala", "guatemalan", ""),
    ("Haiti", "haitian", "port-au-prince"),
    ("Hungary", "hungarian", "budapest"),
    ("India", "indian", "new delhi|delhi"),
    ("Indonesia", "indonesian", "jakarta"),
    ("Iran", "iranian iranians persian", "tehran|islamic republic of iran"),
    ("Iraq", "iraqi iraqis", "baghdad"),
    ("Ireland", "irish", "dublin"),
    ("Israel", "israeli israelis", "jerusalem|tel aviv"),
    ("Italy", "italian", "rome"),
    ("Japan", "japanese", "tokyo"),
    ("Jordan", "jordanian", "amman"),
    ("Kazakhstan", "kazakh", "astana"),
    ("Kenya", "kenyan", "nairobi"),
    ("Kosovo", "kosovar kosovan", "pristina"),
    ("Kuwait", "kuwaiti", ""),
    ("Kyrgyzstan", "kyrgyz", "bishkek"),
    ("Lebanon", "lebanese", "beirut"),
    ("Libya", "libyan", "tripoli"),
    ("Lithuania", "lithuanian", "vilnius"),
    ("Mali", "malian", "bamako"),
    ("Mexico", "mexican", "mexico city"),
    ("Moldova", "moldovan", "chisinau"),
    ("Morocco", "moroccan", "rabat"),
    ("Mozambique", "mozambican", "maputo"),
    ("Myanmar", "myanmar burmese", "naypyidaw|burma|tatmadaw"),
    ("Nepal", "nepalese nepali", "kathmandu"),
    ("Netherlands", "dutch", "the hague|amsterdam|holland"),
    ("New Zealand", "new zealander", "wellington|nz"),
    ("Niger", "nigerien", "niamey"),
    ("Nigeria", "nigerian", "abuja"),
    ("North Korea", "north korean", "pyongyang dprk"),
    ("Norway", "norwegian", "oslo"),
    ("Oman", "omani", "muscat"),
    ("Pakistan", "pakistani", "islamabad"),
    ("Palestine", "palestinian palestinians", "ramallah|palestinian territories"),
    ("Philippines", "filipino philippine", "manila"),
    ("Poland", "polish pole", "warsaw"),
    ("Portugal", "portuguese", "lisbon"),
    ("Qatar", "qatari", "doha"),
    ("Romania", "romanian", "bucharest"),
    ("Russia", "russian russians", "moscow|kremlin|the kremlin|russian federation"),
    ("Rwanda", "rwandan rwandans", "kigali"),
    ("Saudi Arabia", "saudi saudis saudi arabian", "riyadh|kingdom of saudi arabia"),
    ("Senegal", "senegalese", "dakar"),
    ("Serbia", "serbian serb serbs", "belgrade"),
    ("Sierra Leone", "sierra leonean", "freetown"),
    ("Somalia", "somali somalis", "mogadishu"),
    ("South Africa", "south african", "pretoria"),
    ("South Korea", "south korean", "seoul"),
    ("South Sudan", "south sudanese", "juba"),
    ("Spain", "spanish", "madrid"),
    ("Sri Lanka", "sri lankan sri lankans", "colombo"),
    ("Sudan", "sudanese", "khartoum"),
    ("Sweden", "swedish swede", "stockholm"),
    ("Switzerland", "swiss", "bern|geneva"),
    ("Syria", "syrian syrians", "damascus|syrian arab republic"),
    ("Taiwan", "taiwanese", "taipei"),
    ("Tajikistan", "tajik", "dushanbe"),
    ("Tanzania", "tanzanian", "dodoma"),
    ("Thailand", "thai", "bangkok"),
    ("Tunisia", "tunisian", "tunis"),
    ("Turkey", "turkish turks", "ankara|turkiye|türkiye"),
    ("Turkmenistan", "turkmen", "ashgabat"),
    ("Uganda", "ugandan", "kampala"),
    ("Ukraine", "ukrainian ukrainians", "kyiv|kiev"),
    ("United Arab Emirates", "emirati", "abu dhabi|uae"),
    ("United Kingdom", "british briton britons",
     "london|britain|uk|u.k.|great britain|whitehall|downing street"),
    ("United States", "american americans us u.s.",
     "washington|usa|u.s.a.|america|united states of america|white house"),
    ("Uzbekistan", "uzbek", "tashkent"),
    ("Venezuela", "venezuelan", "caracas"),
    ("Vietnam", "vietnamese", "hanoi"),
    ("Yemen", "yemeni yemenis", "sanaa|sana'a"),
    ("Zimbabwe", "zimbabwean", "harare"),
]

#: lowercase name / demonym / metonym -> canonical state name
STATE_NAMES: dict[str, str] = {}
#: lowercase demonym -> canonical state name (adjectives only, for "Russian jets")
DEMONYMS: dict[str, str] = {}
for _name, _dem, _other in _STATES:
    STATE_NAMES[_name.lower()] = _name
    for _d in _dem.split():
        DEMONYMS[_d] = _name
        STATE_NAMES[_d] = _name
for _name, _dem, _other in _STATES:
    for _o in filter(None, _other.split("|")):
        STATE_NAMES.setdefault(_o, _name)
# words of multi-word demonyms ("South Sudanese", "Sri Lankan") are no demonyms on their own
for _w in ("south", "north", "new", "sri", "lankan", "lankans", "arabian", "african", "korean",
           "zealander", "sierra", "leonean"):
    STATE_NAMES.pop(_w, None)
    DEMONYMS.pop(_w, None)
for _phrase, _name in [("the kremlin", "Russia"), ("russian federation", "Russia"),
                       ("white house", "United States"), ("downing street", "United Kingdom"),
                       ("united states of america", "United States"),
                       ("great britain", "United Kingdom"), ("tel aviv", "Israel"),
                       ("dr congo", "Democratic Republic of the Congo"),
                       ("democratic republic of congo", "Democratic Republic of the Congo"),
                       ("syrian arab republic", "Syria"), ("islamic republic of iran", "Iran"),
                       ("people's republic of china", "China"), ("new delhi", "India"),
                       ("addis ababa", "Ethiopia"), ("abu dhabi", "United Arab Emirates"),
                       ("saudi arabian", "Saudi Arabia"), ("sri lankan", "Sri Lanka"),
                       ("south sudanese", "South Sudan"), ("north korean", "North Korea"),
                       ("south korean", "South Korea"), ("new zealand", "New Zealand")]:
    STATE_NAMES[_phrase] = _name
DEMONYMS.update({"saudi arabian": "Saudi Arabia", "sri lankan": "Sri Lanka",
                 "south sudanese": "South Sudan", "north korean": "North Korea",
                 "south korean": "South Korea"})
# capitals that name a city far more often than a government are not read as the state
for _city in ("london", "paris", "rome", "geneva", "bern", "doha", "sofia", "dublin",
              "delhi", "holland", "car", "congo", "america"):
    STATE_NAMES.pop(_city, None)

#: capitals (and seats of government) that can stand for their state: as places, they are
#: cities where attacks happen ("an education centre in a neighbourhood of Kabul")
CAPITALS: frozenset[str] = frozenset(
    {o for _n, _d, _other in _STATES for o in filter(None, _other.split("|"))} |
    {"the kremlin", "white house", "downing street", "tel aviv", "new delhi", "addis ababa",
     "abu dhabi"})

#: canonical state name -> the adjective the press uses ("Ethiopia" -> "Ethiopian")
DEMONYM_OF: dict[str, str] = {}
for _name, _dem, _other in _STATES:
    _first = _dem.split()[0] if _dem else _name
    if _name in ("Saudi Arabia", "Sri Lanka", "South Sudan", "North Korea", "South Korea",
                 "New Zealand", "Sierra Leone", "South Africa"):
        _first = {"Saudi Arabia": "saudi", "Sri Lanka": "sri lankan",
                  "South Sudan": "south sudanese", "North Korea": "north korean",
                  "South Korea": "south korean", "New Zealand": "new zealand",
                  "Sierra Leone": "sierra leonean", "South Africa": "south african"}[_name]
    DEMONYM_OF[_name] = " ".join(w.capitalize() for w in _first.split())
DEMONYM_OF["United States"] = "US"
DEMONYM_OF["United Kingdom"] = "British"

#: Well-known bodies: lowercase name or short form -> (canonical name, source kind)
BODIES: dict[str, tuple[str, str]] = {}
#: The state a body answers to, when it is one state's organ or a coalition one state
#: leads: its denials defend that state, and allegations against the state are theirs to deny.
BODY_STATES: dict[str, str] = {
    "Israel Defense Forces": "Israel",
    "US Department of Defense": "United States",
    "US-led Coalition": "United States",
    "Saudi-led coalition": "Saudi Arabia",
}
for _canon, _kind, _forms in [
    ("Amnesty International", "ngo", "amnesty|amnesty international"),
    ("Human Rights Watch", "ngo", "human rights watch|hrw"),
    ("Médecins Sans Frontières", "ngo",
     "msf|medecins sans frontieres|médecins sans frontières|doctors without borders|"
     "doctors without borders/médecins sans frontières"),
    ("International Committee of the Red Cross", "ngo",
     "icrc|international committee of the red cross|red cross|the red cross"),
    ("International Federation of Red Cross and Red Crescent Societies", "ngo", "ifrc"),
    ("Physicians for Human Rights", "ngo", "physicians for human rights|phr"),
    ("Save the Children", "ngo", "save the children"),
    ("Syrian Observatory for Human Rights", "ngo", "syrian observatory for human rights|sohr"),
    ("Airwars", "ngo", "airwars"),
    ("Syria Civil Defence", "ngo", "white helmets|the white helmets|syria civil defence|"
     "syrian civil defence|syria civil defense|syrian civil defense"),
    ("Syrian American Medical Society", "ngo", "syrian american medical society|sams"),
    ("Insecurity Insight", "ngo", "insecurity insight"),
    ("ACLED", "ngo", "acled|armed conflict location and event data project"),
    ("United Nations", "intergovernmental", "un|u.n.|united nations"),
    ("UN Security Council", "intergovernmental", "un security council|security council"),
    ("UN Secretary-General", "intergovernmental",
     "un secretary-general|secretary-general|secretary general|un secretary general"),
    ("UN Human Rights Council", "intergovernmental", "human rights council|unhrc"),
    ("Office of the UN High Commissioner for Human Rights", "intergovernmental",
     "ohchr|un human rights office|un rights office|"
     "office of the un high commissioner for human rights"),
    ("UNRWA", "intergovernmental", "unrwa"),
    ("UNICEF", "intergovernmental", "unicef"),
    ("UNHCR", "intergovernmental", "unhcr|un refugee agency"),
    ("World Health Organization", "intergovernmental", "who|world health organization|"
     "world health organisation"),
    ("OCHA", "intergovernmental", "ocha"),
    ("World Food Programme", "intergovernmental", "wfp|world food programme|world food program"),
    ("International Criminal Court", "intergovernmental", "icc|international criminal court"),
    ("NATO", "intergovernmental", "nato"),
    ("European Union", "intergovernmental", "eu|european union"),
    ("African Union", "intergovernmental", "au|african union"),
    ("OSCE", "intergovernmental", "osce"),
    ("G7", "intergovernmental", "g7|group of seven|g-7"),
    ("G20", "intergovernmental", "g20|group of twenty|g-20"),
    ("International Court of Justice", "intergovernmental", "international court of justice|icj"),
    ("Islamic State", "armed_group", "islamic state|isis|isil|is|daesh|islamic state group|"
     "islamic state (isis) group"),
    ("Hamas", "armed_group", "hamas"),
    ("Hezbollah", "armed_group", "hezbollah|hizbollah"),
    ("Houthis", "armed_group", "houthis|houthi|al-houthi|ansar allah|houthi rebels"),
    ("Taliban", "armed_group", "taliban|the taliban"),
    ("Al-Qaeda", "armed_group", "al-qaeda|al qaeda|al-qaida"),
    ("Al-Nusra Front", "armed_group", "al-nusra front|nusra front|al-nusra|jabhat al-nusra"),
    ("Free Syrian Army", "armed_group", "free syrian army|fsa"),
    ("Rapid Support Forces", "armed_group", "rapid support forces|rsf"),
    ("M23", "armed_group", "m23|m23 rebels|march 23 movement"),
    ("LTTE", "armed_group", "ltte|liberation tigers of tamil eelam|tamil tigers"),
    ("TPLF", "armed_group", "tplf|tigray people's liberation front|"
     "tigrayan people's liberation front"),
    ("Wagner Group", "armed_group", "wagner|wagner group"),
    ("Israel Defense Forces", "military", "idf|israel defense forces|israeli military|"
     "israeli army|israel defence forces"),
    ("US Department of Defense", "military", "dod|pentagon|the pentagon|department of defense|"
     "us department of defense|u.s. department of defense|defense department"),
    ("US-led Coalition", "military", "us-led coalition|u.s.-led coalition"),
    ("Saudi-led coalition", "military", "saudi-led coalition|arab coalition|"
     "saudi arabian coalition"),
    ("Reuters", "media", "reuters"),
    ("Agence France-Presse", "media", "afp|agence france-presse|agence france presse"),
    ("Associated Press", "media", "ap|associated press"),
    ("Al Jazeera", "media", "al jazeera|al-jazeera"),
    ("BBC", "media", "bbc"),
    ("CNN", "media", "cnn"),
]:
    for _f in _forms.split("|"):
        BODIES[_f] = (_canon, _kind)
        _plain = _unicodedata.normalize("NFKD", _f)
        BODIES["".join(c for c in _plain if not _unicodedata.combining(c))] = (_canon, _kind)
