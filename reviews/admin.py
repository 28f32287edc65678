from django.contrib import admin

from reviews.models import Buyer, ImportBatch, Membership, Order, Shop


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    list_display = ["name", "platform", "created_at"]
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
