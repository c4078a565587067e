"""The app's routes, one module per area; orgdesign/urls.py joins them in one namespace.

Ids in routes use the `<id:...>` converter (orgdesign.http.IdConverter): ASCII digits
within the database's range, anything else is a 404 before a view runs.
"""

from django.urls import register_converter

from orgdesign.http import IdConverter

register_converter(IdConverter, "id")
