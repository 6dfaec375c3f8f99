import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("briefings", "0006_briefing_changed_at"),
    ]

    operations = [
        migrations.CreateModel(
            name="Embed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "url",
                    models.URLField(
                        help_text="The post or video: X, YouTube, Telegram, Bluesky, Mastodon, Facebook, Instagram, TikTok or Vimeo.",  # noqa: E501
                        max_length=500,
                        verbose_name="address",
                    ),
                ),
                (
                    "provider",
                    models.CharField(
                        choices=[
                            ("youtube", "YouTube"),
                            ("x", "X"),
                            ("telegram", "Telegram"),
                            ("bluesky", "Bluesky"),
                            ("mastodon", "Mastodon"),
                            ("facebook", "Facebook"),
                            ("instagram", "Instagram"),
                            ("tiktok", "TikTok"),
                            ("vimeo", "Vimeo"),
                        ],
                        editable=False,
                        max_length=20,
                    ),
                ),
                ("author", models.CharField(blank=True, max_length=200)),
                (
                    "title",
                    models.CharField(blank=True, help_text="A video's title.", max_length=300),
                ),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        help_text="A post's words, as the card shows them (kept if the post goes).",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("frame_url", models.URLField(blank=True, editable=False, max_length=600)),
                (
                    "from_body",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="Made from a bare link on a line of its own in the body; goes with the line.",  # noqa: E501
                    ),
                ),
                ("fetched_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "update",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="embeds",
                        to="briefings.update",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("update", "url"), name="embed_an_address_once"),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "provider__in",
                                [
                                    "youtube",
                                    "x",
                                    "telegram",
                                    "bluesky",
                                    "mastodon",
                                    "facebook",
                                    "instagram",
                                    "tiktok",
                                    "vimeo",
                                ],
                            )
                        ),
                        name="embed_provider_is_known",
                    ),
                ],
            },
        ),
    ]
