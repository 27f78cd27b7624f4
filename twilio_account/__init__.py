"""The business's Twilio account: REST clients, configuring its webhooks, checking it, fetching media."""
