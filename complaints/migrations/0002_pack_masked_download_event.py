from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_complaints_evidence_packs"),
    ]

    operations = [
        # Packs built before this hold the full data: they are recorded as such (reviewers then
        # build a masked one); new packs are masked unless a manager asks for a full one.
        migrations.AddField(
            model_name="evidencepack",
            name="masked",
            field=models.BooleanField(default=False, verbose_name="脱敏"),
        ),
        migrations.AlterField(
            model_name="evidencepack",
            name="masked",
            field=models.BooleanField(default=True, verbose_name="脱敏"),
        ),
        migrations.AlterField(
            model_name="complaintevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("created", "创建草稿"),
                    ("edited", "修改内容"),
                    ("evidence_added", "添加证据"),
                    ("pack_requested", "生成证据包"),
                    ("pack_downloaded", "下载证据包"),
                    ("status_changed", "状态变更"),
                ],
                max_length=16,
                verbose_name="操作",
            ),
        ),
    ]
