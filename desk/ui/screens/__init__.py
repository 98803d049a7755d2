"""The modes of the main window, one module per screen (checkout, checkin, renew, ...)."""
