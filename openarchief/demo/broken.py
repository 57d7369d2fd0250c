"""The broken files of the demo archive: what a careless download leaves behind, for `openarchief demo` to show
how ingest reports a file it cannot read."""

from __future__ import annotations

from pathlib import Path

from .pdf import text_pdf_bytes, write_file


def write_truncated_pdf(path: Path) -> Path:
    """A valid text PDF cut off halfway: the header is there, the xref table and trailer are not."""
    data = text_pdf_bytes([_BROKEN_TEXT], "Kamerbrief over de Rijksbegroting 2022", None, False, ())
    return write_file(path, data[: len(data) // 2])


def write_fake_pdf(path: Path) -> Path:
    """An HTML error page saved under a .pdf name, as a careless download would."""
    return write_file(path, _FAKE_HTML.encode("utf-8"))


_BROKEN_TEXT = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Postbus 20018
2500 EA Den Haag

Datum: 21 september 2021
Betreft: Aanbieding van de Miljoenennota en de Rijksbegroting 2022

Geachte voorzitter,

Hierbij bied ik u, mede namens de Staatssecretarissen van Financiën, de Miljoenennota 2022 en de begrotingen van de departementen en de begrotingsfondsen voor het jaar 2022 aan. Het kabinet is demissionair en heeft zich bij het opstellen van deze begroting terughoudend opgesteld. Nieuw beleid laat het kabinet zo veel mogelijk aan een volgend kabinet.

De economie herstelt sneller van de coronacrisis dan eerder werd verwacht. Het Centraal Planbureau raamt de economische groei voor 2022 op 3,5 procent en de werkloosheid op 3,5 procent van de beroepsbevolking. Het begrotingstekort daalt naar verwachting van 5,9 procent in 2021 naar 2,2 procent in 2022. De staatsschuld komt uit op ongeveer 56 procent van het bruto binnenlands product.

Het kabinet trekt extra middelen uit voor de aanpak van problemen die niet kunnen wachten, zoals de woningbouw, de jeugdzorg, het klimaat en de herstelregeling voor ouders die door de toeslagenaffaire zijn getroffen. Daarnaast wordt de koopkracht van huishoudens met de laagste inkomens ondersteund.

De Minister van Financiën"""

_FAKE_HTML = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Pagina niet gevonden | Rijksoverheid</title>
</head>
<body>
<header><a href="/">Rijksoverheid</a></header>
<main>
<h1>Pagina niet gevonden</h1>
<p>De pagina die u zoekt bestaat niet (meer) of is verplaatst. Gebruik de zoekfunctie of ga naar de
<a href="/">homepage</a>.</p>
</main>
</body>
</html>
"""
