"""Printed documents that are not receipt-printer slips: the replay report and the blank
manual checkout / return slip forms (A4 and A5 PDF)."""
