"""Who may open what: every URL pattern × {anonymous, reviewer, manager, admin} × {own shop, other shop}.

The URL list comes from the URL conf, so a new page fails ``test_every_url_has_a_rule`` until
it gets a line in RULES: the method it is called with, the lowest role that may use it, and
which record fills its arguments. Each record exists in both shops; the users are members of
shop A only, so shop B's record must answer 404 to everyone (never 200, never a 403 that would
confirm it exists) and shop A's record answers 403 below the role and a page, a redirect or a
form error at or above it. Downloads (rejected rows, evidence files, packs) and the token API
are in the table like every other URL.
"""

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from blacklist.models import BlacklistEntry
from complaints.models import Complaint, Evidence, EvidencePack
from reviews.models import (
    Alert,
    AlertChannel,
    AlertKind,
    ApiToken,
    Backtest,
    BulkDecisionJob,
    Decision,
    ImportBatch,
    RiskPolicy,
    Role,
)
from reviews.services.staff import staff_invite, staff_reset_link
from reviews.services.tagging import buyer_tag_add, shop_tags
from reviews.services.tokens import api_token_create
from tests.conftest import make_flagged_order, make_member
from tests.test_urls_anonymous import walk

ANON, REVIEWER, MANAGER, ADMIN = "anonymous", Role.REVIEWER, Role.MANAGER, Role.ADMIN
ROLES = [ANON, REVIEWER, MANAGER, ADMIN]
PUBLIC = "public"  # anyone, logged in or not
MEMBER = "member"  # any logged-in user, no shop record involved
STAFF = "staff"  # Django admin and django-rq: is_staff only (no shop role opens them)

# url name → (method, lowest role, record kind filling the URL arguments or None, statuses an allowed user may get)
ALLOWED = {200, 302}
FORM = {200, 302, 400}
RULES = {
    "login": ("get", PUBLIC, None, ALLOWED),
    "healthz": ("get", PUBLIC, None, ALLOWED),  # for load balancers: says only ok or not
    "logout": ("post", MEMBER, None, ALLOWED),
    "set_language": ("post", PUBLIC, None, ALLOWED),
    "reviews:home": ("get", REVIEWER, None, ALLOWED),
    "reviews:report_rules": ("get", MANAGER, None, ALLOWED),
    "reviews:report_reviewers": ("get", MANAGER, None, ALLOWED),
    "reviews:rings": ("get", MANAGER, None, ALLOWED),
    # Who unmasked which order: managers and admins read it, reviewers get 403.
    "reviews:reveal_list": ("get", MANAGER, None, ALLOWED),
    # Reviewers open a buyer's ring while deciding; another shop's buyer is 404.
    "reviews:buyer_ring": ("get", REVIEWER, "buyer", ALLOWED),
    "reviews:buyer_tag_add": ("post", REVIEWER, "buyer_tag", ALLOWED),
    "reviews:buyer_tag_remove": ("post", REVIEWER, "buyer_tagging", ALLOWED),
    # 联系买家核实: any member records a contact from an order's or a buyer's page; admins edit the templates.
    "reviews:contact_order": ("post", REVIEWER, "order", ALLOWED),
    "reviews:contact_buyer": ("post", REVIEWER, "buyer", ALLOWED),
    "reviews:contact_templates": ("get", ADMIN, None, ALLOWED),
    # Everyone reads the shop's tag words; adding one (POST) is for managers (tests/reviews/test_buyer_tags.py).
    "reviews:tags": ("get", REVIEWER, None, ALLOWED),
    "reviews:alerts": ("get", ADMIN, None, ALLOWED),
    "reviews:alert_channel_create": ("post", ADMIN, None, FORM),
    "reviews:alert_channel_edit": ("get", ADMIN, "alert_channel", ALLOWED),
    "reviews:alert_channel_delete": ("post", ADMIN, "alert_channel", ALLOWED),
    "reviews:alert_channel_test": ("post", ADMIN, "alert_channel", ALLOWED),
    "reviews:alert_settings": ("post", ADMIN, None, FORM),
    "reviews:alert_secret": ("post", ADMIN, None, ALLOWED),
    "reviews:alert_mute": ("post", ADMIN, None, FORM),
    "reviews:alert_list": ("get", ADMIN, None, ALLOWED),
    "reviews:alert_detail": ("get", ADMIN, "alert", ALLOWED),
    "reviews:switch_shop": ("post", REVIEWER, "shop_in_form", ALLOWED),
    "reviews:order_list": ("get", REVIEWER, None, ALLOWED),
    "reviews:order_detail": ("get", REVIEWER, "order", ALLOWED),
    # 显示完整信息: any member unmasks an order of their shop (recorded); another shop's order is 404.
    "reviews:order_reveal": ("post", REVIEWER, "order", ALLOWED),
    "reviews:order_reopen": ("post", MANAGER, "order", FORM),
    "reviews:order_export": ("get", MANAGER, None, ALLOWED),
    "reviews:import_list": ("get", MANAGER, None, ALLOWED),
    "reviews:import_new": ("get", MANAGER, None, ALLOWED),
    "reviews:import_detail": ("get", MANAGER, "batch", ALLOWED),
    "reviews:import_status": ("get", MANAGER, "batch", ALLOWED),
    "reviews:import_confirm": ("post", MANAGER, "batch", ALLOWED),
    "reviews:import_rejected": ("get", MANAGER, "batch", ALLOWED),
    "reviews:policy": ("get", ADMIN, None, ALLOWED),
    "reviews:policy_backtest": ("get", ADMIN, "backtest", ALLOWED),
    "reviews:policy_save": ("post", ADMIN, "backtest", ALLOWED),
    "reviews:policy_version": ("get", ADMIN, "version", ALLOWED),
    "reviews:policy_rescore": ("post", ADMIN, None, ALLOWED),
    "reviews:api_tokens": ("get", ADMIN, None, ALLOWED),
    "reviews:api_token_revoke": ("post", ADMIN, "token", ALLOWED),
    "reviews:api_check": ("post", "token", None, ALLOWED),
    "reviews:queue": ("get", REVIEWER, None, ALLOWED),
    "reviews:queue_next": ("post", REVIEWER, None, ALLOWED),
    "reviews:review": ("get", REVIEWER, "order", ALLOWED),
    "reviews:decide": ("post", REVIEWER, "order", FORM),
    "reviews:queue_release": ("post", MANAGER, None, ALLOWED),
    "reviews:queue_bulk": ("post", REVIEWER, None, FORM),
    "reviews:bulk_job": ("get", REVIEWER, "bulk_job", ALLOWED),
    "reviews:to_cancel": ("get", REVIEWER, None, ALLOWED),
    "reviews:to_cancel_csv": ("get", REVIEWER, None, ALLOWED),
    "reviews:platform_cancel_confirm": ("post", REVIEWER, "decision", ALLOWED),
    "reviews:platform_cancels_confirm": ("post", REVIEWER, None, ALLOWED),
    "reviews:decision_undo": ("post", REVIEWER, "decision", ALLOWED),
    "reviews:my_decisions": ("get", REVIEWER, None, ALLOWED),
    "reviews:jobs": ("get", ADMIN, None, ALLOWED),
    # The staff page: admins only; another shop's member is 404.
    "reviews:staff": ("get", ADMIN, None, ALLOWED),
    "reviews:staff_detail": ("get", ADMIN, "staff_member", ALLOWED),
    "reviews:staff_role": ("post", ADMIN, "staff_member", FORM),
    "reviews:staff_deactivate": ("post", ADMIN, "staff_member", ALLOWED),
    "reviews:staff_password": ("post", ADMIN, "staff_member", FORM),
    "reviews:staff_reset_link": ("post", ADMIN, "staff_member", ALLOWED),
    "reviews:staff_invite_revoke": ("post", ADMIN, "invite", ALLOWED),
    # One-time links open logged out, with a valid token only (an unknown one is 404).
    "staff_join": ("get", PUBLIC, "invite_token", ALLOWED),
    "staff_reset": ("get", PUBLIC, "reset_token", ALLOWED),
    "reviews:job_retry": ("post", ADMIN, "failed_backtest", ALLOWED),
    # RQ job ids are not shop records; without that job an admin gets 404, below admin 403.
    "reviews:scoring_job_retry": ("post", ADMIN, "rq_job", {404}),
    "blacklist:entry_list": ("get", REVIEWER, None, ALLOWED),
    "blacklist:entry_add": ("get", REVIEWER, None, ALLOWED),
    "blacklist:export": ("get", MANAGER, None, ALLOWED),
    "blacklist:import_upload": ("get", MANAGER, None, ALLOWED),
    "blacklist:import_confirm": ("post", MANAGER, None, FORM),
    "blacklist:entry_detail": ("get", REVIEWER, "entry", ALLOWED),
    # Reviewers change only the entries they added themselves; these were added by the admin.
    "blacklist:entry_edit": ("get", MANAGER, "entry", ALLOWED),
    "blacklist:entry_expire": ("post", MANAGER, "entry", FORM),
    "blacklist:entry_remove": ("post", MANAGER, "entry", FORM),
    "complaints:list": ("get", REVIEWER, None, ALLOWED),
    "complaints:create": ("get", REVIEWER, None, ALLOWED),
    "complaints:detail": ("get", REVIEWER, "complaint", ALLOWED),
    "complaints:edit": ("get", REVIEWER, "complaint", ALLOWED),
    "complaints:evidence_upload": ("post", REVIEWER, "complaint", FORM),
    "complaints:pack_create": ("post", REVIEWER, "complaint", ALLOWED),
    "complaints:action": ("post", MANAGER, "complaint_submit", FORM),
    "complaints:evidence_download": ("get", REVIEWER, "evidence", ALLOWED),
    "complaints:evidence_thumbnail": ("get", REVIEWER, "evidence", ALLOWED),
    "complaints:pack_status": ("get", REVIEWER, "pack", ALLOWED),
    "complaints:pack_download": ("get", REVIEWER, "pack", ALLOWED),
}
# Framework pages: every URL of these namespaces is for Django staff only.
STAFF_NAMESPACES = ("admin:", "django_rq:")
PUBLIC_STAFF = {"admin:login"}


def url_names() -> list[str]:
    from django.urls import get_resolver

    return sorted({name for name, _regex in walk(get_resolver().url_patterns)})


def test_every_url_has_a_rule():
    missing = [n for n in url_names() if n not in RULES and not n.startswith(STAFF_NAMESPACES)]
    assert missing == [], "give each new URL a line in RULES (method, lowest role, record kind)"
    stale = [n for n in RULES if n not in url_names()]
    assert stale == []


# -- the two shops' records ---------------------------------------------------------------------
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def records_of(shop, owner) -> dict:
    """One record of every kind a URL can name, in this shop."""
    order = make_flagged_order(shop)
    settled = make_flagged_order(shop)
    decision = Decision.objects.create(shop=shop, order=settled, user=owner, action=Decision.Action.CANCEL)
    batch = ImportBatch.objects.create(
        shop=shop, file_name="orders.csv", checksum="0" * 64, file="imports/x.csv", status=ImportBatch.Status.CHECKED
    )
    batch.error_file.save("rejected.csv", ContentFile("行号,列,原因\r\n2,订单号,订单号为空\r\n".encode("utf-8-sig")))
    backtest = Backtest.objects.create(
        shop=shop, values={}, base_version=1, created_by=owner, status=Backtest.Status.DONE, result={"orders": 0}
    )
    failed = Backtest.objects.create(
        shop=shop, values={}, base_version=1, created_by=owner, status=Backtest.Status.FAILED, error="x"
    )
    version = RiskPolicy.objects.filter(shop=shop).order_by("-version").first()
    if version is None:
        version = RiskPolicy.objects.create(shop=shop, version=1 if shop.name.endswith("A") else 7)
    token, _raw = api_token_create(shop=shop, name="ERP", user=owner)
    bulk = BulkDecisionJob.objects.create(shop=shop, user=owner, action="cancel", status="done")
    entry = BlacklistEntry.objects.create(
        shop_id=shop.pk, kind="phone", value="13900001111", key="13900001111", created_by=owner
    )
    complaint = Complaint.objects.create(shop=shop, category="unpaid", title="恶意拍单", created_by=owner)
    complaint.orders.add(order)
    evidence = Evidence(
        complaint=complaint, original_name="截图.png", size=len(PNG), sha256=hashlib.sha256(PNG).hexdigest(),
        content_type="image/png", uploaded_by=owner,
    )  # fmt: skip
    evidence.file.save("shot.png", ContentFile(PNG), save=False)
    evidence.thumbnail.save("thumb.png", ContentFile(PNG), save=False)
    evidence.save()
    rabbit = next(t for t in shop_tags(shop_id=shop.pk) if t.name == "兔子")
    tagging = buyer_tag_add(buyer=order.buyer, tag=rabbit, user=owner)
    channel = AlertChannel.objects.create(shop=shop, name="客服群", url="http://127.0.0.1:9/hook")
    alert = Alert.objects.create(shop=shop, kind=AlertKind.SKU_BURST, subject="sku:1", title="炸店", text="", url="/")
    pack = EvidencePack(complaint=complaint, created_by=owner, status=EvidencePack.Status.DONE)
    pack.file.save("pack.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=False)
    pack.save()
    member = make_member(f"staff-of-{shop.name}", shop, Role.REVIEWER)
    invite, invite_raw = staff_invite(shop=shop, actor=owner, role=Role.REVIEWER)
    _reset, reset_raw = staff_reset_link(membership=member.memberships.get(), actor=owner)
    return {
        "staff_member": [member.pk],
        "invite": [invite.pk],
        "invite_token": [invite_raw],
        "reset_token": [reset_raw],
        "order": [order.pk],
        "buyer": [order.buyer_id],
        "buyer_tag": {"args": [order.buyer_id], "data": {"tag": rabbit.pk}},  # URL arguments and POST data
        "buyer_tagging": [order.buyer_id, tagging.pk],
        "alert_channel": [channel.pk],
        "alert": [alert.pk],
        "decision": [decision.pk],
        "batch": [batch.pk],
        "backtest": [backtest.pk],
        "failed_backtest": ["backtest", failed.pk],
        "version": [version.version],
        "token": [token.pk],
        "bulk_job": [bulk.pk],
        "entry": [entry.pk],
        "complaint": [complaint.pk],
        "complaint_submit": [complaint.pk, "submit"],
        "evidence": [evidence.pk],
        "pack": [pack.pk],
        "rq_job": ["no-such-job"],
        "shop_in_form": {"shop": shop.pk},  # POST data, not URL arguments
    }


@pytest.fixture
def world(db, settings, tmp_path, shop_a, shop_b):
    settings.MEDIA_ROOT = tmp_path / "media"
    users = {role: make_member(f"user-{role}", shop_a, role) for role in (REVIEWER, MANAGER, ADMIN)}
    outsider = make_member("owner-b", shop_b, Role.ADMIN)
    RiskPolicy.objects.create(shop=shop_b, version=7)
    return {"users": users, "own": records_of(shop_a, users[ADMIN]), "other": records_of(shop_b, outsider)}


def expected(rule, role: str, where: str) -> set[int]:
    method, lowest, kind, allowed = rule
    if lowest == PUBLIC:
        return allowed
    if role == ANON:
        return {302}  # to the login page
    if lowest == MEMBER:
        return allowed
    if where == "other":
        # Another shop's record: 404 for everyone (a role check that comes first may say 403,
        # which tells nothing about the record).
        return {404} if Role.rank(role) >= Role.rank(lowest) else {403, 404}
    return allowed if Role.rank(role) >= Role.rank(lowest) else {403}


def request(client, method: str, path: str, data=None):
    return client.post(path, data or {}) if method == "post" else client.get(path)


SHOP_URLS = sorted(name for name, rule in RULES.items() if rule[1] not in ("token",))


@pytest.mark.parametrize("name", SHOP_URLS)
def test_url_answers_each_role_and_shop_as_the_rules_say(client, world, name):
    rule = RULES[name]
    method, _lowest, kind, _allowed = rule
    wheres = ["own", "other"] if kind else ["own"]
    wrong = []
    for where in wheres:
        values = world[where][kind] if kind else None
        if isinstance(values, dict) and "args" in values:
            args, data = values["args"], values["data"]
        elif isinstance(values, dict):
            args, data = None, values
        else:
            args, data = values, None
        path = reverse(name, args=args)
        for role in ROLES:
            client.logout()
            if role != ANON:
                client.force_login(world["users"][role])
            response = request(client, method, path, data)
            want = expected(rule, role, where)
            if response.status_code not in want:
                wrong.append(f"{role:9} {where:5} {method.upper()} {path} → {response.status_code}, expected {want}")
            if role == ANON and response.status_code == 302:
                assert "login" in response["Location"]
    assert wrong == [], "\n".join(wrong)


def test_staff_pages_open_for_no_shop_role(client, world):
    """Django admin and django-rq: shop admins are not Django staff; none of them gets a page."""
    from tests.test_urls_anonymous import ALL

    for role in ROLES:
        client.logout()
        if role != ANON:
            client.force_login(world["users"][role])
        for name, path in ALL:
            if not name.startswith(STAFF_NAMESPACES) or name in PUBLIC_STAFF:
                continue
            response = client.get(path)
            # django-rq's JSON stats answer 401 instead of a login redirect.
            assert response.status_code in (302, 401, 403, 404, 405), f"{role} GET {path}: {response.status_code}"
            if response.status_code == 302:  # to the admin login, or to the admin index that sends there
                assert "login" in response["Location"] or response["Location"] == "/admin/", path


def test_check_api_answers_tokens_not_sessions(client, world, shop_a, shop_b):
    url = reverse("reviews:api_check")
    body = {"order_no": "API-1", "phone": "13800138000", "quantity": 1}
    token, raw = api_token_create(shop=shop_a, name="ERP", user=world["users"][ADMIN])
    for role in ROLES:
        client.logout()
        if role != ANON:
            client.force_login(world["users"][role])
        assert client.post(url, body, content_type="application/json").status_code == 401, role
    client.logout()
    ok = client.post(url, body, content_type="application/json", headers={"authorization": f"Bearer {raw}"})
    assert ok.status_code == 200
    assert ok.json()["order"]["id"]
    from reviews.models import Order

    assert Order.objects.get(order_no="API-1").shop == shop_a, "a token writes only into its own shop"
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now() - timedelta(seconds=1))
    revoked = client.post(url, body, content_type="application/json", headers={"authorization": f"Bearer {raw}"})
    assert revoked.status_code == 403
    wrong = client.post(url, body, content_type="application/json", headers={"authorization": "Bearer shd_nope"})
    assert wrong.status_code == 401


def test_a_reveal_is_recorded_only_for_the_users_own_shop(client, world):
    from reviews.models import RevealEvent

    for role in (REVIEWER, MANAGER, ADMIN):
        user = world["users"][role]
        client.force_login(user)
        for where in ("own", "other"):
            client.post(reverse("reviews:order_reveal", args=world[where]["order"]))
        assert list(RevealEvent.objects.filter(user=user).values_list("order_id", flat=True)) == world["own"]["order"]
    client.logout()
    client.post(reverse("reviews:order_reveal", args=world["own"]["order"]))
    assert RevealEvent.objects.count() == 3


# -- what a role gets out of Shield: complaint size, pack contents, audited downloads -------------
# url name → (how the records name it, the audit it leaves: "export" an ExportEvent, "complaint" a ComplaintEvent)
AUDITED = {
    "reviews:order_export": (None, "export"),
    "blacklist:export": (None, "export"),
    "complaints:pack_download": ("pack", "complaint"),
}
# Who builds which pack: below manager the pack is masked, and a full pack is not theirs to download.
FULL_PACK = MANAGER


def test_audited_downloads_are_the_export_urls():
    assert {name for name, rule in RULES.items() if "export" in name or name.endswith("download")} - {
        "complaints:evidence_download"
    } == set(AUDITED)


@pytest.mark.parametrize("name", sorted(AUDITED))
def test_every_export_and_pack_download_is_audited_naming_the_user(client, world, name):
    from complaints.models import ComplaintEvent
    from reviews.models import ExportEvent

    kind, trail = AUDITED[name]
    path = reverse(name, args=world["own"][kind] if kind else None)
    for role in (REVIEWER, MANAGER, ADMIN):
        user = world["users"][role]
        client.force_login(user)
        status = client.get(path).status_code
        if trail == "export":
            entries = ExportEvent.objects.filter(user=user)
        else:
            entries = ComplaintEvent.objects.filter(user=user, action=ComplaintEvent.Action.PACK_DOWNLOADED)
        allowed = Role.rank(role) >= Role.rank(RULES[name][1])
        assert (status == 200, entries.count()) == ((True, 1) if allowed else (False, 0)), (role, status)


@pytest.mark.parametrize("role", [REVIEWER, MANAGER, ADMIN])
def test_a_complaint_names_at_most_the_order_limit_for_every_role(client, world, settings, shop_a, role):
    settings.SHIELD_COMPLAINT_MAX_ORDERS = 3
    numbers = [make_flagged_order(shop_a).order_no for _ in range(4)]
    client.force_login(world["users"][role])
    before = Complaint.objects.count()
    response = client.post(
        reverse("complaints:create"), {"category": "unpaid", "title": "x", "order_numbers": " ".join(numbers)}
    )
    assert response.status_code == 400 and "一个投诉最多关联 3 个订单" in response.content.decode()
    assert Complaint.objects.count() == before


@pytest.mark.parametrize("role", [REVIEWER, MANAGER, ADMIN])
def test_pack_is_masked_below_manager_and_a_full_pack_is_not_a_reviewers(
    client, world, role, django_capture_on_commit_callbacks
):
    complaint = Complaint.objects.get(pk=world["own"]["complaint"][0])
    client.force_login(world["users"][role])
    with django_capture_on_commit_callbacks(execute=True):  # the pack job runs once the request commits
        assert client.post(reverse("complaints:pack_create", args=[complaint.pk])).status_code == 302
    built = complaint.packs.first()
    full_allowed = Role.rank(role) >= Role.rank(FULL_PACK)
    assert built.masked is not full_allowed
    phone = complaint.orders.get().phone
    body = b"".join(client.get(reverse("complaints:pack_download", args=[built.pk])).streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert (phone in archive.read("orders.csv").decode("utf-8-sig")) is full_allowed
    full = EvidencePack.objects.filter(complaint=complaint, masked=False, status=EvidencePack.Status.DONE).first()
    if full is None:  # the reviewer's turn: a manager's full pack of the same complaint
        full = EvidencePack(complaint=complaint, created_by=world["users"][ADMIN], masked=False, status="done")
        full.file.save("full.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    status = client.get(reverse("complaints:pack_download", args=[full.pk])).status_code
    assert status == (200 if full_allowed else 403)
