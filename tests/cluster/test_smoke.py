from tests.conftest import column, publish_article


def test_portal_home_lists_latest_news(client, cluster):
    publish_article(column(cluster["homes"]["city"], "zwyw"), "示例市召开全市经济工作会议")
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "示例市召开全市经济工作会议" in response.content.decode()


def test_department_site_served_on_its_hostname(client, cluster):
    publish_article(column(cluster["homes"]["edu"], "gzdt"), "教育局部署秋季开学工作")
    response = client.get("/", HTTP_HOST="jyj.localhost")
    assert "教育局部署秋季开学工作" in response.content.decode()
