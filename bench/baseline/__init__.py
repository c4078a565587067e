"""A minimal django-formtools wizard: the baseline the app's wizard pages are measured against."""
