"""The public site: what readers get, every page, feed, sitemap and API
answer selected through `Article.objects.live()`."""
