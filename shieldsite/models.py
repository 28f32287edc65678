"""The queue's outbox: jobs that could not reach Redis wait here instead of being lost."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeferredJob(models.Model):
    """A job whose enqueue failed (Redis down or unreachable) after its transaction committed.

    ``manage.py requeue_stuck_jobs`` (scheduled every few minutes) and the next successful
    enqueue in the same process send these again; every Shield job is safe to run twice.
    """

    queue = models.CharField(_("队列"), max_length=20)
    func = models.CharField(_("任务"), max_length=200, help_text=_("任务函数的完整路径"))
    args = models.JSONField(_("参数"), default=list)
    kwargs = models.JSONField(_("关键字参数"), default=dict)
    job_id = models.CharField(_("RQ 任务 ID"), max_length=100, blank=True)
    error = models.TextField(_("未能发送的原因"), blank=True)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=1)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("补发时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待补发任务")
        verbose_name_plural = _("待补发任务")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="deferredjob_unsent")]

    def __str__(self) -> str:
        return f"{self.func}{tuple(self.args)} → {self.queue}"
