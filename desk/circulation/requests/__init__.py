"""Requests that bring a book to a patron without the patron fetching it (SOP 5.3.9, 5.11,
5.12): delivery between locations, missing-book searches and withdrawn-area retrieval, and the
per-location pull list that gathers them with the holds to pull."""
