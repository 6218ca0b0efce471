from django.core.management import call_command

from authorities.models import Authority, Level


def test_loading_gives_the_ministry_and_thirty_one_provincial_departments(db):
    call_command("load_authorities", verbosity=0)
    assert Authority.objects.filter(level=Level.NATIONAL).count() == 1
    provinces = Authority.objects.filter(level=Level.PROVINCIAL)
    assert provinces.count() == 31
    assert {p.parent.name for p in provinces} == {"人力资源社会保障部"}
    assert provinces.get(division_code="350000").name == "福建省人力资源和社会保障厅"
    assert provinces.get(division_code="110000").name == "北京市人力资源和社会保障局"


def test_the_seeds_city_is_loaded_under_its_province(db):
    call_command("load_authorities", verbosity=0)
    fuzhou = Authority.objects.get(name="福州市人力资源和社会保障局")
    assert (fuzhou.level, fuzhou.division_code) == (Level.MUNICIPAL, "350100")
    assert fuzhou.parent.division_code == "350000"


def test_loading_twice_changes_nothing(db):
    call_command("load_authorities", verbosity=0)
    before = list(Authority.objects.order_by("pk").values_list())
    call_command("load_authorities", verbosity=0)
    assert list(Authority.objects.order_by("pk").values_list()) == before
