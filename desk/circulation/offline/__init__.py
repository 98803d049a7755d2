"""Outages (SOP 5.8, DESIGN.md section 7): the offline journal, the last known copy of patrons
and items, the offline desk, keyed-in manual slips, Koha .koc files and the replay that applies
them all through the circulation API. Pure Python: no Qt, no devices."""
