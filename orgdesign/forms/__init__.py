"""Forms of the app, one module per area (wizard.py for the questionnaire)."""
