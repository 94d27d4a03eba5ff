"""Identity: one auth service for the API, the pages, the mini-apps and the bots.

sessions (tokens and refresh rotation), passwords, otp, telegram, google.
"""
