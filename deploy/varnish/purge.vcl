# Who may purge this Varnish: edit for your app servers, then restart.
#
# A PURGE must come from an address in `purgers` AND carry the secret the
# app servers send (NEWSROOM_VARNISH_PURGE_SECRET) in `X-Purge-Secret`.
# The address alone is not enough: a TLS proxy on this host makes every
# reader look like 127.0.0.1. Until a secret is set here, every purge is
# refused (and the app's worker logs the 403s and retries).

acl purgers {
    # The app servers' hosts (where `manage.py db_worker` runs), e.g.
    # "10.0.0.0"/24; loopback for an app server on this host.
    "127.0.0.1";
    "::1";
}

sub newsroom_purge_secret {
    # A long random value, the same as the app servers' secret:
    #     python3 -c 'import secrets; print(secrets.token_urlsafe(32))'
    set req.http.x-newsroom-expected-secret = "";
}
