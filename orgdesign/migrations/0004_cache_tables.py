"""The tables of the database caches (CACHES in advisor/settings.py), so `migrate` alone
prepares a new or upgraded database. Nothing to do when the caches are in Redis."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("orgdesign", "0003_role_model_names"),
    ]

    operations = [
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop, elidable=True),
    ]
