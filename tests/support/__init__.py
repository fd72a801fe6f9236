"""Shared test helpers: building sites, serving them on 127.0.0.1, driving Chromium."""
