"""The terminal as a channel: `digibot chat` (chat.py) and its delivery (delivery.py)."""
