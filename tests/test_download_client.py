"""The production download client: binary bodies intact, redirects followed, reading stops past the cap."""

import threading

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from twilio_account.client import CHUNK_BYTES, DownloadHttpClient

PHOTO = bytes(range(256)) * 64  # 16 KiB of every byte value


@Request.application
def _files(request):
    if request.path == "/redirect":
        return Response(status=307, headers={"Location": "/photo"})
    if request.path == "/photo":
        return Response(PHOTO, mimetype="image/jpeg")
    if request.path == "/huge":
        return Response(PHOTO * 64, mimetype="image/jpeg")  # 1 MiB
    return Response("no", status=404)


@pytest.fixture(scope="module")
def server_url():
    server = make_server("127.0.0.1", 0, _files, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_binary_content_survives_and_redirects_are_followed(server_url):
    answer = DownloadHttpClient(max_bytes=len(PHOTO)).request("GET", f"{server_url}/redirect", auth=("AC1", "t"))
    assert answer.status_code == 200 and answer.content == PHOTO
    assert answer.headers["Content-Type"] == "image/jpeg"


def test_reading_stops_one_chunk_past_the_cap(server_url):
    answer = DownloadHttpClient(max_bytes=1000).request("GET", f"{server_url}/huge")
    assert 1000 < len(answer.content) <= 1000 + CHUNK_BYTES < len(PHOTO) * 64
