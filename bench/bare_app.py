"""The baseline for bench/webhook.py: a Flask app that parses the same form and answers empty TwiML.

It reads the form as the webhook does (every field, decoded), so the ratio measures what the front
desk adds on top of Flask, gunicorn and the form itself: the ceiling of a design that answers inline.
"""

from flask import Flask, Response, request


def create_app() -> Flask:
    app = Flask(__name__)

    @app.post("/twilio/sms")
    def empty_twiml():
        fields = request.form.to_dict()
        if not fields.get("MessageSid"):
            return Response("missing MessageSid", status=400)
        return Response('<?xml version="1.0" encoding="UTF-8"?><Response />', mimetype="text/xml")

    return app
