"""The official table of an edition: reading and writing it (table.py), loading it as a
reviewed change set (tableimport.py), and the public exports (exports.py)."""
