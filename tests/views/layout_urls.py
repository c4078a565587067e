"""A throwaway URLconf that renders the bare base layout, for layout tests."""

from django.shortcuts import render
from django.urls import path


def base_page(request):
    return render(request, "_base.html")


urlpatterns = [path("", base_page)]
