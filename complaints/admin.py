"""Read-mostly admin for complaints: the audit trail is never edited or deleted here."""

from django.contrib import admin

from complaints.models import Complaint, ComplaintEvent, Evidence, EvidencePack


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


class ComplaintEventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "note", "user", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintAdmin(NoDeleteAdmin):
    list_display = ["title", "shop", "category", "status", "submitted_at", "reply_due_at", "created_by"]
    list_filter = ["shop", "status", "category"]
    search_fields = ["title", "platform_ticket_no"]
    list_select_related = ["shop", "created_by"]
    readonly_fields = ["status", "submitted_at", "reply_due_at", "replied_at", "closed_at", "created_by", "created_at"]
    raw_id_fields = ["orders", "buyers"]
    inlines = [ComplaintEventInline]


@admin.register(Evidence)
class EvidenceAdmin(NoDeleteAdmin):
    list_display = ["original_name", "complaint", "kind", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "content_type"]
    readonly_fields = ["file", "thumbnail", "original_name", "size", "sha256", "content_type", "uploaded_by"]


@admin.register(EvidencePack)
class EvidencePackAdmin(NoDeleteAdmin):
    list_display = ["pk", "complaint", "status", "progress", "size", "created_by", "created_at", "finished_at"]
    list_filter = ["status"]
    readonly_fields = ["file", "size", "sha256", "error", "progress", "status"]
