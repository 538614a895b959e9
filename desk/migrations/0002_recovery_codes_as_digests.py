"""Recovery codes made with django-otp's StaticDevice were stored as typed:
keep each as a digest on a RecoveryCodeDevice and delete the originals, so
no copy of the database holds a working code from now on."""

from django.db import migrations

from desk.models import digest


def to_digests(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    RecoveryCodeDevice = apps.get_model("desk", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("desk", "RecoveryCode")
    for static in StaticDevice.objects.all():
        device = RecoveryCodeDevice.objects.create(
            user_id=static.user_id, name=static.name, confirmed=static.confirmed
        )
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, digest=digest(token.token))
            for token in static.token_set.all()
        )
        static.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_two_factor"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(to_digests, migrations.RunPython.noop)]
