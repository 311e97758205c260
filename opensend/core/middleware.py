"""Content Security Policy with a fresh nonce per response.

Only scripts we serve, or inline scripts carrying this response's nonce (the GOV.UK template's
one-line "js-enabled" script), may run. Styles and images come from our own origin; QR codes for
authenticator apps arrive as data: images.
"""

import secrets

POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'nonce-{nonce}'; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = POLICY.format(nonce=request.csp_nonce)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
