"""The settings a benchmark runs the service with: its own database and Redis, texts kept in the outbox."""

from __future__ import annotations


def outbox_settings(database_url: str, redis_url: str, business: str):
    """Settings for `business` whose texts go to the outbox (no Twilio), installed as the process's runtime settings."""
    import runtime
    from config import Settings

    settings = Settings(database_url=database_url, redis_url=redis_url, twilio_auth_token="bench-auth-token",
                        twilio_number="+13055550199", business_name=business, business_phone="+13055550199",
                        sender="outbox")
    runtime.configure(settings)
    return settings
