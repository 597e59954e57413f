"""The site\x27s link checker (placeholder while it moves out of scripts/)."""
