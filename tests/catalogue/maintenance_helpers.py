"""Small builders for the maintenance tests (drafts, official tables, feeds, cache)."""

from datetime import date

from catalogue import drafts
from catalogue.models import DraftAdjustment, Qualification, Status

APPROVAL = {"document": "国函〔2030〕1号", "approved_on": date(2030, 1, 15)}


def make_item(name: str = "注册会计师", **fields) -> Qualification:
    fields = {
        "category": "professional-technical",
        "kind": "access",
        "legal_basis": "《中华人民共和国注册会计师法》",
        **fields,
    }
    item = Qualification.objects.create(name=name, **fields)
    item.refresh_search_text()
    item.save()
    return item


def make_cancelled(name: str = "咖啡师") -> Qualification:
    return Qualification.objects.create(
        name=name,
        category="skilled",
        kind="level-evaluation",
        status=Status.RETIRED,
        retired_on=date(2016, 1, 13),
        retirement_document="国发〔2016〕5号",
        retirement_reason="国务院第5批取消职业资格许可和认定事项",
    )


def draft(user, action: str, qualification=None, prefill: bool = True, **fields) -> DraftAdjustment:
    proposal = DraftAdjustment(action=action, qualification=qualification)
    if prefill:
        drafts.draft_prefill(draft=proposal)
    for key, value in {"reason": "经专家评估论证并报国务院批准", **fields}.items():
        setattr(proposal, key, value)
    return drafts.draft_create(draft=proposal, user=user)


def publish(proposal: DraftAdjustment, user, **approval) -> DraftAdjustment:
    return drafts.draft_publish(draft=proposal, user=user, **{**APPROVAL, **approval})
