"""The SIP2 server for self-check machines, book-return machines and security gates
(``python -m desk sip2 serve``): ``codec`` frames messages, ``session`` answers one
terminal's messages through the desk's ``Circulation`` API (same rules, refusals, audit and
wording), ``server`` accepts the connections. No Qt; the circulation layer does the work.
"""
