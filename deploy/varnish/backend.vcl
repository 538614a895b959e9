# The app server(s) behind Varnish. Pages can be rendered (uncached) as long
# as the database answers, so that is what the probe asks. A failing database
# answers 503 at once; the timeout is for an app that hangs, and is long
# enough that a busy one (its probe queued behind the pages an edit purged,
# a second or more on two workers) is not taken for a failed one: that would
# answer every purged page with a 503 until the probes recover.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = {
        .url = "/healthz?only=database";
        .interval = 2s;
        .timeout = 4s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# The same app servers, for renewing a soft-purged copy in the background
# (default.vcl, vcl_backend_fetch) while readers are served the old one. It
# takes at most one connection at a time (per app server), so that a page a
# hard purge emptied, which readers wait for, is never queued behind the
# lists an edit soft-purged. A renewal that finds it busy is dropped; the
# next reader of the copy asks again, and after the 2 s of grace a reader's
# own fetch renews it. (Varnish checks the limit before it connects, so two
# renewals asked in the same instant may now and then both get through.)
backend background {
    .host = "127.0.0.1";
    .port = "8000";
    .max_connections = 1;
}
