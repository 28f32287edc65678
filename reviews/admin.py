from django.contrib import admin

from reviews.models import ApiToken, Buyer, CreditEvent, ImportBatch, Membership, Order, Organization, RiskPolicy, Shop


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """A merchant: shops put in one may share blacklist entries and buyer tags."""

    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    list_display = ["name", "platform", "organization", "created_at"]
    list_filter = ["organization"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Buyer)
class BuyerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "shop", "key_kind", "confidence", "credit_score", "restricted"]
    list_filter = ["shop", "key_kind", "restricted"]
    search_fields = ["display_name", "key", "masked_phone"]
    list_select_related = ["shop"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["order_no", "shop", "sku_name", "quantity", "status", "risk_state", "risk_score", "ordered_at"]
    list_filter = ["shop", "status", "risk_state"]
    search_fields = ["order_no", "receiver", "phone"]
    raw_id_fields = ["buyer"]
    list_select_related = ["shop"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "shop", "status", "created_by", "created_at", "created_count", "rejected_count"]
    list_filter = ["shop", "status"]
    search_fields = ["file_name", "checksum"]
    list_select_related = ["shop", "created_by"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]


@admin.register(CreditEvent)
class CreditEventAdmin(admin.ModelAdmin):
    """Read-only: the ledger changes only through the scoring service and decisions."""

    list_display = ["buyer", "kind", "delta", "order", "created_by", "created_at"]
    list_filter = ["shop", "kind"]
    raw_id_fields = ["buyer", "order"]
    list_select_related = ["buyer", "order", "created_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RiskPolicy)
class RiskPolicyAdmin(admin.ModelAdmin):
    """Read-only: new versions are saved from the 风控策略 page, after a backtest."""

    list_display = ["shop", "version", "created_by", "created_at", "note"]
    list_filter = ["shop"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "shop", "prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["shop"]
    readonly_fields = ["token_hash", "prefix", "created_by", "last_used_at", "revoked_at", "revoked_by"]

    def has_add_permission(self, request):
        return False
