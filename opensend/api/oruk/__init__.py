"""The Local Offer as Open Referral UK 3.0 (issue 11 item 4): `api.oruk_api`, served at /oruk/."""
