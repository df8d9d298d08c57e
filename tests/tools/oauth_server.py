"""Starts a strict OAuth 2.0 authorization server (Authlib on Flask, state in memory)
on 127.0.0.1 with an OS-chosen port, for the OAuth tests (tests/tests/oauth.rs).

Clients: "web-app" (authorization code with PKCE S256 required, rotating refresh
tokens, secret in the POST body) and "service" (client credentials, HTTP Basic). The
user "ada" is always signed in and approves, so /authorize redirects straight back.
Run as `oauth_server.py [--access-token-lifetime SECONDS] [--redirect-uri URI]`; it
prints one JSON line (endpoints and client secrets) and serves until its standard input
closes. Besides /api/me, the protected resource answers at HubSpot's account-details
path, for the axum example (examples/oauth-connect).
"""

import argparse
import json
import logging
import secrets
import sys
import threading
import time

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.integrations.flask_oauth2 import current_token
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, InvalidGrantError, InvalidRequestError
from authlib.oauth2.rfc6749 import grants, scope_to_list
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

parser = argparse.ArgumentParser()
parser.add_argument("--access-token-lifetime", type=int, default=3600)
parser.add_argument("--redirect-uri", default="http://127.0.0.1:9/callback")
ARGS = parser.parse_args()
LIFETIME = ARGS.access_token_lifetime
CODE_LIFETIME = 300  # authorization codes live 5 minutes
REFRESH_LIFETIME = 86400  # refresh tokens outlive access tokens: a day
REDIRECT_URI = ARGS.redirect_uri  # web-app's one registered redirect URI

# All mutable state, guarded by one lock (the tests make concurrent calls).
LOCK = threading.Lock()
CODES = {}  # code -> AuthCode
TOKENS = []  # every Token issued, in order
BY_ACCESS = {}  # access token -> Token
BY_REFRESH = {}  # refresh token -> Token
STATS = dict(
    authorization_code=0, refresh_token=0, client_credentials=0, api_calls=0, api_refused=0
)
ADA = "ada"  # the one resource owner


class Client(ClientMixin):
    def __init__(self, client_id, auth_method, grant_types, scope, redirect_uris=()):
        self.client_id, self.auth_method = client_id, auth_method
        self.client_secret = secrets.token_urlsafe(24)
        self.grant_types, self.scope = grant_types, scope
        self.redirect_uris = list(redirect_uris)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        # Strict: a scope the client may not have is an error (None makes Authlib
        # raise invalid_scope), not silently dropped. No scope means all of its own.
        if not scope:
            return self.scope
        ok = set(scope_to_list(scope)) <= set(scope_to_list(self.scope))
        return scope if ok else None

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris  # exact string match only

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(self.client_secret, client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        # At the token endpoint each client may authenticate only its own way.
        return method == self.auth_method if endpoint == "token" else True

    def check_response_type(self, response_type):
        return response_type == "code" and "authorization_code" in self.grant_types

    def check_grant_type(self, grant_type):
        return grant_type in self.grant_types


WEB = Client(
    "web-app",
    "client_secret_post",
    ["authorization_code", "refresh_token"],
    "contacts.read contacts.write",
    [REDIRECT_URI],
)
SERVICE = Client("service", "client_secret_basic", ["client_credentials"], "payments")
CLIENTS = {WEB.client_id: WEB, SERVICE.client_id: SERVICE}


class AuthCode:
    def __init__(self, code, request):
        data = request.payload.data
        self.code, self.user = code, request.user
        self.client_id = request.client.get_client_id()
        self.redirect_uri, self.scope = request.payload.redirect_uri, request.scope
        self.code_challenge = data.get("code_challenge")
        self.code_challenge_method = data.get("code_challenge_method")
        self.expires_at = time.time() + CODE_LIFETIME

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope


class Token:
    # An access token and (except for client credentials) a refresh token; the
    # methods are those of Authlib's TokenMixin that the grants and validator use.

    def __init__(self, data, request):
        now = time.time()
        self.access_token = data["access_token"]
        self.refresh_token = data.get("refresh_token")
        self.scope = data.get("scope", "")
        self.client_id, self.user = request.client.get_client_id(), request.user
        self.access_expires_at = now + data["expires_in"]
        self.refresh_expires_at = now + REFRESH_LIFETIME
        self.refresh_revoked = False

    def check_client(self, client):
        return self.client_id == client.get_client_id()

    def get_scope(self):
        return self.scope

    def is_expired(self):
        return time.time() >= self.access_expires_at

    def is_revoked(self):
        return False  # /admin/expire moves access_expires_at into the past instead

    def get_user(self):
        return self.user


def save_token(data, request):
    token = Token(data, request)
    with LOCK:
        TOKENS.append(token)
        BY_ACCESS[token.access_token] = token
        if token.refresh_token:
            BY_REFRESH[token.refresh_token] = token
        STATS[request.payload.grant_type] += 1  # counts successful issuances only


class RequireS256(CodeChallenge):
    """PKCE on every authorization request, S256 only: CodeChallenge(required=True)
    alone demands a code_verifier only from public clients, and web-app is not one."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge'")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256")
        super().validate_code_challenge(grant, redirect_uri)


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    def save_authorization_code(self, code, request):
        with LOCK:
            CODES[code] = AuthCode(code, request)

    def query_authorization_code(self, code, client):
        with LOCK:
            item = CODES.get(code)
        if item and item.client_id == client.get_client_id():
            return item if time.time() < item.expires_at else None

    def create_token_response(self):
        # Spend the code atomically (after every check passed), so that of two
        # concurrent exchanges only one succeeds; reuse is then invalid_grant.
        with LOCK:
            if CODES.pop(self.request.authorization_code.code, None) is None:
                raise InvalidGrantError("Invalid 'code' in request.")
        return super().create_token_response()

    def delete_authorization_code(self, authorization_code):
        pass  # already removed by create_token_response

    def authenticate_user(self, authorization_code):
        return authorization_code.user


class RefreshTokenGrant(grants.RefreshTokenGrant):
    # Authlib's default is client_secret_basic only; web-app uses the POST body.
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation: every refresh issues a new one

    def authenticate_refresh_token(self, refresh_token):
        with LOCK:
            token = BY_REFRESH.get(refresh_token)
        if token and not token.refresh_revoked:
            return token if time.time() < token.refresh_expires_at else None

    def authenticate_user(self, refresh_token):
        return refresh_token.get_user()

    def create_token_response(self):
        # Revoke the old refresh token atomically before issuing the new one, so it
        # is spent once even by concurrent requests. (Scope was checked already.)
        old = self.request.refresh_token
        with LOCK:
            if old.refresh_revoked:
                raise InvalidGrantError()
            old.refresh_revoked = True
        return super().create_token_response()

    def revoke_old_credential(self, refresh_token):
        pass  # done above; the old access token stays valid until it expires


class Validator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        with LOCK:
            return BY_ACCESS.get(token_string)


app = Flask(__name__)
app.config["OAUTH2_REFRESH_TOKEN_GENERATOR"] = True
app.config["OAUTH2_SCOPES_SUPPORTED"] = ["contacts.read", "contacts.write", "payments"]
app.config["OAUTH2_TOKEN_EXPIRES_IN"] = dict.fromkeys(
    ["authorization_code", "refresh_token", "client_credentials"], LIFETIME
)
server = AuthorizationServer(app, query_client=CLIENTS.get, save_token=save_token)
server.register_grant(AuthorizationCodeGrant, [RequireS256(required=True)])
server.register_grant(RefreshTokenGrant)
server.register_grant(grants.ClientCredentialsGrant)  # client_secret_basic only
require_oauth = ResourceProtector()
require_oauth.register_token_validator(Validator())


@app.get("/authorize")
def authorize():
    # An unknown client or an unregistered redirect_uri gets a 400 JSON error here;
    # errors found once the redirect_uri is trusted redirect to it with ?error=.
    try:
        grant = server.get_consent_grant(end_user=ADA)
    except OAuth2Error as error:
        return server.handle_error_response(None, error)
    return server.create_authorization_response(grant_user=ADA, grant=grant)


@app.post("/token")
def token_endpoint():
    return server.create_token_response()


@app.get("/api/me")
@require_oauth()
def me():
    with LOCK:
        STATS["api_calls"] += 1
    # The token's user is None (null) for a client-credentials token.
    t = current_token
    return jsonify(user=t.user, scope=t.scope, client_id=t.client_id)


@app.get("/account-info/v3/details")
@require_oauth()
def account_details():
    # HubSpot's account-details shape, for the token's user.
    with LOCK:
        STATS["api_calls"] += 1
    return jsonify(
        portalId=62515,
        accountType="STANDARD",
        timeZone="US/Eastern",
        companyCurrency="USD",
        uiDomain="app.hubspot.com",
        dataHostingLocation="na1",
        user=current_token.user,
    )


@app.after_request
def count_refused_calls(response):
    # How many API calls the server turned away for want of a live token.
    if response.status_code == 401 and not request.path.startswith(("/token", "/admin")):
        with LOCK:
            STATS["api_refused"] += 1
    return response


@app.get("/admin/stats")
def stats():
    with LOCK:
        return jsonify(STATS)


@app.post("/admin/expire")
def expire():
    with LOCK:
        for token in TOKENS:
            token.access_expires_at = min(token.access_expires_at, time.time() - 1)
        return jsonify(expired=len(TOKENS))


logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log lines
http = make_server("127.0.0.1", 0, app, threaded=True)
threading.Thread(target=http.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{http.server_port}"
info = {
    "base": base,
    "authorize": base + "/authorize",
    "token": base + "/token",
    "api": base + "/api/me",
    "stats": base + "/admin/stats",
    "expire": base + "/admin/expire",
    "web_client_id": WEB.client_id,
    "web_client_secret": WEB.client_secret,
    "redirect_uri": REDIRECT_URI,
    "service_client_id": SERVICE.client_id,
    "service_client_secret": SERVICE.client_secret,
}
print(json.dumps(info), flush=True)
sys.stdin.read()
http.shutdown()
