"""The baseline for bench/webhook.py: a Flask app that answers every POST with empty TwiML."""

from flask import Flask, Response


def create_app() -> Flask:
    app = Flask(__name__)

    @app.post("/twilio/sms")
    def empty_twiml():
        return Response('<?xml version="1.0" encoding="UTF-8"?><Response />', mimetype="text/xml")

    return app
