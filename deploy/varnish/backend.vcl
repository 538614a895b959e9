# The app server(s) behind Varnish. Pages can be rendered (uncached) as long
# as the database answers, so that is what the probe asks.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = {
        .url = "/healthz?only=database";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}
