"""The app's routes, one module per area; orgdesign/urls.py joins them in one namespace."""
