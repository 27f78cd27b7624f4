from app import create_app


def test_healthy_when_database_and_redis_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "redis": "ok"}


def test_503_names_redis_when_it_is_down(settings):
    response = create_app(settings.with_overrides(redis_url="redis://127.0.0.1:1/0")).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["redis"].startswith("failed") and response.json["database"] == "ok"


def test_503_names_the_database_when_it_is_down(settings):
    broken = settings.with_overrides(database_url="postgresql+psycopg://postgres@127.0.0.1:1/none")
    response = create_app(broken).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"].startswith("failed") and response.json["redis"] == "ok"
