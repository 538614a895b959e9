# Varnish 7 in front of Newsroom, purged by content key (vmod-xkey from
# Debian's varnish-modules). Django sends each page's keys in the `xkey`
# header; after a change its background worker sends
#     PURGE / with  xkey-purge: story:12 …
#                   X-Purge-Secret: <NEWSROOM_VARNISH_PURGE_SECRET>
# and, for the lists and fragments an ordinary edit of a story touches,
#     PURGE / with  xkey-softpurge: card:12 list:home …
# A hard purge is gone at once (a withdrawal, a correction, the edited
# story's own page); a soft-purged copy is served for at most 2 s more while
# one fetch renews it (NEWSROOM_LAG_SECONDS on the app servers).
# (NEWSROOM_HTTP_CACHE=varnish, NEWSROOM_VARNISH_URLS=http://this-varnish:6081).
# Who may purge (addresses and the secret) is set in purge.vcl.
vcl 4.1;

import std;
import xkey;

# The app servers (and their health probe): see backend.vcl.
include "backend.vcl";
# The purgers ACL and the purge secret.
include "purge.vcl";

sub vcl_recv {
    call newsroom_purge_secret;
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden: not a purging address"));
        }
        if (req.http.x-newsroom-expected-secret == ""
            || req.http.X-Purge-Secret != req.http.x-newsroom-expected-secret) {
            return (synth(403, "Forbidden: no or wrong purge secret"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged));
        }
        if (req.http.xkey-softpurge) {
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.x-purged));
        }
        return (synth(400, "No xkey-purge or xkey-softpurge header"));
    }
    # Neither travels further than this cache.
    unset req.http.x-newsroom-expected-secret;
    unset req.http.X-Purge-Secret;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff (a session) and their pages are never cached.
    if (req.url ~ "^/(admin|preview)/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # A reader's other cookies (csrftoken) change nothing on a public page.
    unset req.http.Cookie;
    # While the app answers, a page is never served after a hard purge nor
    # past a scheduled change (vcl_hit); a soft-purged one is, for 2 s, while
    # a single fetch renews it. While the app fails, readers get the copies
    # kept (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 2s;
    } else {
        set req.grace = 24h;
    }
    # Shared fragments (the Top Stories feed under every story) come as ESI
    # includes, cached and purged on their own keys.
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";
    return (hash);
}

sub vcl_hit {
    # A copy that reached the next scheduled change (the app sends those
    # without stale-while-revalidate) is not served late: fetched anew.
    if (obj.ttl <= 0s && std.healthy(req.backend_hint)
        && obj.http.Cache-Control !~ "stale-while-revalidate") {
        return (pass);
    }
}

sub vcl_backend_fetch {
    # Renewing a soft-purged copy waits for no reader: one connection at a
    # time (backend.vcl).
    if (bereq.is_bgfetch) {
        set bereq.backend = background;
    }
}

sub vcl_backend_response {
    # Only what names its content keys can be purged, so only that is kept
    # (static and media files have hashed or unique names).
    if (!beresp.http.xkey && bereq.url !~ "^/(static|media)/") {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Keep every page a day past its time, for when the app fails.
    set beresp.grace = 24h;
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_backend_error {
    # A renewal that failed (the background connection busy, the app down)
    # keeps the copy readers are getting.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # The keys are for this cache, not for browsers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
