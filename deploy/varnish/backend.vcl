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
