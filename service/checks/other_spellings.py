"""Names German and English news write otherwise, beside what CLDR knows: acronyms and short
names ("UK" / "Großbritannien", "GDP" / "BIP"), places and their adjectives ("Munich" / "München",
"Bavarian" / "bayerisch"), and the given names of rulers, popes and saints ("Louis" / "Ludwig").
Read by :mod:`service.checks.name_match`.
"""

from __future__ import annotations

import re

# Acronyms and short names German and English write differently (either way round); each entry is
# a regular expression for the start of a word of the other side
_ALIAS_PAIRS = (
    ("AI", "KI"), ("UN", "UNO"), ("UN", "VN"), ("US", "USA"), ("GDP", "BIP"), ("TV", "Fernseh"),
    ("WLAN", "Wi-?Fi"), ("WLAN", "WiFi"), ("Wi-Fi", "WLAN"), ("AIDS", "Aids"), ("EU", "European Union"),
    ("EU", "Europäische"), ("UN", "United Nations"), ("UN", "Vereinte"), ("US", "United States"),
    ("US", "Vereinigte"), ("US", "amerikanisch"), ("USA", "amerikanisch"), ("TV", "[Tt]elevision"),
    ("WHO", "Weltgesundheits"), ("WHO", "World Health"), ("UK", "Großbritannien"),
    ("UK", "Vereinigte[ns]? Königreich"), ("UK", "britisch"), ("UK", "United Kingdom"),
    ("UK", "Britain"), ("UK", "British"), ("USSR", "UdSSR"), ("USSR", "Sowjet"), ("UdSSR", "Soviet"),
    ("BC", "v\\. ?Chr"), ("BCE", "v\\. ?Chr"), ("BC", "vor Christus"), ("BCE", "vor Christus"),
    ("BCE", "vor (?:unserer|der) Zeit"), ("AD", "n\\. ?Chr"), ("CE", "n\\. ?Chr"),
    ("A.D", "n\\. ?Chr"), ("AD", "nach Christus"),
    ("PM", "Premier"), ("PM", "Prime Minister"), ("MP", "Abgeordnete"), ("MPs", "Abgeordnete"),
    ("MP", "Parlament"), ("MPs", "Parlament"), ("Tri", "[Dd]rei"), ("Tri", "[Tt]hree"),
    ("WWII", "Zweite[nr]? Weltkrieg"), ("WW2", "Zweite[nr]? Weltkrieg"), ("WWI", "Erste[nr]? Weltkrieg"),
    ("WWII", "World War"), ("F1", "Formel"), ("F1", "Formula"), ("NATO", "Nato"), ("LKW", "[Tt]ruck"),
    ("LKW", "[Ll]orr"), ("PKW", "[Cc]ar"), ("BRD", "Federal Republic"),
    ("BRD", "West German"), ("DDR", "GDR"), ("DDR", "East German"), ("EZB", "ECB"), ("IWF", "IMF"),
    ("USA", "America"), ("USA", "Amerika"), ("USA", "U\\.S"), ("USA", "United States"), ("USA", "US"),
    ("USA", "Vereinigte"), ("BCE", "vor Beginn"), ("WM", "World Cup"), ("WM", "[Ww]orld [Cc]hampion"),
    ("EM", "Euro"), ("EM", "European Championship"), ("CEO", "[\\w-]*[Cc]hef"), ("CEO", "Vorstandsvorsitz"),
    ("CEO", "[\\w-]*[Gg]eschäftsführer"), ("SUV", "[\\w-]*[Gg]eländewagen"), ("HP", "PS"), ("PS", "hp"),
    ("PS", "horsepower"), ("PMI", "Einkaufsmanager"), ("US", "\\$"), ("GroKo", "[Gg]rand [Cc]oalition"),
    ("GroKo", "[Gg]roße[nr]? Koalition"),
    ("SMS", "[Tt]ext"), ("SMS", "Kurznachricht"),
    # houses of parliament German names by what they are
    ("Commons", "Unterhaus"), ("Lords", "Oberhaus"), ("Congress", "Kongress"),
    # German parties, which English news names by what their members are ("CDU" / "Christian
    # Democrats", "Grünen" / "Greens")
    ("CDU", "Christian Democrat"), ("CSU", "Christian Social"), ("SPD", "Social Democrat"),
    ("FDP", "Free Democrat"), ("AfD", "Alternative for Germany"),
    # and the other way round word by word, in brackets so that no word stands for a party by itself
    # ("Democrats" is no "CDU": "Social Democrats" for "CDU" is another party)
    ("Christian", "(?:CDU|CSU)"), ("Democrats", "(?:CDU|SPD|FDP)"), ("Democrat", "(?:CDU|SPD|FDP)"),
    ("Social", "(?:CSU|SPD)"),
    ("Free", "(?:FDP)"), ("Alternative", "(?:AfD)"),
    # aid and press groups German news names in German, English news in French or by acronym
    ("MSF", "Ärzte ohne Grenzen"), ("Médecins", "Ärzte ohne Grenzen"), ("Medecins", "Ärzte ohne Grenzen"),
    ("Sans", "ohne Grenzen"), ("Frontières", "ohne Grenzen"), ("Frontieres", "ohne Grenzen"),
    ("RSF", "Reporter ohne Grenzen"),
)  # fmt: skip
ALIASES: dict[str, tuple[str, ...]] = {}
for _a, _b in _ALIAS_PAIRS:
    ALIASES[_a] = (*ALIASES.get(_a, ()), _b)
    if re.fullmatch(r"[\w .-]+", _b):  # a plain word: the other way round too
        ALIASES[_b] = (*ALIASES.get(_b, ()), re.escape(_a))

# English and German names of places (and their adjectives) that CLDR's lists leave out
PLACES_EN_DE = (
    ("Munich", "München"), ("Cologne", "Köln"), ("Nuremberg", "Nürnberg"), ("Hanover", "Hannover"),
    ("Brunswick", "Braunschweig"), ("Bavaria", "Bayern"), ("Bavarian", "bayerisch"),
    ("Saxony", "Sachsen"), ("Thuringia", "Thüringen"), ("Hesse", "Hessen"), ("Rhineland", "Rheinland"),
    ("Palatinate", "Pfalz"), ("Westphalia", "Westfalen"), ("Swabia", "Schwaben"),
    ("Franconia", "Franken"), ("Pomerania", "Pommern"), ("Prussia", "Preußen"),
    ("Prussian", "preußisch"), ("Black Forest", "Schwarzwald"), ("Lake Constance", "Bodensee"),
    ("Rhine", "Rhein"), ("Danube", "Donau"), ("Moselle", "Mosel"), ("Baltic", "Ostsee"),
    ("North Sea", "Nordsee"), ("Alps", "Alpen"), ("Alpine", "alpin"), ("Geneva", "Genf"),
    ("Lucerne", "Luzern"), ("Tyrol", "Tirol"), ("Styria", "Steiermark"), ("Carinthia", "Kärnten"),
    ("Venice", "Venedig"), ("Florence", "Florenz"), ("Naples", "Neapel"), ("Milan", "Mailand"),
    ("Genoa", "Genua"), ("Sicily", "Sizilien"), ("Sardinia", "Sardinien"), ("Tuscany", "Toskana"),
    ("Corsica", "Korsika"), ("Catalonia", "Katalonien"), ("Andalusia", "Andalusien"),
    ("Seville", "Sevilla"), ("Burgundy", "Burgund"), ("Brittany", "Bretagne"),
    ("Normandy", "Normandie"), ("Flanders", "Flandern"), ("Antwerp", "Antwerpen"),
    ("The Hague", "Den Haag"), ("Hague", "Haag"), ("Gdansk", "Danzig"), ("Wroclaw", "Breslau"),
    ("Krakow", "Krakau"), ("Silesia", "Schlesien"), ("Bohemia", "Böhmen"), ("Moravia", "Mähren"),
    ("Transylvania", "Siebenbürgen"), ("Carpathian", "Karpaten"), ("Siberia", "Sibirien"),
    ("Caucasus", "Kaukasus"), ("Crimea", "Krim"), ("Kharkiv", "Charkiw"), ("Odesa", "Odessa"),
    ("Lviv", "Lwiw"), ("Lviv", "Lemberg"), ("Zaporizhzhia", "Saporischschja"), ("Kherson", "Cherson"),
    ("Kyiv", "Kiew"), ("Beijing", "Peking"), ("Mecca", "Mekka"), ("West Bank", "Westjordanland"),
    ("Persia", "Persien"), ("Mesopotamia", "Mesopotamien"), ("Strasbourg", "Straßburg"),
    ("Mediterranean", "Mittelmeer"), ("Atlantic", "Atlantik"), ("Pacific", "Pazifik"),
    ("Arctic", "Arktis"), ("Antarctic", "Antarktis"), ("Middle East", "Nahost"),
    ("Middle East", "Nahen Osten"), ("Mideast", "Nahost"), ("Far East", "Fernen Osten"),
    ("Rome", "Rom"), ("Roman", "römisch"), ("Roman", "Rom"), ("Romans", "Römer"), ("Byzantine", "Byzanz"),
    ("Constantinople", "Konstantinopel"), ("Jewish", "jüdisch"), ("Jews", "Juden"),
    ("Muslim", "muslimisch"), ("Muslim", "Moslem"), ("Christian", "christlich"),
    ("Catholic", "katholisch"), ("Protestant", "evangelisch"), ("Arab", "arabisch"),
    ("Soviet", "sowjetisch"), ("Ottoman", "osmanisch"), ("Nazi", "NS"), ("Filipino", "philippinisch"),
    ("Filipino", "Philippin"), ("Greek", "griechisch"), ("Egypt", "Ägypt"), ("Egyptian", "ägyptisch"),
    ("Scottish", "schottisch"), ("Scots", "Schott"), ("Welsh", "walisisch"),
    ("English", "englisch"), ("British", "britisch"), ("Britain", "Großbritannien"),
    ("Dutch", "niederländisch"), ("Dutch", "Niederl"), ("Swiss", "Schweiz"), ("Czech", "tschechisch"),
    ("Moldova", "Moldawien"), ("Belarus", "Weißrussland"), ("Belarusian", "weißrussisch"),
    ("Belarussian", "weißrussisch"), ("Holy See", "Heilige Stuhl"), ("Vatican", "Vatikan"),
    ("Muhammad", "Mohammed"), ("Muhammad", "Mohammeds"), ("Macedonia", "Mazedonien"),
    ("Naples", "Neapel"), ("Napoli", "Neapel"), ("Franconian", "Franken"), ("Germany", "Bundes"),
    ("Upper Bavaria", "Oberbayern"), ("Lower Bavaria", "Niederbayern"), ("Lower Saxony", "Niedersachsen"),
    ("Lower Saxony", "niedersächsisch"), ("Saxony", "sächsisch"), ("Baden", "badisch"),
    ("Upper Franconia", "Oberfranken"), ("Lower Franconia", "Unterfranken"),
    ("Middle Franconia", "Mittelfranken"), ("Upper Palatinate", "Oberpfalz"), ("Alsace", "Elsass"),
    ("Alsace", "elsässisch"), ("Crete", "Kreta"), ("Rhodes", "Rhodos"), ("Majorca", "Mallorca"),
    ("Ivory Coast", "Elfenbeinküste"), ("Canary Islands", "Kanaren"), ("Balearic", "Balearen"),
    ("Swabian", "schwäbisch"), ("Westphalian", "westfälisch"),
    ("Saarland", "saarländisch"), ("Thuringian", "thüringisch"),
    # the given names of rulers, popes and saints, which each language writes its own way
    ("Louis", "Ludwig"), ("Charles", "Karl"), ("William", "Wilhelm"), ("Frederick", "Friedrich"),
    ("Henry", "Heinrich"), ("John", "Johannes"), ("James", "Jakob"), ("George", "Georg"),
    ("Catherine", "Katharina"), ("Charlemagne", "Karl"), ("Joseph", "Josef"), ("Francis", "Franziskus"),
    ("Francis", "Franz"), ("Peter", "Petrus"), ("Paul", "Paulus"), ("Gregory", "Gregor"),
    ("Benedict", "Benedikt"), ("Mary", "Maria"), ("Elizabeth", "Elisabeth"), ("Otto", "Otto"),
    # Egypt's pharaohs, by their Egyptian names in English and their Greek ones in German, and the
    # pyramid German names by its pharaoh ("the Great Pyramid" / "die Cheops-Pyramide")
    ("Khufu", "Cheops"), ("Khafre", "Chephren"), ("Menkaure", "Mykerinos"), ("Nefertiti", "Nofretete"),
    ("Akhenaten", "Echnaton"), ("Ramesses", "Ramses"), ("Tutankhamun", "Tutanchamun"),
    ("Great Pyramid", "Cheops"),
)  # fmt: skip
