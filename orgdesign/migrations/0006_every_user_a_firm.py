"""Every existing account gets a firm of its own, with itself as owner; its clients (and
through them its scenarios, versions and share links) and its branding move into it."""

from django.conf import settings
from django.db import migrations

NAME_MAX = 200


def firm_name(user) -> str:
    full = f"{user.first_name} {user.last_name}".strip()
    return f"{full or user.username}'s firm"[:NAME_MAX]


def forwards(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Firm = apps.get_model("orgdesign", "Firm")
    Membership = apps.get_model("orgdesign", "Membership")
    Client = apps.get_model("orgdesign", "Client")
    Branding = apps.get_model("orgdesign", "Branding")
    for user in User.objects.filter(membership__isnull=True).order_by("pk").iterator():
        firm = Firm.objects.create(name=firm_name(user))
        Membership.objects.create(firm=firm, user=user, role="owner")
        Client.objects.filter(owner=user, firm__isnull=True).update(firm=firm)
        Branding.objects.filter(owner=user, firm__isnull=True).update(firm=firm)


def backwards(apps, schema_editor):
    Client = apps.get_model("orgdesign", "Client")
    Branding = apps.get_model("orgdesign", "Branding")
    Firm = apps.get_model("orgdesign", "Firm")
    Client.objects.update(firm=None)
    Branding.objects.update(firm=None)
    Firm.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orgdesign", "0005_firms"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
