"""/api/v1/notices/…: list with the shared filters, detail, chain, tree, coverage, schema."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from notice_factories import make_notice


def test_the_api_lists_published_notices_filtered_by_number(client, chain):
    response = client.get("/api/v1/notices/", {"number": "人社部发[2017]68号"})
    assert response.status_code == 200
    (only,) = response.json()["results"]
    assert only["doc_number"] == "人社部发〔2017〕68号"
    assert (only["prefix"], only["year"], only["serial"]) == ("人社部发", 2017, 68)
    assert only["issuer"]["name"] == "人力资源社会保障部"


def test_an_invalid_filter_is_a_400_with_a_message(client, chain):
    response = client.get("/api/v1/notices/", {"level": "galactic"})
    assert response.status_code == 400
    assert "level" in response.json()


def test_the_chain_goes_up_to_the_origin(client, chain):
    _origin, _province, city = chain
    response = client.get(f"/api/v1/notices/{city.pk}/chain/")
    assert [n["doc_number"] for n in response.json()] == [
        "榕人社培〔2017〕139号",
        "闽人社文〔2017〕320号",
        "人社部发〔2017〕68号",
    ]


def test_the_tree_goes_down_with_days_per_hop(client, chain):
    origin, _province, _city = chain
    rows = client.get(f"/api/v1/notices/{origin.pk}/tree/").json()
    assert [(r["doc_number"], r["depth"], r["days"]) for r in rows] == [
        ("人社部发〔2017〕68号", 0, None),
        ("闽人社文〔2017〕320号", 1, 66),
        ("榕人社培〔2017〕139号", 2, 32),
    ]
    assert rows[2]["days_from_root"] == 98


def test_coverage_counts_forwardings_by_level(client, chain, guangzhou):
    origin, _province, _city = chain
    data = client.get(f"/api/v1/notices/{origin.pk}/coverage/").json()
    assert data["by_level"] == [
        {"level": "省级", "forwarded": 1, "total": 2},
        {"level": "市级", "forwarded": 1, "total": 2},
    ]


def test_tree_and_coverage_endpoints_run_a_fixed_number_of_queries(client, chain):
    origin, _province, _city = chain
    for path, most in (("tree", 3), ("coverage", 5)):
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/api/v1/notices/{origin.pk}/{path}/")
        assert len(captured) <= most


def test_coverage_gives_every_division_below_the_issuer_with_its_status(client, chain):
    origin = chain[0]
    data = client.get(f"/api/v1/notices/{origin.pk}/coverage/").json()
    divisions = {d["code"]: d for d in data["divisions"]}
    assert sum(d["level"] == "provincial" for d in divisions.values()) == 31
    assert sum(d["level"] == "municipal" for d in divisions.values()) > 300
    fujian, fuzhou = divisions["350000"], divisions["350100"]
    assert (fujian["status"], fujian["forwarded_on"], fujian["days"]) == (
        "forwarded",
        "2017-11-17",
        66,
    )
    assert (fuzhou["status"], fuzhou["doc_number"], fuzhou["parent"]) == (
        "forwarded",
        "榕人社培〔2017〕139号",
        "350000",
    )
    assert divisions["440000"]["status"] == "no_record"
    assert divisions["440000"]["notice"] is None


def test_the_schema_documents_every_notice_endpoint(client, db):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/v1/notices/", "{id}/chain/", "{id}/tree/", "{id}/coverage/"):
        assert path in schema


def test_the_list_endpoint_runs_a_fixed_number_of_queries(client, chain, guangzhou):
    for n in range(20):
        make_notice(guangzhou, doc_number=f"穗人社〔2018〕{n + 1}号", forwards=chain[0])
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/notices/").status_code == 200
    assert len(captured) == 2  # count, page with issuers and forwarded notices


def _fields(serializer) -> dict:
    """The field names a serializer documents, nested serializers as nested dicts."""
    serializer = getattr(serializer, "child", serializer)
    return {
        name: _fields(field) if hasattr(field, "fields") or hasattr(field, "child") else None
        for name, field in serializer.fields.items()
    }


def _keys(data) -> dict:
    data = data[0] if isinstance(data, list) else data
    return {k: _keys(v) if isinstance(v, dict | list) and v else None for k, v in data.items()}


def test_the_fast_coverage_and_tree_data_match_their_documented_serializers(
    client, chain, guangzhou
):
    from notices import trace
    from notices.serializers import CoverageWithDivisionsSerializer, TreeRowSerializer

    origin = chain[0]
    data = client.get(f"/api/v1/notices/{origin.pk}/coverage/").json()
    assert _keys(data) == _fields(CoverageWithDivisionsSerializer())
    rows = trace.tree(origin)
    assert [TreeRowSerializer.as_data(r) for r in rows] == TreeRowSerializer(rows, many=True).data


def test_coverage_lists_authorities_without_a_forwarding_as_not_on_record(client, chain, guangzhou):
    data = client.get(f"/api/v1/notices/{chain[0].pk}/coverage/").json()
    rows = {r["authority"]["name"]: r for g in data["regions"] for r in g["rows"]}
    guangzhou_row = rows[guangzhou.name]
    assert (guangzhou_row["forwarded"], guangzhou_row["notice"], guangzhou_row["days"]) == (
        False,
        None,
        None,
    )
    fuzhou = rows["福州市人力资源和社会保障局"]
    assert (fuzhou["doc_number"], fuzhou["issued_on"]) == ("榕人社培〔2017〕139号", "2017-12-19")
    assert [(g["name"], g["forwarded"], len(g["rows"])) for g in data["regions"]] == [
        ("福建省人力资源和社会保障厅", 2, 2),
        ("广东省人力资源和社会保障厅", 0, 2),
    ]


def test_a_national_coverage_runs_at_most_five_queries_however_many_forward(client, chain):
    origin, province, city = chain
    for n in range(40):
        make_notice(city.issuer, doc_number=f"榕人社〔2018〕{n + 1}号", forwards=province)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/notices/{origin.pk}/coverage/")
    assert response.status_code == 200
    # the notice, each issuer's first forwarding, the region's authorities, the reminders
    assert len(captured) <= 5
    divisions = response.json()["divisions"]
    assert sum(d["level"] == "municipal" for d in divisions) > 300


def test_coverage_gives_the_days_each_authority_took(client, chain):
    origin = chain[0]
    data = client.get(f"/api/v1/notices/{origin.pk}/coverage/").json()
    days = {r["authority"]["name"]: r["days"] for g in data["regions"] for r in g["rows"]}
    assert days == {"福建省人力资源和社会保障厅": 66, "福州市人力资源和社会保障局": 32}
