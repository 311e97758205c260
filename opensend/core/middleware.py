"""Content Security Policy with a fresh nonce per response.

Only scripts we serve, or inline scripts carrying this response's nonce (the GOV.UK template's
one-line "js-enabled" script), may run. Styles and images come from our own origin; QR codes for
authenticator apps arrive as data: images.

No other site may frame our pages (frame-ancestors 'none'), except a response that sets
`csp_frame_ancestors` (e.g. a school's published SEN information report, made to be shown
inside the school's own website): its value replaces 'none' for that response only.
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
            policy = POLICY.format(nonce=request.csp_nonce)
            ancestors = getattr(response, "csp_frame_ancestors", None)
            if ancestors:
                policy = policy.replace("frame-ancestors 'none'", f"frame-ancestors {ancestors}")
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
