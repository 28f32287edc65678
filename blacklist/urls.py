"""The blacklist's pages, mounted at ``blacklist/`` (see ``views`` for who may do what)."""

from django.urls import path

from blacklist import views

app_name = "blacklist"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("add/", views.entry_add, name="entry_add"),
    path("export/", views.entry_export, name="export"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/expire/", views.entry_expire, name="entry_expire"),
    path("<int:pk>/remove/", views.entry_remove, name="entry_remove"),
]
