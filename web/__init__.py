"""The public front end (Dutch, server-rendered, works without JavaScript) and the JSON API."""

from .app import create_app

__all__ = ["create_app"]
