"""The documents of the demo archive: their texts (fictional, in the form real ones take), their metadata and
how each is written. The ministries and TOOI codes are real, looked up by label in the vocabularies.
"""

from __future__ import annotations

from typing import NamedTuple

from openarchief.search.vocabularies import MINISTRY_PREFIX, categories, document_types, ministries


def _ministry(name: str) -> str:
    return ministries().code(MINISTRY_PREFIX + name)


MIN_BZK = _ministry("Binnenlandse Zaken en Koninkrijksrelaties")
MIN_DEF = _ministry("Defensie")
MIN_FIN = _ministry("Financiën")
MIN_IENW = _ministry("Infrastructuur en Waterstaat")
MIN_JENV = _ministry("Justitie en Veiligheid")
MIN_KGG = _ministry("Klimaat en Groene Groei")
MIN_LNV_2022 = _ministry("Landbouw, Natuur en Voedselkwaliteit")  # historical: LNV until July 2024
MIN_VRO = _ministry("Volkshuisvesting en Ruimtelijke Ordening")
MIN_VWS = _ministry("Volksgezondheid, Welzijn en Sport")

T_BELEIDSNOTA = document_types().code("beleidsnota")
T_BESLISNOTA = document_types().code("beslisnota")
T_BRIEF = document_types().code("brief")
T_BROCHURE = document_types().code("brochure")
T_GEMEENTEBLAD = document_types().code("Gemeenteblad")
T_ONDERZOEKSRAPPORT = document_types().code("onderzoeksrapport")
T_PERSBERICHT = document_types().code("persbericht")
T_RAPPORT = document_types().code("rapport")
T_WOO_BESLUIT = document_types().code("beslissing op Wob-/Woo-verzoek")

CAT_WETTEN = categories().code("wetten en algemeen verbindende voorschriften")  # 1a
CAT_INGEKOMEN = categories().code("bij vertegenwoordigende organen ingekomen stukken")  # 2a
CAT_WOO = categories().code("Woo-verzoeken en -besluiten")  # 2i
CAT_ONDERZOEK = categories().code("onderzoeksrapporten")  # 2j


class DemoDocument(NamedTuple):
    file: str
    pages: tuple[str, ...]
    metadata: str  # "json" (sidecar), "csv" (manifest.csv) or "" (none: only the PDF Title)
    title: str = ""
    ministry: str = ""
    type: str = ""
    date: str = ""
    category: str = ""
    pdf_title: str | None = None
    author: str | None = None
    kind: str = "text"  # "text", "scan", "truncated" or "fake"
    two_column: bool = False
    hyphenate_at: tuple[str, ...] = ()


_BZK_OMGEVINGSVERGUNNINGEN = (
    """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Postbus 20018
2500 EA Den Haag

Datum: 14 maart 2023
Betreft: Voortgang vergunningverlening en invoering Omgevingswet in Noord-Holland

Geachte voorzitter,

Tijdens het commissiedebat Ruimtelijke Ordening van 2 februari jongstleden heb ik toegezegd uw Kamer te informeren over de doorlooptijden van omgevingsvergunningen en over de voorbereiding van de gemeenten in Noord-Holland op de inwerkingtreding van de Omgevingswet per 1 januari 2024. Met deze brief doe ik die toezegging gestand.

Uit de monitor van het Interprovinciaal Overleg blijkt dat gemeenten in 2022 ruim 58.000 aanvragen voor een omgevingsvergunning hebben behandeld. In de provincie werd 87 procent van de aanvragen binnen de wettelijke termijn van acht weken afgehandeld. Bij de uitgebreide procedure, die onder meer geldt wanneer een bouwplan afwijkt van het bestemmingsplan, ligt dat percentage aanzienlijk lager. Vooral kleinere gemeenten melden dat zij te weinig vergunningverleners en juristen kunnen aantrekken.

Een gemeente die een aanvraag niet tijdig afhandelt, loopt het risico dat de vergunning van rechtswege wordt verleend. Dat is voor omwonenden en voor de kwaliteit van de leefomgeving ongewenst. Ik vind het daarom belangrijk dat de gemeentelijke uitvoeringspraktijk op orde is voordat het nieuwe stelsel in werking treedt.""",
    """Stand van de voorbereiding

Alle 44 gemeenten in de provincie zijn aangesloten op het Digitaal Stelsel Omgevingswet en hebben hun eerste oefenaanvragen verwerkt. Samen met de provincie, de omgevingsdiensten en de Vereniging van Nederlandse Gemeenten is een regionaal ondersteuningsteam ingericht dat gemeenten helpt bij het opstellen van het tijdelijke deel van het omgevingsplan. In dat tijdelijke deel gaan de bestaande bestemmingsplannen van rechtswege op.

Daarnaast stel ik in 2023 en 2024 in totaal 12 miljoen euro beschikbaar voor opleidingen van medewerkers die vergunningen verlenen en toezicht houden. Gemeenten kunnen hiervoor vanaf 1 mei een aanvraag indienen bij de Rijksdienst voor Ondernemend Nederland.

Vervolg

Ik zal uw Kamer voor het zomerreces opnieuw informeren over de doorlooptijden en over de resultaten van de landelijke ketentest. Mocht daaruit blijken dat gemeenten onvoldoende zijn voorbereid, dan zal ik met de betrokken partijen bezien welke aanvullende maatregelen nodig zijn.

De Minister voor Volkshuisvesting en Ruimtelijke Ordening,
namens deze,

de directeur-generaal Ruimte en Wonen""",
)

_FIN_BESLISNOTA = (
    """Beslisnota

Aan: de Minister van Financiën
Van: directie Rijksbegroting, afdeling Decentrale Overheden
Datum: 5 oktober 2021
Kenmerk: 2021-0000187462

Onderwerp: de ﬁnanciële positie van gemeenten en de verdeling van het gemeentefonds

Beslispunten

1. Kunt u instemmen met de bijgevoegde reactie aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties over de herijking van het gemeentefonds?
2. Gaat u akkoord met het voorstel om de opschalingskorting voor 2022 en 2023 te bevriezen en de dekking te zoeken binnen de begroting van het gemeentefonds?

Aanleiding

De financiën van gemeenten staan onder druk. Uit onderzoek van de Raad voor het Openbaar Bestuur blijkt dat de uitgaven aan jeugdzorg en aan de Wet maatschappelijke ondersteuning sinds 2015 sneller zijn gestegen dan de bijdragen uit het gemeentefonds. Ruim een derde van de gemeenten sloot 2020 af met een tekort op de exploitatie. De VNG vraagt het kabinet om structureel extra middelen.""",
    """Kernpunten

Het kabinet heeft in het voorjaar 1,3 miljard euro extra beschikbaar gesteld voor jeugdzorg in 2022. Daarmee is het acute tekort voor een groot deel opgelost, maar de structurele ﬁnanciële opgave blijft bestaan. De nieuwe verdeling van het gemeentefonds leidt bovendien tot herverdeeleffecten: vooral kleinere gemeenten in landelijk gebied gaan erop vooruit, terwijl enkele grote steden er per inwoner op achteruitgaan.

Wij adviseren u in te stemmen met een ingroeipad waarbij het nadeel per gemeente in het eerste jaar ten hoogste € 15 per inwoner bedraagt. Een ruimer ingroeipad maakt de overgang eenvoudiger, maar vergroot het risico dat de nieuwe verdeling pas na 2025 volledig werkt.

Over de ideeën van de VNG voor een eigen belastinggebied voor gemeenten adviseren wij terughoudendheid. Een verschuiving van rijksbelastingen naar lokale belastingen is pas verantwoord als de gevolgen voor de lastenverdeling van burgers en bedrijven vooraf goed in kaart zijn gebracht.

Financiële gevolgen

Het bevriezen van de opschalingskorting kost € 674 miljoen in 2022 en 2023 samen. Dekking binnen de begroting is mogelijk door de accressen van het gemeentefonds in die jaren met hetzelfde bedrag te verlagen. Het saldo van de rijksbegroting verandert hierdoor niet.""",
)

_JENV_WOO_BESLUIT = (
    """Ministerie van Justitie en Veiligheid
Directie Wetgeving en Juridische Zaken
Postbus 20301
2500 EH Den Haag

Datum: 20 februari 2024
Ons kenmerk: 5012345
Onderwerp: Besluit op uw Woo-verzoek over cameratoezicht bij evenementen

Geachte heer De Vries,

Bij brief van 14 november 2023, ontvangen op 15 november 2023, heeft u met een beroep op de Wet open overheid (Woo) verzocht om openbaarmaking van documenten over het gebruik van mobiele camera's bij evenementen in de periode van 1 januari 2021 tot en met 31 oktober 2023.

Bij brief van 6 december 2023 is de beslistermijn met twee weken verdaagd. Op 10 januari 2024 heeft u ingestemd met een verdere verlenging tot 20 februari 2024. U bent hierover telefonisch geïnformeerd.

Wettelijk kader

Uw verzoek valt onder de reikwijdte van de Woo. Op grond van artikel 2.5 van de Woo geldt het uitgangspunt dat toegang tot publieke informatie in het belang is van een goede en democratische bestuursvoering. Informatie wordt alleen niet openbaar gemaakt als een van de uitzonderingsgronden van artikel 5.1 of 5.2 van de Woo van toepassing is.

Inventarisatie

Naar aanleiding van uw Woo-verzoek zijn 23 documenten aangetroffen. Deze documenten zijn opgenomen in de inventarislijst die als bijlage bij dit besluit is gevoegd.""",
    """Besluit

Ik heb besloten uw verzoek gedeeltelijk in te willigen. Van de 23 documenten maak ik er 14 volledig openbaar, 7 gedeeltelijk en 2 niet. In de inventarislijst is per document aangegeven welke uitzonderingsgrond is toegepast.

Overwegingen

Persoonlijke levenssfeer. In de documenten staan namen, telefoonnummers en e-mailadressen van medewerkers die niet in de openbaarheid treden en van medewerkers van gemeenten en politie. Het belang van openbaarheid weegt naar mijn oordeel niet op tegen de bescherming van hun persoonlijke levenssfeer (artikel 5.1, tweede lid, onderdeel e, van de Woo). Deze gegevens zijn daarom onleesbaar gemaakt.

Voorkomen van strafbare feiten. Twee documenten bevatten een operationele analyse van de politie over de inzet van camera's bij risicowedstrijden. Openbaarmaking zou de werkwijze van de politie blootgeven en het voorkomen van strafbare feiten kunnen belemmeren (artikel 5.1, tweede lid, onderdeel c, van de Woo). Deze documenten maak ik niet openbaar.

Wijze van openbaarmaking

De documenten worden u digitaal toegezonden. Dit besluit en de openbaar gemaakte documenten worden ook gepubliceerd op open.overheid.nl.

Bezwaar

Tegen dit besluit kunt u binnen zes weken na de dag van bekendmaking bezwaar maken bij de Minister van Justitie en Veiligheid, Postbus 20301, 2500 EH Den Haag.

De Minister van Justitie en Veiligheid,
namens deze,

het hoofd van de afdeling Informatieverzoeken""",
)

_JENV_INVENTARIS = (
    """Bijlage: inventarislijst bij het besluit op het Woo-verzoek over cameratoezicht bij evenementen
(kenmerk 5012345)

Nr. Datum Document Beoordeling Grond
1 12-01-2021 E-mail politie over mobiele camera's Deels openbaar 5.1.2e
2 03-02-2021 Nota aan de minister over cameratoezicht Openbaar
3 15-03-2021 Verslag overleg met burgemeesters Deels openbaar 5.1.2e
4 22-04-2021 Conceptdraaiboek evenementen Openbaar
5 07-06-2021 Operationele analyse politie Niet openbaar 5.1.2c
6 30-06-2021 E-mail gemeente Rotterdam Deels openbaar 5.1.2e
7 14-09-2021 Memo grondslag artikel 151c Gemeentewet Openbaar
8 02-11-2021 Presentatie pilot mobiele camera's Openbaar
9 18-01-2022 E-mail over evaluatie pilot Deels openbaar 5.1.2e
10 09-03-2022 Evaluatierapport pilot Openbaar
11 25-04-2022 Verslag bestuurlijk overleg Openbaar
12 13-06-2022 Operationele analyse risicowedstrijden Niet openbaar 5.1.2c
13 05-09-2022 Brief aan de gemeenten Openbaar
14 21-10-2022 E-mail over privacytoets Deels openbaar 5.1.2e
15 30-11-2022 Gegevensbeschermingseffectbeoordeling Openbaar
16 16-01-2023 Nota over wetswijziging Openbaar
17 08-03-2023 E-mail Autoriteit Persoonsgegevens Deels openbaar 5.1.2e
18 19-04-2023 Verslag ambtelijk overleg Openbaar
19 06-06-2023 Factuur leverancier camera's Openbaar
20 27-06-2023 Kamerbrief over cameratoezicht Openbaar
21 12-09-2023 E-mail over Kamervragen Deels openbaar 5.1.2e
22 03-10-2023 Antwoorden op Kamervragen Openbaar
23 31-10-2023 Planning vervolgonderzoek Openbaar

Toelichting op de gronden: 5.1.2c = het voorkomen en de opsporing van strafbare feiten; 5.1.2e = de eerbiediging van de persoonlijke levenssfeer.""",
)

_MOTIE = (
    """Tweede Kamer der Staten-Generaal
Vergaderjaar 2020–2021

35 570 VII Vaststelling van de begrotingsstaten van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (VII) voor het jaar 2021

Nr. 47 MOTIE VAN HET LID JANSEN C.S.
Voorgesteld 12 november 2020

De Kamer,

gehoord de beraadslaging,

constaterende dat het woningtekort in Nederland is opgelopen tot ruim 330.000 woningen;

constaterende dat de procedure voor het wijzigen van een bestemmingsplan gemiddeld meer dan twee jaar duurt en dat bezwaar- en beroepsprocedures woningbouwprojecten verder vertragen;

overwegende dat gemeenten een sleutelrol hebben bij het versnellen van de woningbouw, maar vaak onvoldoende capaciteit hebben om vergunningen tijdig te verlenen;

verzoekt de regering, samen met de VNG en de provincies een versnellingsaanpak op te stellen waarmee de doorlooptijd van bestemmingsplanprocedures voor woningbouwprojecten wordt gehalveerd, en de Kamer hierover voor 1 april 2021 te informeren;

verzoekt de regering tevens, gemeenten die te weinig ambtelijke capaciteit hebben tijdelijk te ondersteunen met een flexibele pool van planologen en juristen,

en gaat over tot de orde van de dag.

Jansen
Van der Meer
El Idrissi""",
)

_VWS_RAPPORT = (
    """Gezondheid en zorg in de regio

Een verkenning van de toegankelijkheid van de gezondheidszorg tot 2030

Rapport in opdracht van het Ministerie van Volksgezondheid, Welzijn en Sport
Juni 2022

Samenvatting

De vraag naar zorg stijgt de komende jaren sterk. Door de vergrijzing neemt het aantal mensen met meerdere chronische aandoeningen toe, terwijl het aantal mensen dat in de zorg werkt niet in hetzelfde tempo kan groeien. Nu werkt ongeveer een op de zeven werkenden in de zorg en het welzijn. Als het beleid niet verandert, zou dat in 2040 een op de vier moeten zijn. Dat is niet realistisch en ook niet wenselijk.

In dit rapport brengen wij per regio in kaart hoe de toegankelijkheid van de gezondheidszorg zich ontwikkelt. Wij kijken daarbij naar de huisartsenzorg, de acute zorg, de wijkverpleging en de geestelijke gezondheidszorg. De verschillen tussen regio's blijken groot. In delen van Zeeland, Groningen en de Kop van Noord-Holland moeten inwoners nu al ver reizen naar een spoedeisende hulp en is het lastig een huisarts te vinden die nieuwe patiënten inschrijft.

De belangrijkste conclusie is dat de toegankelijkheid van zorg alleen kan worden behouden als zorgaanbieders, zorgverzekeraars en gemeenten in de regio samen keuzes maken. Wij doen daarvoor vijf aanbevelingen.""",
    """1 Inleiding

De Minister van Volksgezondheid, Welzijn en Sport heeft ons gevraagd te onderzoeken hoe de toegankelijkheid van de gezondheidszorg zich tot 2030 ontwikkelt en welke regio's het eerst met tekorten te maken krijgen. De vraag komt voort uit de afspraken in het Integraal Zorgakkoord, waarin partijen hebben vastgelegd dat passende zorg het uitgangspunt wordt.

Voor dit onderzoek hebben wij gegevens gebruikt van het CBS, de Nederlandse Zorgautoriteit en Vektis over de periode 2015 tot en met 2021. Daarnaast hebben wij in vier regio's gesprekken gevoerd met huisartsen, wijkverpleegkundigen, bestuurders van ziekenhuizen, wethouders en medewerkers van zorgverzekeraars.

2 Gezondheid van de bevolking

De gezondheid van Nederlanders is de afgelopen decennia sterk verbeterd. De levensverwachting bij geboorte is gestegen tot ruim 81 jaar. Tegelijk leven steeds meer mensen langer met een of meer chronische ziekten, zoals diabetes, hartfalen of artrose. Ongeveer 9,5 miljoen mensen hebben ten minste één chronische aandoening.

Er zijn grote verschillen in gezondheid tussen groepen. Mensen met een laag inkomen leven gemiddeld zeven jaar korter, en vijftien jaar korter in goed ervaren gezondheid, dan mensen met een hoog inkomen. Deze verschillen zijn ook regionaal zichtbaar: in Zuid-Limburg en Oost-Groningen is de ervaren gezondheid beduidend lager dan in de Randstad.""",
    """3 Toegankelijkheid per sector

Huisartsenzorg. Het aantal praktijken dat geen nieuwe patiënten meer inschrijft, is tussen 2019 en 2021 verdubbeld. Vooral in groeigemeenten met veel nieuwbouw is het moeilijk een huisarts te vinden. Huisartsen noemen de administratieve lasten en de zorg voor kwetsbare ouderen thuis als grootste knelpunten.

Acute zorg. De bereikbaarheid van de spoedeisende hulp binnen 45 minuten is landelijk goed, maar staat in enkele dunbevolkte regio's onder druk. Door personeelstekorten moeten afdelingen steeds vaker tijdelijk sluiten.

Wijkverpleging. De vraag naar wijkverpleging groeit met ongeveer 4 procent per jaar. Wijkteams kunnen niet alle aanvragen tijdig oppakken, waardoor ouderen langer in het ziekenhuis blijven dan medisch nodig is.

Geestelijke gezondheidszorg. De wachttijden in de ggz zijn in alle regio's langer dan de treeknorm. Vooral jongeren en mensen met complexe problematiek wachten lang.

4 Aanbevelingen

1. Maak per regio één gezamenlijk beeld van de zorgvraag en het zorgaanbod en actualiseer dat jaarlijks.
2. Verlaag de administratieve lasten voor huisartsen en wijkverpleegkundigen, onder meer door minder verantwoordingseisen.
3. Investeer in preventie en in de samenwerking tussen het sociaal domein van gemeenten en de zorg.
4. Zet digitale zorg in waar dat kan, zodat schaarse zorgverleners hun tijd besteden aan de patiënten die hen het hardst nodig hebben.
5. Geef zorgverzekeraars een duidelijke regierol bij de keuzes over de spreiding van de acute zorg.""",
)

_VERORDENING = (
    """GEMEENTEBLAD
Officiële uitgave van de gemeente Westerdijk
Nr. 84213, 27 juni 2024

Verordening adviesrecht buitenplanse omgevingsplanactiviteiten gemeente Westerdijk 2024

De raad van de gemeente Westerdijk;

gelezen het voorstel van burgemeester en wethouders van 21 mei 2024;

gelet op artikel 16.15a, onder b, onder 1°, van de Omgevingswet;

besluit vast te stellen de volgende verordening:

Artikel 1 Begripsbepalingen

In deze verordening wordt verstaan onder:
a. buitenplanse omgevingsplanactiviteit: activiteit als bedoeld in de bijlage bij artikel 1.1 van de Omgevingswet;
b. bestemmingsplan: een bestemmingsplan dat op grond van artikel 22.1 van de Omgevingswet deel uitmaakt van het omgevingsplan van de gemeente;
c. college: het college van burgemeester en wethouders van de gemeente Westerdijk.

Artikel 2 Gevallen waarin advies van de raad nodig is

1. Een omgevingsvergunning voor een buitenplanse omgevingsplanactiviteit wordt alleen verleend na bindend advies van de raad, als de activiteit betrekking heeft op:
a. de bouw van meer dan twintig woningen;
b. een bedrijfsgebouw met een oppervlakte van meer dan 2.500 vierkante meter;
c. een windturbine of een zonnepark groter dan één hectare;
d. de sloop van een gemeentelijk monument.
2. Het eerste lid is niet van toepassing op een activiteit die in overeenstemming is met een door de raad vastgestelde omgevingsvisie of een programma.""",
    """Artikel 3 Procedure

1. Het college legt het ontwerpbesluit op de aanvraag om een omgevingsvergunning, voorzien van een ruimtelijke onderbouwing, voor aan de raad.
2. De raad brengt binnen acht weken na ontvangst advies uit.
3. Het college stelt de aanvrager en belanghebbenden in de gelegenheid hun zienswijze naar voren te brengen voordat het ontwerpbesluit aan de raad wordt voorgelegd.

Artikel 4 Participatie

Het college kan de aanvrager van een omgevingsvergunning verplichten om voorafgaand aan de aanvraag omwonenden en andere belanghebbenden te informeren en hun mening te vragen, als de activiteit betrekking heeft op een geval als bedoeld in artikel 2, eerste lid.

Artikel 5 Overgangsrecht

Op aanvragen om een omgevingsvergunning die voor de inwerkingtreding van deze verordening zijn ingediend, blijft het recht van toepassing zoals dat gold voor die inwerkingtreding.

Artikel 6 Inwerkingtreding en citeertitel

1. Deze verordening treedt in werking op de dag na die van bekendmaking.
2. Deze verordening wordt aangehaald als: Verordening adviesrecht buitenplanse omgevingsplanactiviteiten Westerdijk 2024.

Aldus vastgesteld in de openbare vergadering van de raad van 27 juni 2024.

De griffier,
mr. A.M. Bosman

De voorzitter,
drs. P.J. de Boer""",
)

_IENW_PERSBERICHT = (
    """Persbericht

Kabinet investeert 1,6 miljard euro in bereikbaarheid en onderhoud van wegen

Nieuwsbericht | 8 juli 2019 | Ministerie van Infrastructuur en Waterstaat

Het kabinet investeert de komende jaren 1,6 miljard euro in de bereikbaarheid van Nederland. Het geld gaat naar het verbreden van drukke snelwegen, het onderhoud van bruggen en viaducten en betere verbindingen met het openbaar vervoer. Dat heeft de minister van Infrastructuur en Waterstaat vandaag bekendgemaakt na afloop van het Bestuurlijk Overleg MIRT met de regio's.

Files nemen weer toe

Na een daling tijdens de economische crisis nemen de files op de Nederlandse wegen sinds 2014 weer toe. In 2018 stonden weggebruikers bijna 30 procent langer in de file dan een jaar eerder. Vooral rond Amsterdam, Utrecht en Eindhoven is de bereikbaarheid onder druk komen te staan.

„Mensen moeten op tijd op hun werk kunnen komen en bedrijven moeten hun goederen kunnen vervoeren”, aldus de minister. „Daarom pakken we de grootste knelpunten aan, maar we kijken verder dan asfalt alleen. De fiets, thuiswerken en het openbaar vervoer zijn net zo belangrijk.”

Onderhoud van wegen en bruggen

Een groot deel van de wegen, bruggen en tunnels in Nederland is in de jaren zestig en zeventig aangelegd en nadert het einde van de levensduur. Rijkswaterstaat krijgt daarom 650 miljoen euro extra voor vervanging en renovatie. De werkzaamheden worden zo veel mogelijk 's nachts en in het weekend uitgevoerd om de hinder voor het verkeer te beperken.

Noot voor de redactie

Voor meer informatie kunt u contact opnemen met de afdeling Communicatie van het Ministerie van Infrastructuur en Waterstaat.""",
)

_OCW_BRIEF = (
    """Ministerie van Onderwijs, Cultuur en Wetenschap

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Postbus 20018
2500 EA Den Haag

Den Haag, 18-12-2024
Onderwerp: Sociale veiligheid van kinderen op scholen

Geachte voorzitter,

Kinderen moeten zich veilig voelen op school. Alleen dan kunnen zij zich goed ontwikkelen en met plezier leren. Uit de Monitor Sociale Veiligheid 2024 blijkt dat de meeste leerlingen zich veilig voelen, maar dat ongeveer een op de tien kinderen in het basisonderwijs maandelijks wordt gepest. Op scholen in het voortgezet onderwijs melden leerlingen vaker online pesten en intimidatie via sociale media dan twee jaar geleden.

In deze brief informeer ik uw Kamer over de uitkomsten van de monitor, over de voortgang van het wetsvoorstel vrij en veilig onderwijs en over de maatregelen die ik neem om scholen te ondersteunen.

Uitkomsten van de monitor

De monitor laat zien dat kinderen die zich thuis of in de klas niet gezien voelen, vaker slachtoffer zijn van pesten. Ook leerlingen met een beperking voelen zich minder veilig. Leraren geven aan dat zij zich niet altijd voldoende toegerust voelen om pesten in een vroeg stadium te herkennen.""",
    """Maatregelen

Ten eerste versterk ik de positie van de vertrouwenspersoon. Iedere school krijgt de plicht om leerlingen, ouders en personeel toegang te geven tot een onafhankelijke vertrouwenspersoon. Het wetsvoorstel hiervoor is op 1 november 2024 bij uw Kamer ingediend.

Ten tweede stel ik vanaf 2025 jaarlijks 8 miljoen euro beschikbaar voor scholingsprogramma's voor leraren en schoolleiders. Scholen kunnen daarbij gebruikmaken van bewezen effectieve antipestprogramma's.

Ten derde vraag ik de Inspectie van het Onderwijs om in het toezicht meer aandacht te besteden aan de manier waarop scholen signalen van kinderen oppakken. Scholen moeten kunnen laten zien dat zij incidenten registreren en dat zij ouders tijdig betrekken.

Tot slot

Een veilige school is een gezamenlijke verantwoordelijkheid van leraren, schoolleiders, ouders en leerlingen zelf. Ik blijf daarover in gesprek met de onderwijsorganisaties, met de ouderorganisaties en met het Landelijk Aktie Komitee Scholieren. In het voorjaar van 2025 informeer ik uw Kamer over de voortgang.

De minister van Onderwijs, Cultuur en Wetenschap""",
)

_LNV_STIKSTOF = (
    """Beleidsnota

Perspectief voor boeren en herstel van de natuur
De aanpak van stikstof in het landelijk gebied

Ministerie van Landbouw, Natuur en Voedselkwaliteit
November 2022

1 Aanleiding

Nederland staat voor een grote opgave. De neerslag van stikstof op kwetsbare natuur is in veel Natura 2000-gebieden al jarenlang te hoog. Daardoor gaan heidevelden, duinen en hoogvenen achteruit en verdwijnen planten en dieren die op voedselarme grond zijn aangewezen. Sinds de uitspraak van de Raad van State van 29 mei 2019 over het Programma Aanpak Stikstof kunnen veel projecten, van woningbouw tot de aanleg van wegen, niet zonder meer een vergunning krijgen.

Tegelijk hebben veel boeren grote onzekerheid over hun toekomst. Zij willen weten waar zij aan toe zijn voordat zij investeren in hun bedrijf of het bedrijf overdragen aan een volgende generatie. Deze nota beschrijft hoe het kabinet het herstel van de natuur wil combineren met een goed toekomstperspectief voor de landbouw.

2 Doelen

Het kabinet houdt vast aan het doel dat in 2030 ten minste 74 procent van het areaal stikstofgevoelige natuur onder de kritische depositiewaarde komt. Daarvoor moet de uitstoot van stikstof uit de landbouw, de industrie, het verkeer en de bouw fors omlaag. De landbouw is verantwoordelijk voor ongeveer 46 procent van de stikstofdepositie in Nederland en draagt daarom een groot deel van de opgave.""",
    """3 Gebiedsgerichte aanpak

De provincies stellen voor 1 juli 2023 gebiedsprogramma's op. Daarin leggen zij per gebied vast hoe de doelen voor stikstof, water en klimaat worden gehaald. Boeren, natuurorganisaties, waterschappen en gemeenten worden vanaf het begin bij de gebiedsprocessen betrokken. Het Rijk stelt hiervoor via het Transitiefonds landelijk gebied en natuur tot 2035 in totaal 24,3 miljard euro beschikbaar.

Boeren die willen extensiveren of omschakelen naar kringlooplandbouw, kunnen gebruikmaken van subsidies voor emissiearme stallen, voor aanpassingen in het voer en voor het omzetten van landbouwgrond in natuur. Boeren die willen stoppen, kunnen vrijwillig deelnemen aan de landelijke beëindigingsregelingen voor veehouderijlocaties.

4 Perspectief voor boeren

Een gezonde toekomst voor de landbouw vraagt om een eerlijke prijs voor duurzaam geproduceerd voedsel. Het kabinet maakt afspraken met banken, supermarkten en de zuivel- en vleesindustrie over een beloning voor boeren die investeren in natuur en landschap. Daarnaast wordt het meten van de stikstofuitstoot op bedrijfsniveau eenvoudiger, zodat boeren worden beloond voor hun eigen prestaties in plaats van voor het gebruik van voorgeschreven middelen.

5 Vervolg

Het kabinet informeert de Tweede Kamer twee keer per jaar over de voortgang van de gebiedsprogramma's en over de ontwikkeling van de stikstofdepositie. In 2025 volgt een eerste evaluatie van de aanpak.""",
)

_KGG_PRESS_RELEASE_EN = (
    """Press release

Netherlands raises its offshore wind ambition for the North Sea

News item | 2 October 2024 | Ministry of Climate and Green Growth

The Dutch government will tender two new offshore wind farm sites in the North Sea next year, bringing the total planned capacity to 21 gigawatts by 2032. The Minister of Climate and Green Growth announced the plans today in a letter to the House of Representatives.

Offshore wind is expected to supply around three quarters of the electricity currently used in the Netherlands. "The North Sea is our largest power station," the minister said. "By building wind farms now, we reduce our dependence on imported gas and keep energy affordable for households and businesses."

Nature and fisheries

The new wind farms will be built with extra care for nature. Developers must use quieter construction methods to protect porpoises and seals, and part of each site will be designed to help fish stocks recover. The government will also consult fishing communities on access routes through the wind farm areas.

Grid connection

The national grid operator will connect the wind farms to the onshore grid through new converter stations in the provinces of Noord-Holland, Zuid-Holland and Zeeland. Municipalities along the coast will be involved in planning the cable routes and onshore stations.

Notes to editors

The letter to Parliament and the underlying studies are available on the government website. For more information, please contact the press office of the Ministry of Climate and Green Growth.""",
)

_VRO_BROCHURE = (
    """Verbouwen of uitbouwen? Zo weet u of u een vergunning nodig heeft

Heeft u ideeën voor een dakkapel, een uitbouw of een nieuwe schuur in de tuin? Dan wilt u natuurlijk weten of u daarvoor toestemming nodig heeft. Sinds 1 januari 2024 geldt de Omgevingswet. Veel kleine verbouwingen zijn vergunningvrij, maar voor andere heeft u een omgevingsvergunning nodig.

Begin met de Vergunningcheck

Op het Omgevingsloket kunt u met de Vergunningcheck nagaan welke regels gelden voor uw plan. U vult uw adres in en beantwoordt een aantal vragen over de verbouwing. Daarna ziet u of u een vergunning moet aanvragen, een melding moet doen of zonder vergunning aan de slag kunt.

Wat staat er in het omgevingsplan?

Iedere gemeente heeft een omgevingsplan met regels voor het bouwen en het gebruik van gebouwen en grond. Het oude bestemmingsplan is sinds 2024 onderdeel van dat omgevingsplan. Daarin staat bijvoorbeeld hoe hoog u mag bouwen, hoeveel van uw perceel bebouwd mag worden en of u in uw woning een bedrijf aan huis mag hebben.

Vergunningvrij bouwen

Aan de achterkant van uw huis mag u vaak zonder vergunning een uitbouw tot vier meter diep bouwen, zolang die niet hoger is dan de eerste verdieping. Ook een dakkapel aan de achterkant is meestal vergunningvrij. Let op: voor een monument of een woning in een beschermd stads- of dorpsgezicht gelden strengere regels.""",
    """Een omgevingsvergunning aanvragen

Heeft u wel een vergunning nodig? Dan dient u de aanvraag digitaal in via het Omgevingsloket. Voeg tekeningen, een situatieschets en foto's van de huidige situatie toe. De gemeente beslist binnen acht weken. Deze termijn kan één keer met zes weken worden verlengd. Voor grotere plannen die afwijken van het omgevingsplan geldt een procedure van zes maanden.

Praat met uw buren

Bespreek uw plannen op tijd met de buren. Zij kunnen bezwaar maken tegen een verleende vergunning. Als u hen vooraf betrekt, voorkomt u vaak vertraging en onenigheid. Sommige gemeenten vragen bij de aanvraag om een verslag van dit gesprek.

Kosten

Voor het behandelen van een aanvraag betaalt u leges aan de gemeente. De hoogte daarvan verschilt per gemeente en hangt meestal af van de bouwkosten. Een melding is in de meeste gemeenten gratis.

Meer informatie

Kijk op het Omgevingsloket of neem contact op met uw gemeente. Met vragen over vergunningen voor een monument kunt u ook terecht bij de Rijksdienst voor het Cultureel Erfgoed.""",
)

_DEF_ONTVANGSTBEVESTIGING = (
    """Ministerie van Defensie
Postbus 20701
2500 ES Den Haag

Datum: 30 mei 2023
Onderwerp: Ontvangstbevestiging van uw Woo-verzoek

Geachte mevrouw Visser,

Op 24 mei 2023 hebben wij uw verzoek op grond van de Wet open overheid ontvangen. U vraagt om documenten over oefeningen met laagvliegende helikopters boven de Waddenzee in 2022.

Wij beslissen binnen vier weken na ontvangst op uw verzoek. Deze termijn kan met twee weken worden verlengd. Als uw verzoek betrekking heeft op documenten van derden, vragen wij hun eerst om hun zienswijze.

Met vriendelijke groet,

de coördinator Woo-verzoeken""",
)

_EZK_NOTA = (
    """Nota

Aan: de Staatssecretaris van Economische Zaken en Klimaat
Van: directie Bedrijfsleven en Innovatie
Datum: 1 maart 2019
Onderwerp: Ideeën uit de ronde tafel over regeldruk voor het mkb

Aanleiding

Op 12 februari heeft u met twaalf ondernemers uit het midden- en kleinbedrijf gesproken over regeldruk. In deze nota vatten wij de ideeën uit dat gesprek samen en geven wij aan welke voorstellen op korte termijn kunnen worden uitgewerkt.

Belangrijkste knelpunten

Ondernemers ervaren vooral last van de stapeling van vergunningen en meldingen bij verschillende overheden. Wie een horecazaak wil openen, heeft te maken met een exploitatievergunning, een drank- en horecavergunning, een terrasvergunning en soms een omgevingsvergunning. De regels verschillen bovendien per gemeente, wat het voor ondernemers met vestigingen in meerdere gemeenten extra ingewikkeld maakt.

Daarnaast noemden de ondernemers de lange doorlooptijden bij het aanvragen van subsidies en de vele gegevens die zij meermaals moeten aanleveren bij verschillende instanties.

Voorstellen

1. Eén digitaal loket voor alle vergunningen die een ondernemer bij de gemeente nodig heeft.
2. Een pilot met vijf gemeenten om de regels voor terrassen en evenementen te harmoniseren.
3. Het eenmalig uitvragen van bedrijfsgegevens via het Handelsregister.

Advies

Wij adviseren u de voorstellen 1 en 3 op te nemen in het actieprogramma regeldruk dat voor de zomer naar de Tweede Kamer gaat, en over voorstel 2 eerst met de VNG te overleggen.""",
)


DEMO_DOCUMENTS = (
    DemoDocument(
        "kamerbrief-omgevingsvergunningen-noord-holland.pdf",
        _BZK_OMGEVINGSVERGUNNINGEN,
        "json",
        "Kamerbrief over de voortgang van omgevingsvergunningen en de Omgevingswet in Noord-Holland",
        MIN_BZK,
        T_BRIEF,
        "2023-03-14",
        CAT_INGEKOMEN,
        pdf_title="Kamerbrief voortgang omgevingsvergunningen Noord-Holland",
        author="Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        hyphenate_at=("Noord-Holland", "Rijks|dienst"),
    ),
    DemoDocument(
        "beslisnota-financiele-positie-gemeenten.pdf",
        _FIN_BESLISNOTA,
        "json",
        "Beslisnota over de financiële positie van gemeenten en het gemeentefonds",
        MIN_FIN,
        T_BESLISNOTA,
        "2021-10-05",
        pdf_title="Beslisnota financiële positie gemeenten",
        author="Directie Rijksbegroting",
    ),
    DemoDocument(
        "besluit-woo-verzoek-cameratoezicht.pdf",
        _JENV_WOO_BESLUIT,
        "json",
        "Besluit op Woo-verzoek over cameratoezicht bij evenementen",
        MIN_JENV,
        T_WOO_BESLUIT,
        "2024-02-20",
        CAT_WOO,
        pdf_title="Besluit Woo-verzoek cameratoezicht evenementen",
    ),
    DemoDocument(
        "inventarislijst-woo-verzoek-cameratoezicht.pdf",
        _JENV_INVENTARIS,
        "csv",
        "Inventarislijst bij besluit op Woo-verzoek over cameratoezicht",
        MIN_JENV,
        T_WOO_BESLUIT,
        "2024-02-20",
        CAT_WOO,
        pdf_title="Inventarislijst",
    ),
    DemoDocument(
        "motie-jansen-bestemmingsplanprocedures.pdf",
        _MOTIE,
        "",
        pdf_title="Motie van het lid Jansen c.s. over het versnellen van bestemmingsplanprocedures",
    ),
    DemoDocument(
        "rapport-gezondheid-en-zorg-in-de-regio.pdf",
        _VWS_RAPPORT,
        "json",
        "Gezondheid en zorg in de regio: toegankelijkheid van de gezondheidszorg tot 2030",
        MIN_VWS,
        T_ONDERZOEKSRAPPORT,
        "2022-06-30",
        CAT_ONDERZOEK,
        pdf_title="Gezondheid en zorg in de regio",
        author="Ministerie van VWS",
    ),
    DemoDocument(
        "gemeenteblad-westerdijk-2024-84213.pdf",
        _VERORDENING,
        "csv",
        "Verordening adviesrecht buitenplanse omgevingsplanactiviteiten Westerdijk 2024",
        "",
        T_GEMEENTEBLAD,
        "2024-06-27",
        CAT_WETTEN,
        pdf_title="Gemeenteblad 2024, 84213",
    ),
    DemoDocument(
        "persbericht-bereikbaarheid-en-onderhoud-wegen.pdf",
        _IENW_PERSBERICHT,
        "json",
        "Kabinet investeert 1,6 miljard euro in bereikbaarheid en onderhoud van wegen",
        MIN_IENW,
        T_PERSBERICHT,
        "2019-07-08",
        pdf_title="Persbericht bereikbaarheid en wegen",
    ),
    DemoDocument(
        "kamerbrief-sociale-veiligheid-scholen.pdf",
        _OCW_BRIEF,
        "",
        pdf_title="Kamerbrief over sociale veiligheid van kinderen op scholen",
    ),
    DemoDocument(
        "beleidsnota-stikstof-perspectief-boeren.pdf",
        _LNV_STIKSTOF,
        "json",
        "Beleidsnota Perspectief voor boeren en herstel van de natuur",
        MIN_LNV_2022,
        T_BELEIDSNOTA,
        "2022-11-25",
        pdf_title="Beleidsnota stikstof",
        author="LNV",
        hyphenate_at=("Transitie|fonds",),
    ),
    DemoDocument(
        "press-release-offshore-wind-north-sea.pdf",
        _KGG_PRESS_RELEASE_EN,
        "json",
        "Netherlands raises its offshore wind ambition for the North Sea",
        MIN_KGG,
        T_PERSBERICHT,
        "2024-10-02",
        pdf_title="Press release offshore wind",
    ),
    DemoDocument(
        "brochure-verbouwen-vergunning.pdf",
        _VRO_BROCHURE,
        "json",
        "Verbouwen of uitbouwen? Zo weet u of u een vergunning nodig heeft",
        MIN_VRO,
        T_BROCHURE,
        "2024-09-16",
        pdf_title="Brochure verbouwen en vergunningen",
        two_column=True,
    ),
    DemoDocument(
        "ontvangstbevestiging-woo-verzoek-scan.pdf",
        _DEF_ONTVANGSTBEVESTIGING,
        "json",
        "Ontvangstbevestiging Woo-verzoek laagvliegende helikopters Waddenzee",
        MIN_DEF,
        T_BRIEF,
        "2023-05-30",
        CAT_WOO,
        kind="scan",
    ),
    DemoDocument("20190301_nota.pdf", _EZK_NOTA, "", pdf_title="Microsoft Word - 20190301_nota.docx"),
    DemoDocument(
        "kamerbrief-rijksbegroting-2022.pdf",
        (),
        "json",
        "Kamerbrief bij de aanbieding van de Miljoenennota en de Rijksbegroting 2022",
        MIN_FIN,
        T_BRIEF,
        "2021-09-21",
        CAT_INGEKOMEN,
        kind="truncated",
    ),
    DemoDocument(
        "rapport-jeugdzorg-2021.pdf",
        (),
        "csv",
        "Rapport over de wachttijden in de jeugdzorg 2021",
        MIN_VWS,
        T_RAPPORT,
        "2021-04-15",
        kind="fake",
    ),
)

# The TOP-lijst themes a publication platform would give each document (labels of search.vocabularies.themes()),
# written into its sidecar or manifest row; documents without metadata have none.
DEMO_THEMES = {
    "kamerbrief-omgevingsvergunningen-noord-holland.pdf": ("ruimtelijke ordening",),
    "beslisnota-financiele-positie-gemeenten.pdf": ("begroting",),
    "besluit-woo-verzoek-cameratoezicht.pdf": ("veiligheid",),
    "inventarislijst-woo-verzoek-cameratoezicht.pdf": ("veiligheid",),
    "rapport-gezondheid-en-zorg-in-de-regio.pdf": ("zorg en gezondheid",),
    "gemeenteblad-westerdijk-2024-84213.pdf": ("ruimtelijke ordening",),
    "persbericht-bereikbaarheid-en-onderhoud-wegen.pdf": ("rail- en wegverkeer",),
    "beleidsnota-stikstof-perspectief-boeren.pdf": (
        "landbouw, visserij, voedselkwaliteit",
        "natuur- en landschapsbeheer",
    ),
    "press-release-offshore-wind-north-sea.pdf": ("energie",),
    "brochure-verbouwen-vergunning.pdf": ("bouwen en verbouwen",),
    "ontvangstbevestiging-woo-verzoek-scan.pdf": ("defensie",),
    "kamerbrief-rijksbegroting-2022.pdf": ("begroting",),
    "rapport-jeugdzorg-2021.pdf": ("jeugdzorg",),
}
