"""Routes of the workspace area (joined into the "orgdesign" namespace by orgdesign/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
