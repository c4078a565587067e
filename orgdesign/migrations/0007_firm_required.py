import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orgdesign", "0006_every_user_a_firm")]

    operations = [
        migrations.AlterField(
            model_name="client",
            name="firm",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="clients",
                to="orgdesign.firm",
            ),
        ),
        migrations.AlterField(
            model_name="branding",
            name="firm",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="branding",
                to="orgdesign.firm",
            ),
        ),
    ]
