"""What a document's own text says about a Woo dossier — is it a decision letter, does it hold an inventory
table — read once, in the worker that extracted it (the pipeline's parent process stays free for writing)."""

from __future__ import annotations

from openarchief.search.model import Document

from .decision import detect_decision
from .inventory_pdf import parse_inventory


def read_facts(doc: Document) -> dict:
    """{"decision": {kind, kenmerk, date, subject, title} or None, "rows": [inventory rows as JSON]}."""
    decision = detect_decision([p.text for p in doc.pages])
    rows = parse_inventory(doc.pages)
    return {
        "decision": decision.__dict__ | {"date": decision.date.isoformat() if decision.date else None}
        if decision
        else None,
        "rows": [r.model_dump(mode="json") | {"listed_in": doc.id} for r in rows],
    }


def says_anything(facts: dict) -> bool:
    return bool(facts["decision"] or facts["rows"])
