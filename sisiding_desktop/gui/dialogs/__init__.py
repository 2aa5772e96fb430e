"""Dialogs: import preview, export, plan properties, settings."""
