"""ImportedItem moves here from articles, keeping its table: nothing changes
in the database; articles migration 0024 drops it from articles' state and
moves its content type."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("articles", "0023_autosave_typed_at")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportedItem",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                max_length=300, verbose_name="source site"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("post", "post"),
                                    ("attachment", "attachment"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "wp_id",
                            models.PositiveBigIntegerField(verbose_name="WordPress id"),
                        ),
                        (
                            "imported_at",
                            models.DateTimeField(
                                auto_now_add=True, verbose_name="imported at"
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="articles.article",
                            ),
                        ),
                        (
                            "photo",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="articles.photo",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "articles_importeditem",
                        "verbose_name": "imported item",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("source", "kind", "wp_id"), name="imported_once"
                            )
                        ],
                    },
                ),
            ]
        )
    ]
