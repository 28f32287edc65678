from django.contrib import admin

from shieldsite.models import DeferredJob


@admin.register(DeferredJob)
class DeferredJobAdmin(admin.ModelAdmin):
    """The outbox, read-only: rows are written when Redis is unreachable and sent by requeue_stuck_jobs."""

    list_display = ("created_at", "queue", "func", "args", "attempts", "sent_at", "error")
    list_filter = ("queue", ("sent_at", admin.EmptyFieldListFilter))
    readonly_fields = [f.name for f in DeferredJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
