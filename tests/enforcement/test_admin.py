import pytest

from enforcement.models import Action, Status
from enforcement.services import case_transition

from .conftest import submit


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw")


def test_the_admin_lists_cases_without_the_reporters_contact(client, superuser, fuzhou):
    case, _code = submit()
    client.force_login(superuser)
    assert client.get("/admin/enforcement/case/").status_code == 200
    page = client.get(f"/admin/enforcement/case/{case.pk}/change/").content.decode()
    assert case.organisation in page and "13800000000" not in page


def test_the_admin_action_closes_through_the_workflow(client, superuser, fuzhou, fujian_officer):
    concluded, _ = submit()
    received, _ = submit()
    for action, extra in [
        (Action.ACCEPT, {}),
        (Action.INVESTIGATE, {}),
        (Action.CONCLUDE, {"outcome": "unsubstantiated", "measures": "经核查证书未使用禁用字样"}),
    ]:
        case_transition(case=concluded, actor=fujian_officer, action=action, **extra)
    client.force_login(superuser)
    client.post(
        "/admin/enforcement/case/",
        {"action": "close_concluded", "_selected_action": [concluded.pk, received.pk]},
    )
    concluded.refresh_from_db()
    received.refresh_from_db()
    assert (concluded.status, received.status) == (Status.CLOSED, Status.RECEIVED)
    assert concluded.transitions.last().actor == superuser
