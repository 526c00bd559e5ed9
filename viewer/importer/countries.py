"""States and their demonyms, and the titles and organisation words of English news style: the
small lexicon of the actor recogniser."""

from __future__ import annotations

# name | other names and demonyms ("Azerbaijani" -> Azerbaijan)
_STATES = """
Afghanistan|Afghan
Albania|Albanian
Algeria|Algerian
Argentina|Argentine|Argentinian
Armenia|Armenian
Australia|Australian
Austria|Austrian
Azerbaijan|Azerbaijani|Azeri
Bangladesh|Bangladeshi
Belarus|Belarusian
Belgium|Belgian
Bolivia|Bolivian
Bosnia|Bosnian
Brazil|Brazilian
Bulgaria|Bulgarian
Canada|Canadian
Chile|Chilean
China|Chinese
Colombia|Colombian
Croatia|Croatian
Cuba|Cuban
Cyprus|Cypriot
Czech Republic|Czech|Czechia
Denmark|Danish
Egypt|Egyptian
Estonia|Estonian
Ethiopia|Ethiopian
Finland|Finnish
France|French
Georgia|Georgian
Germany|German
Greece|Greek
Hungary|Hungarian
Iceland|Icelandic
India|Indian
Indonesia|Indonesian
Iran|Iranian
Iraq|Iraqi
Ireland|Irish
Israel|Israeli
Italy|Italian
Japan|Japanese
Jordan|Jordanian
Kazakhstan|Kazakh
Kenya|Kenyan
Kosovo|Kosovar
Kyrgyzstan|Kyrgyz
Latvia|Latvian
Lebanon|Lebanese
Libya|Libyan
Lithuania|Lithuanian
Mali|Malian
Mexico|Mexican
Moldova|Moldovan
Morocco|Moroccan
Netherlands|Dutch
New Zealand
Nigeria|Nigerian
North Korea|North Korean
Norway|Norwegian
Pakistan|Pakistani
Palestine|Palestinian
Peru|Peruvian
Philippines|Philippine|Filipino
Poland|Polish
Portugal|Portuguese
Qatar|Qatari
Romania|Romanian
Russia|Russian|Russian Federation
Saudi Arabia|Saudi
Serbia|Serbian
Slovakia|Slovak
Slovenia|Slovenian
Somalia|Somali
South Africa|South African
South Korea|South Korean
Spain|Spanish
Sudan|Sudanese
Sweden|Swedish
Switzerland|Swiss
Syria|Syrian
Taiwan|Taiwanese
Tajikistan|Tajik
Thailand|Thai
Tunisia|Tunisian
Turkey|Turkish|Türkiye
Turkmenistan|Turkmen
Ukraine|Ukrainian
United Arab Emirates|Emirati|UAE
United Kingdom|British|Britain|UK|U.K.
United States|American|US|U.S.|USA
Uzbekistan|Uzbek
Venezuela|Venezuelan
Vietnam|Vietnamese
Yemen|Yemeni
"""

STATE_NAMES: dict[str, str] = {}  # any name or demonym -> the state's name
for _line in _STATES.strip().splitlines():
    _names = _line.split("|")
    for _n in _names:
        STATE_NAMES[_n] = _names[0]

# titles before a person's name; lower-case forms ("the president") refer back to the person
TITLES = (
    "President", "Vice President", "Prime Minister", "PM", "Premier", "Chancellor",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Interior Minister",
    "Finance Minister", "Health Minister", "Minister", "Deputy Minister", "Secretary of State",
    "Secretary-General", "Secretary General", "Secretary", "King", "Queen", "Prince",
    "Princess", "Emperor", "Pope", "Mayor", "Governor",
    "Gov.", "Gov", "Lt. Gov.", "Senator", "Sen.", "Rep.",
    "Representative", "Congressman", "Congresswoman", "General", "Gen.", "Colonel", "Col.",
    "Admiral", "Commander", "Lieutenant", "Captain", "Major", "Marshal", "Ambassador",
    "Spokesman", "Spokeswoman", "Spokesperson", "Chairman", "Chairwoman", "Chair", "Director",
    "Chief Executive", "CEO", "Judge", "Justice", "Professor", "Prof.", "Dr", "Dr.", "Mr",
    "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Sir", "Dame", "Speaker", "Leader", "Councillor",
    "Councilwoman", "Councilman", "Sheriff", "Inspector", "Detective", "Coach", "Manager",
    "Archbishop", "Bishop", "Rabbi", "Imam", "Sheikh", "Ayatollah", "Crown Prince",
    "Attorney General", "District Attorney", "Attorney", "District Judge", "Chief Judge",
    "Economy Minister", "Energy Minister", "Trade Minister", "Justice Minister",
    "Chief Financial Officer", "Chief Operating Officer", "CFO", "President and CEO",
    "Analyst", "Economist", "Envoy", "Special Envoy", "Negotiator", "Lawyer", "Prosecutor",
)  # fmt: skip
HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame"}

# a capitalised name holding one of these words names an organisation
ORG_WORDS = {
    "Ministry", "Council", "Group", "Union", "Organisation", "Organization", "Party",
    "Army", "Forces", "Force", "Court", "Commission", "Agency", "Bank", "Company", "Inc",
    "Corp", "Corporation", "Association", "Committee", "Parliament", "Assembly", "Office",
    "Department", "Institute", "University", "Service", "Services", "Police", "Navy",
    "Authority", "Federation", "League", "Front", "Movement", "Fund", "Board", "Senate",
    "Congress", "Cabinet", "Government", "Administration", "Alliance", "Coalition", "Guard",
    "Brigade", "Foundation", "Society", "Bureau", "Trust", "Airlines", "Ltd", "Center",
    "Centre", "Hospital", "School", "County", "Network", "Museum", "Press", "News", "Times",
    "Post", "Journal", "Channel", "Radio", "Television", "Power", "Energy", "Airways",
    "Motors", "Holdings", "Partners", "Media", "Club", "Team", "Inc.", "Corp.", "Co.",
}  # fmt: skip
