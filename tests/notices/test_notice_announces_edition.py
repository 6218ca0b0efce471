from io import StringIO

from django.core.management import call_command

from notices.models import Notice


def test_edition_pages_link_the_notice_that_announced_the_edition(client, db):
    call_command("load_authorities", stdout=StringIO())
    call_command("import_notice", "data/seeds/000_fc6201608e7ab29d.txt", stdout=StringIO())
    call_command("load_catalogue", stdout=StringIO())
    ministry_notice = Notice.objects.get(doc_number="人社部发〔2017〕68号")
    link = f'href="/notices/{ministry_notice.pk}/"'
    assert link in client.get("/editions/2017/").content.decode()
    assert link in client.get("/editions/").content.decode()


def test_the_announcing_notice_shows_and_links_its_attachment_the_catalogue(client, db):
    call_command("load_authorities", stdout=StringIO())
    call_command("import_notice", "data/seeds/000_fc6201608e7ab29d.txt", stdout=StringIO())
    call_command("load_catalogue", stdout=StringIO())
    notice = Notice.objects.get(doc_number="人社部发〔2017〕68号")
    html = client.get(notice.get_absolute_url()).content.decode()
    attachments = html.split("附件：")[1].split("</ol>")[0]
    assert '<a href="/editions/2017/">国家职业资格目录</a>' in attachments
