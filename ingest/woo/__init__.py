"""Woo dossiers from the files themselves: decision letters, inventories (PDF tables and spreadsheets), stamped
grounds for refusal, and the assembly of dossiers from them."""
