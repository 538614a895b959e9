# Varnish 7 in front of Newsroom, purged by content key (vmod-xkey from
# Debian's varnish-modules). Django sends each page's keys in the `xkey`
# header; after a change its background worker sends
#     PURGE / with  xkey-purge: story:12 …
#                   X-Purge-Secret: <NEWSROOM_VARNISH_PURGE_SECRET>
# and, for the lists and fragments an ordinary edit of a story touches,
#     PURGE / with  xkey-softpurge: card:12 list:home …
# A hard purge is gone at once (a withdrawal, a correction); a soft-purged
# copy is served for at most 2 s more while one fetch renews it
# (NEWSROOM_LAG_SECONDS on the app servers). The edited story's own page is
# renewed in place, so that no reader waits for it: the worker fetches it
#     GET /articles/<slug>/ with  X-Newsroom-Refresh: <token>
#                                 X-Newsroom-Refresh-Key: story:12
# (a miss however fresh the copy readers are getting), then purges every
# other copy carrying its key
#     PURGE / with  xkey-purge: story:12  xkey-keep: <token>
# before the edit's purge is acknowledged; both carry X-Purge-Secret.
# (NEWSROOM_HTTP_CACHE=varnish, NEWSROOM_VARNISH_URLS=http://this-varnish:6081).
# Who may purge (addresses and the secret) is set in purge.vcl.
vcl 4.1;

import std;
import str;
import xkey;

# The app servers (and their health probe): see backend.vcl.
include "backend.vcl";
# The purgers ACL and the purge secret.
include "purge.vcl";

sub vcl_recv {
    call newsroom_purge_secret;
    if (req.method == "PURGE") {
        call newsroom_purgers_only;
        if (req.http.xkey-purge && req.http.xkey-keep) {
            call newsroom_purge_all_but_kept;
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
    unset req.http.X-Newsroom-Refresh-Fragment;
    if (req.esi_level > 0) {
        # The fragments of a page being refreshed are fetched anew with it;
        # those showing its story (its related stories) keep the token
        # (vcl_backend_response).
        unset req.http.X-Newsroom-Refresh;
        unset req.http.X-Newsroom-Refresh-Key;
        if (req_top.http.X-Newsroom-Refresh) {
            set req.http.X-Newsroom-Refresh = req_top.http.X-Newsroom-Refresh;
            set req.http.X-Newsroom-Refresh-Key = req_top.http.X-Newsroom-Refresh-Key;
            set req.http.X-Newsroom-Refresh-Fragment = "1";
            set req.hash_always_miss = true;
        }
    } elsif (req.http.X-Newsroom-Refresh) {
        call newsroom_purgers_only;
        # Fetched anew beside the copies readers are getting, which stay
        # until the purge that follows it (xkey-keep).
        set req.hash_always_miss = true;
    } else {
        unset req.http.X-Newsroom-Refresh-Key;
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

sub newsroom_purgers_only {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden: not a purging address"));
    }
    if (req.http.x-newsroom-expected-secret == ""
        || req.http.X-Purge-Secret != req.http.x-newsroom-expected-secret) {
        return (synth(403, "Forbidden: no or wrong purge secret"));
    }
}

sub newsroom_purge_all_but_kept {
    # Every copy carrying one of the keys, but those a refresh just stored
    # with the token: a ban (xkey.purge would take those too). Keys are
    # names like story:12 and the token letters and digits, so neither can
    # change what the ban says.
    if (req.http.xkey-purge !~ "^[A-Za-z0-9:_-]+( [A-Za-z0-9:_-]+)*$"
        || req.http.xkey-keep !~ "^[A-Za-z0-9]{16,64}$") {
        return (synth(400, "Bad xkey-purge or xkey-keep"));
    }
    if (!std.ban("obj.http.xkey ~ (^|[[:space:]])(" +
            regsuball(req.http.xkey-purge, " ", "|") +
            ")([[:space:]]|$) && obj.http.x-newsroom-refresh != " +
            req.http.xkey-keep)) {
        return (synth(500, "Ban refused: " + std.ban_error()));
    }
    return (synth(200, "Purged all but the refreshed copies"));
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
    # A refreshed copy is known by its token (newsroom_purge_all_but_kept).
    if (bereq.http.X-Newsroom-Refresh) {
        if (bereq.http.X-Newsroom-Refresh-Fragment && !str.contains(
                " " + beresp.http.xkey + " ",
                " " + bereq.http.X-Newsroom-Refresh-Key + " ")) {
            # A fragment not showing the story (Top Stories): readers keep
            # their copy, and this one is not kept beside it.
            set beresp.ttl = 0s;
            set beresp.grace = 0s;
            set beresp.keep = 0s;
            return (deliver);  # not a hit-for-miss (the built-in VCL)
        } else {
            set beresp.http.x-newsroom-refresh = bereq.http.X-Newsroom-Refresh;
        }
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
    unset resp.http.x-newsroom-refresh;
}
