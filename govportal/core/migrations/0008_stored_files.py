import uuid

import django.db.models.deletion
from django.db import migrations, models

import govportal.core.files.storage


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_fewer_indexes_on_submission_rows"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoredFile",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="访问标识")),
                ("kind", models.CharField(max_length=60, verbose_name="类别")),
                (
                    "file",
                    models.FileField(
                        storage=govportal.core.files.storage.get_private_storage, upload_to="", verbose_name="文件"
                    ),
                ),
                ("name", models.CharField(help_text="上传者给出的文件名，仅用于显示", max_length=200, verbose_name="文件名")),
                ("extension", models.CharField(max_length=10, verbose_name="类型")),
                ("content_type", models.CharField(max_length=100, verbose_name="MIME 类型")),
                ("size", models.PositiveBigIntegerField(verbose_name="大小（字节）")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="存储时间")),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.case",
                        verbose_name="办件",
                    ),
                ),
            ],
            options={"verbose_name": "存储文件", "verbose_name_plural": "存储文件"},
        ),
    ]
