"""The shipped catalogue data (data/): reading it (sources.py), following entries through the
editions (lineage.py) and loading it through the catalogue services (loading.py)."""
